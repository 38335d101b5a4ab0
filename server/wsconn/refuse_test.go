package wsconn_test

import (
	"bytes"
	"errors"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"yunyou/protocol"
	"yunyou/server/servertest"
	"yunyou/server/wsconn"
)

// hangGuard bounds waits for the server to notice a closed connection: a
// guard against hangs, not a timing assertion.
const hangGuard = 10 * time.Second

// refused dials and returns the refusal, failing the test if the server
// accepted.
func refused(t *testing.T, srv *servertest.Server) *servertest.DialError {
	t.Helper()
	_, err := srv.DialHeader(t, nil)
	var de *servertest.DialError
	if !errors.As(err, &de) {
		t.Fatalf("dial = %v; want an HTTP refusal", err)
	}
	return de
}

// Connections over a limit are refused before the upgrade with a status
// and a sentence that say what happened, and the visitors already in the
// session hear nothing of them.
func TestConnectionLimits(t *testing.T) {
	sc := defaultScene(t)
	cases := []struct {
		name   string
		limits wsconn.ConnLimits
		close  bool // close each accepted connection before the next dial
		status int
		body   string
		retry  bool // a Retry-After header
	}{
		{name: "open connections per address", limits: wsconn.ConnLimits{MaxConnsPerAddr: 2, RatePerAddr: 1000},
			status: http.StatusTooManyRequests, body: "Too many connections from your network (2 open)"},
		{name: "new connections per address", limits: wsconn.ConnLimits{MaxConnsPerAddr: 100, BurstPerAddr: 2, RatePerAddr: 0.001}, close: true,
			status: http.StatusTooManyRequests, body: "Too many new connections from your network", retry: true},
		{name: "open connections on the server", limits: wsconn.ConnLimits{MaxConns: 2},
			status: http.StatusServiceUnavailable, body: "The server is full (2 visitors connected)", retry: true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			srv := servertest.Start(t, servertest.WithConnLimits(tc.limits))
			var first *servertest.Client
			for i := range 2 {
				c := srv.Dial(t)
				if tc.close {
					c.Conn.Close()
					continue
				}
				c.Hello(sc.ID, "Visitor")
				if i == 0 {
					first = c
				}
			}
			de := refused(t, srv)
			if de.Status != tc.status || !strings.Contains(de.Body, tc.body) {
				t.Errorf("refused with %d %q; want %d saying %q", de.Status, de.Body, tc.status, tc.body)
			}
			if got := de.Header.Get("Retry-After") != ""; got != tc.retry {
				t.Errorf("Retry-After %q; want one: %v", de.Header.Get("Retry-After"), tc.retry)
			}
			if first != nil {
				// The visitor already in saw the second arrive and no one else.
				first.ExpectType(protocol.TypeJoin, nil)
				first.Chat("still here")
				if m := first.Expect("own chat line", func(m servertest.Message) bool { return !m.Binary }); m.Type != protocol.TypeChat {
					t.Errorf("after the refusal the first visitor got %s; want only its chat line", m.Data)
				}
			}
		})
	}
}

// A connection that ends frees its place for the next visitor from the
// same address.
func TestClosedConnectionFreesItsPlace(t *testing.T) {
	srv := servertest.Start(t, servertest.WithConnLimits(wsconn.ConnLimits{MaxConnsPerAddr: 1, RatePerAddr: 1000}))
	c := srv.Dial(t)
	refused(t, srv)
	c.Conn.Close()
	for deadline := time.Now().Add(hangGuard); ; time.Sleep(10 * time.Millisecond) {
		if _, err := srv.DialHeader(t, nil); err == nil {
			return
		}
		if time.Now().After(deadline) {
			t.Fatal("the address stays at its limit after its only connection closed")
		}
	}
}

// syncBuffer is a bytes.Buffer for many goroutines.
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

// Anyone can send refused requests by the thousand; the log keeps a line
// for each at Debug and warns only now and then.
func TestRefusalsDoNotFloodTheLog(t *testing.T) {
	const attempts = 100
	var log syncBuffer
	srv := servertest.Start(t, servertest.WithLog(&log),
		servertest.WithConnLimits(wsconn.ConnLimits{MaxConnsPerAddr: 1, BurstPerAddr: 10 * attempts, RatePerAddr: 1000}))
	for range attempts {
		// Not a WebSocket request: the upgrade refuses it.
		resp, err := http.Get(srv.URL + "/ws")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusBadRequest {
			t.Fatalf("GET /ws without an upgrade = %d; want 400", resp.StatusCode)
		}
	}
	srv.Dial(t)
	for range attempts {
		refused(t, srv) // over the per-address limit
	}
	var warns, debugs int
	for _, line := range strings.Split(log.String(), "\n") {
		if !strings.Contains(line, "refused") {
			continue
		}
		switch {
		case strings.Contains(line, "level=WARN"):
			warns++
		case strings.Contains(line, "level=DEBUG"):
			debugs++
		}
	}
	// Two kinds of refusal; a slow machine may cross a logging period.
	if warns == 0 || warns > 6 {
		t.Errorf("%d warnings for %d refusals; want one or two per kind of refusal:\n%s", warns, 2*attempts, log.String())
	}
	if debugs != 2*attempts {
		t.Errorf("%d debug lines for %d refusals; want one each", debugs, 2*attempts)
	}
}
