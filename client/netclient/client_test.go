//go:build !js

// The connection tests run natively: they need a real server on loopback,
// which Node cannot host for a WebAssembly test.

package netclient

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"yunyou/protocol"
)

// fakeServer accepts WebSockets, records what each connection sent, and
// lets a test write to or drop the latest connection.
type fakeServer struct {
	*httptest.Server
	mu    sync.Mutex
	conns []*websocket.Conn
	got   [][]frame // per connection, frames received
}

type frame struct {
	binary bool
	data   []byte
}

func newFakeServer(t *testing.T) *fakeServer {
	s := &fakeServer{}
	up := websocket.Upgrader{}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ws, err := up.Upgrade(w, r, nil)
		if err != nil {
			return
		}
		s.mu.Lock()
		i := len(s.conns)
		s.conns = append(s.conns, ws)
		s.got = append(s.got, nil)
		s.mu.Unlock()
		for {
			kind, data, err := ws.ReadMessage()
			if err != nil {
				return
			}
			s.mu.Lock()
			s.got[i] = append(s.got[i], frame{kind == websocket.BinaryMessage, data})
			s.mu.Unlock()
		}
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *fakeServer) wsURL() string { return "ws" + strings.TrimPrefix(s.URL, "http") }

func (s *fakeServer) received(conn int) []frame {
	s.mu.Lock()
	defer s.mu.Unlock()
	if conn >= len(s.got) {
		return nil
	}
	return append([]frame(nil), s.got[conn]...)
}

func (s *fakeServer) latest() *websocket.Conn {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.conns[len(s.conns)-1]
}

// waitFor polls the client until cond holds, failing after a generous
// bound (a hang, not a performance limit).
func waitFor(t *testing.T, c *Client, what string, cond func(evs []Event) bool) []Event {
	t.Helper()
	var all []Event
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		all = c.Poll(time.Now(), all)
		if cond(all) {
			return all
		}
		time.Sleep(5 * time.Millisecond)
	}
	t.Fatalf("timed out waiting for %s; events: %+v", what, all)
	return nil
}

func has(kind Kind) func([]Event) bool {
	return func(evs []Event) bool {
		for _, e := range evs {
			if e.Kind == kind {
				return true
			}
		}
		return false
	}
}

func TestHelloFirstThenFramesBothWays(t *testing.T) {
	srv := newFakeServer(t)
	c := New(srv.wsURL())
	if err := c.SendText([]byte("early")); err != ErrNotOpen {
		t.Errorf("SendText before connecting: %v, want ErrNotOpen", err)
	}
	c.Connect(hello)
	waitFor(t, c, "open", has(Opened))
	if st, _, _ := c.Status(); st != Open {
		t.Fatalf("state %v after Opened", st)
	}
	if err := c.SendText([]byte(`{"type":"chat","text":"hi"}`)); err != nil {
		t.Fatal(err)
	}
	if !c.SendPose(protocol.Pose{X: 1, Y: 1.6}, time.Now()) {
		t.Fatal("first pose not sent")
	}
	deadline := time.Now().Add(10 * time.Second)
	for len(srv.received(0)) < 3 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	got := srv.received(0)
	if len(got) != 3 || !bytes.Equal(got[0].data, hello) || got[0].binary {
		t.Fatalf("server got %+v; want the hello first, as text", got)
	}
	if got[2].binary != true || len(got[2].data) != protocol.PoseSize {
		t.Errorf("pose frame = %+v, want %d binary bytes", got[2], protocol.PoseSize)
	}

	ws := srv.latest()
	ws.WriteMessage(websocket.TextMessage, []byte(`{"type":"welcome"}`))
	snap := protocol.AppendSnapshot(nil, protocol.Snapshot{Tick: 1, Full: true})
	ws.WriteMessage(websocket.BinaryMessage, snap)
	evs := waitFor(t, c, "two messages", func(evs []Event) bool {
		n := 0
		for _, e := range evs {
			if e.Kind == Message {
				n++
			}
		}
		return n == 2
	})
	var msgs []Event
	for _, e := range evs {
		if e.Kind == Message {
			msgs = append(msgs, e)
		}
	}
	if msgs[0].Binary || string(msgs[0].Data) != `{"type":"welcome"}` || !msgs[1].Binary || !bytes.Equal(msgs[1].Data, snap) {
		t.Errorf("messages out of order or mangled: %+v", msgs)
	}
	if msgs[1].At.IsZero() {
		t.Error("message without arrival time")
	}
}

func TestReconnectsAndSaysHelloAgain(t *testing.T) {
	srv := newFakeServer(t)
	c := New(srv.wsURL())
	c.Connect(hello)
	waitFor(t, c, "open", has(Opened))
	c.SendPose(protocol.Pose{X: 1}, time.Now())

	srv.latest().Close() // the server drops the visitor
	evs := waitFor(t, c, "close", has(Closed))
	st, retryAt, err := c.Status()
	if st != Waiting || err == nil || evs[len(evs)-1].Err == nil {
		t.Fatalf("after a drop: state %v err %v; want Waiting with the reason", st, err)
	}
	if d := time.Until(retryAt); d > firstRetry*2 {
		t.Errorf("first redial in %v, want about %v", d, firstRetry)
	}
	// Poll with a clock past the retry time: it redials at once.
	var again []Event
	deadline := time.Now().Add(10 * time.Second)
	for !has(Opened)(again) && time.Now().Before(deadline) {
		again = c.Poll(retryAt, again)
		time.Sleep(5 * time.Millisecond)
	}
	if !has(Opened)(again) {
		t.Fatal("no reconnection")
	}
	for len(srv.received(1)) < 1 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	if got := srv.received(1); len(got) == 0 || !bytes.Equal(got[0].data, hello) {
		t.Fatalf("second connection got %+v first, want the hello", got)
	}
	// The same pose goes out again: the new connection has not seen it.
	if !c.SendPose(protocol.Pose{X: 1}, time.Now()) {
		t.Error("pose not resent after reconnecting")
	}
}

func TestStopEndsRedialling(t *testing.T) {
	srv := newFakeServer(t)
	c := New(srv.wsURL())
	c.Connect(hello)
	waitFor(t, c, "open", has(Opened))
	c.Stop(protocol.NewError(protocol.CodeVersion, "old client"))
	if evs := c.Poll(time.Now().Add(time.Hour), nil); len(evs) != 0 {
		t.Errorf("events after Stop: %+v", evs)
	}
	if st, _, err := c.Status(); st != Stopped || err == nil {
		t.Errorf("state %v err %v after Stop", st, err)
	}
}

func TestUnreachableServerReportsWhy(t *testing.T) {
	c := New("ws://127.0.0.1:1/ws")
	c.Connect(hello)
	evs := waitFor(t, c, "a failed dial", has(Closed))
	if e := evs[len(evs)-1]; e.Err == nil || !strings.Contains(e.Err.Error(), "127.0.0.1:1") {
		t.Errorf("close event %+v; want an error naming the address", e)
	}
}

func TestBackoffGrowsToACap(t *testing.T) {
	prev := time.Duration(0)
	for n := 1; n <= 10; n++ {
		d := Backoff(n, 0.5)
		if d < prev {
			t.Errorf("pause %d (%v) shorter than pause %d (%v)", n, d, n-1, prev)
		}
		prev = d
	}
	if Backoff(1, 0.5) != firstRetry || Backoff(20, 0.5) != maxRetry {
		t.Errorf("first pause %v, last %v; want %v and %v", Backoff(1, 0.5), Backoff(20, 0.5), firstRetry, maxRetry)
	}
	if lo, hi := Backoff(3, 0), Backoff(3, 0.999); lo >= hi || lo < 4*firstRetry*8/10 {
		t.Errorf("jitter range %v–%v", lo, hi)
	}
}
