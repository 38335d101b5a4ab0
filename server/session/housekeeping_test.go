package session

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"yunyou/server/store"
)

// syncBuffer is a log destination that sessions' goroutines may share.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// testClock is a clock the test moves while sessions' goroutines read it.
type testClock struct{ ms atomic.Int64 }

func (c *testClock) set(t time.Time) { c.ms.Store(t.UnixMilli()) }
func (c *testClock) now() time.Time  { return time.UnixMilli(c.ms.Load()).UTC() }

// housekeepManager returns a Manager with tours kept in a fresh SQLite file,
// whose clock is clock, and its log. It closes both when the test ends.
func housekeepManager(t *testing.T, clock *testClock) (*Manager, *store.SQLite, *syncBuffer) {
	t.Helper()
	st, err := store.OpenSQLite(filepath.Join(t.TempDir(), "tours.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	log := &syncBuffer{}
	mgr := NewManager(slog.New(slog.NewTextHandler(log, nil)))
	mgr.now = clock.now
	mgr.UseTours(st, func(string) (SceneInfo, bool) { return SceneInfo{}, true })
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), hangGuard)
		defer cancel()
		if err := mgr.Close(ctx); err != nil {
			t.Errorf("closing the manager: %v", err)
		}
	})
	return mgr, st, log
}

func TestHousekeepingEndsIdleAndDeletesOldTours(t *testing.T) {
	ctx := context.Background()
	// The clock stands at the real time so that a running tour's session,
	// which ticks on the real clock, does not think itself idle and stop.
	now := time.Now().UTC().Truncate(time.Millisecond)
	clock := &testClock{}
	clock.set(now)
	mgr, st, log := housekeepManager(t, clock)
	day := 24 * time.Hour
	tours := []struct {
		code    string
		ended   bool
		updated time.Time
		running bool
		want    error // from TourInfo after housekeeping
	}{
		{"ENDOLD", true, now.Add(-8 * day), false, ErrUnknownTour},  // ended over a week ago: gone
		{"ENDNEW", true, now.Add(-6 * day), false, ErrTourEnded},    // ended this week: says so
		{"IDLE31", false, now.Add(-31 * day), false, ErrTourEnded},  // a month unused: ended
		{"IDLE29", false, now.Add(-29 * day), false, nil},           // still in use
		{"RUNS31", false, now.Add(-31 * day), true, nil},            // its session runs: kept
		{"JUSTNW", false, now, false, nil},                          // created just now
		{"ENDIDL", true, now.Add(-40 * day), false, ErrUnknownTour}, // ended long ago
	}
	for _, tc := range tours {
		err := st.CreateTour(ctx, store.Tour{
			Code: tc.code, Scene: "mogao-257", GuideName: "Wang", TokenHash: hashSecret("token"),
			Follow: true, Ended: tc.ended, NextID: 1, Created: tc.updated, Updated: tc.updated,
		})
		if err != nil {
			t.Fatal(err)
		}
		if tc.running {
			if err := mgr.startTour(ctx, tc.code); err != nil {
				t.Fatal(err)
			}
		}
	}

	mgr.housekeep(ctx)

	for _, tc := range tours {
		_, err := mgr.TourInfo(ctx, tc.code)
		if !errors.Is(err, tc.want) {
			t.Errorf("tour %s after housekeeping: TourInfo error %v; want %v", tc.code, err, tc.want)
		}
	}
	// The running tour is not ended behind its session's back: it starts
	// again, not ended, after a restart.
	if got, err := st.LoadTour(ctx, "RUNS31"); err != nil || got.Ended {
		t.Errorf("stored running tour: ended %v (err %v); want it kept", got.Ended, err)
	}
	// An idle tour's code stops working, with the message a visitor sees.
	if _, err := mgr.JoinTour(ctx, TourHello{Code: "IDLE31", Scene: "mogao-257"}, "Ana", quietPeer{}); !errors.Is(err, ErrTourEnded) {
		t.Errorf("joining a tour a month idle: %v; want %v", err, ErrTourEnded)
	}
	for _, want := range []string{`msg="deleted ended tours" tours=2`, `msg="ended idle tours" tours=1`} {
		if !strings.Contains(log.String(), want) {
			t.Errorf("the log does not say %s:\n%s", want, log)
		}
	}

	// A week later the tours ended then are deleted, and the tour that
	// was 29 days idle is now past a month and ends; a second pass at the
	// same time finds nothing to do and says nothing.
	clock.set(now.Add(7*day + time.Minute))
	before := log.String()
	mgr.housekeep(ctx)
	for code, want := range map[string]error{"ENDNEW": ErrUnknownTour, "IDLE31": ErrUnknownTour, "IDLE29": ErrTourEnded, "RUNS31": nil, "JUSTNW": nil} {
		if _, err := mgr.TourInfo(ctx, code); !errors.Is(err, want) {
			t.Errorf("tour %s a week later: TourInfo error %v; want %v", code, err, want)
		}
	}
	week := strings.TrimPrefix(log.String(), before)
	for _, want := range []string{`msg="deleted ended tours" tours=2`, `msg="ended idle tours" tours=1`} {
		if !strings.Contains(week, want) {
			t.Errorf("a week later the log does not say %s:\n%s", want, week)
		}
	}
	before = log.String()
	mgr.housekeep(ctx)
	if again := strings.TrimPrefix(log.String(), before); again != "" {
		t.Errorf("a pass with nothing to do logged:\n%s", again)
	}
}

// signalStore tells when housekeeping has ended idle tours, the last step
// of a pass.
type signalStore struct {
	store.Store
	passes chan struct{}
}

func (s signalStore) EndIdleBefore(ctx context.Context, t, at time.Time, running []string) (int, error) {
	defer func() { s.passes <- struct{}{} }()
	return s.Store.EndIdleBefore(ctx, t, at, running)
}

// Housekeep tidies as soon as the server starts, not an hour later, and
// stops when its context is done, as at a shutdown.
func TestHousekeepRunsAtStartAndStops(t *testing.T) {
	clock := &testClock{}
	clock.set(time.Now())
	mgr, st, _ := housekeepManager(t, clock)
	if err := st.CreateTour(context.Background(), store.Tour{Code: "IDLE31", Scene: "mogao-257", NextID: 1,
		Created: clock.now().Add(-31 * 24 * time.Hour), Updated: clock.now().Add(-31 * 24 * time.Hour)}); err != nil {
		t.Fatal(err)
	}
	sig := signalStore{Store: st, passes: make(chan struct{})}
	mgr.store = sig

	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		mgr.Housekeep(ctx)
	}()
	select {
	case <-sig.passes:
	case <-time.After(hangGuard):
		t.Fatal("Housekeep did not tidy when it started")
	}
	cancel()
	select {
	case <-done:
	case <-time.After(hangGuard):
		t.Fatal("Housekeep did not return when its context was done")
	}
	if got, err := st.LoadTour(context.Background(), "IDLE31"); err != nil || !got.Ended {
		t.Errorf("after the first pass the idle tour is ended=%v (err %v); want ended", got.Ended, err)
	}

	// Without tours there is nothing to tidy: it returns at once.
	none := quietManager()
	returned := make(chan struct{})
	go func() {
		defer close(returned)
		none.Housekeep(context.Background())
	}()
	select {
	case <-returned:
	case <-time.After(hangGuard):
		t.Fatal("Housekeep without tours did not return")
	}
}
