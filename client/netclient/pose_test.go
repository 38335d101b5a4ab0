package netclient

import (
	"testing"
	"time"

	"yunyou/protocol"
)

var hello = []byte(`{"type":"hello","version":1,"scene":"mogao-257","name":"Ana"}`)

// fakeConn records frames instead of sending them.
type fakeConn struct {
	sent    [][]byte
	backlog int
}

func (f *fakeConn) send(binary bool, data []byte) error {
	f.sent = append(f.sent, append([]byte(nil), data...))
	return nil
}
func (f *fakeConn) buffered() int { return f.backlog }
func (f *fakeConn) close()        {}

func openClient(t *testing.T) (*Client, *fakeConn) {
	fc := &fakeConn{}
	c := &Client{dial: func(string, sink) conn { return fc }}
	c.Connect(hello)
	c.in.push(c.gen, Event{Kind: Opened})
	if evs := c.Poll(time.Now(), nil); len(evs) != 1 || evs[0].Kind != Opened {
		t.Fatalf("events %+v, want Opened", evs)
	}
	fc.sent = nil // forget the hello
	return c, fc
}

func TestPosesGoOutOnlyWhenChangedAndAtMostTwentyASecond(t *testing.T) {
	c, fc := openClient(t)
	start := time.Date(2025, 5, 1, 0, 0, 0, 0, time.UTC)
	p := protocol.Pose{X: 1, Y: 1.6, Z: 2}
	steps := []struct {
		name  string
		after time.Duration
		pose  protocol.Pose
		sent  bool
	}{
		{"first pose", 0, p, true},
		{"unchanged, much later", time.Second, p, false},
		{"moved less than the wire can show", 2 * time.Second, protocol.Pose{X: 1.001, Y: 1.6, Z: 2}, false},
		{"moved", 3 * time.Second, protocol.Pose{X: 1.5, Y: 1.6, Z: 2}, true},
		{"moved again too soon", 3*time.Second + 10*time.Millisecond, protocol.Pose{X: 1.6, Y: 1.6, Z: 2}, false},
		{"held-back change once the interval passed", 3*time.Second + MinPoseInterval, protocol.Pose{X: 1.6, Y: 1.6, Z: 2}, true},
		{"turned", 4 * time.Second, protocol.Pose{X: 1.6, Y: 1.6, Z: 2, Yaw: 0.3}, true},
	}
	for _, s := range steps {
		n := len(fc.sent)
		got := c.SendPose(s.pose, start.Add(s.after))
		if got != s.sent || (len(fc.sent) > n) != s.sent {
			t.Errorf("%s: sent = %v (%d frames), want %v", s.name, got, len(fc.sent)-n, s.sent)
		}
	}
	last, err := protocol.DecodePose(fc.sent[len(fc.sent)-1])
	if err != nil || last != protocol.Quantize(protocol.Pose{X: 1.6, Y: 1.6, Z: 2, Yaw: 0.3}) {
		t.Errorf("last frame decodes to %+v, %v", last, err)
	}

	// Over one second of frames at 60 a second while walking, at most
	// TickRate (+1 for the first) poses go out.
	fc.sent = nil
	t1 := start.Add(10 * time.Second)
	for i := 0; i < 60; i++ {
		c.SendPose(protocol.Pose{X: float32(i) / 10, Y: 1.6}, t1.Add(time.Duration(i)*time.Second/60))
	}
	if n := len(fc.sent); n > protocol.TickRate+1 || n < protocol.TickRate-1 {
		t.Errorf("walking for a second sent %d poses, want about %d", n, protocol.TickRate)
	}
}

func TestPosesWaitWhileTheLinkIsStalled(t *testing.T) {
	c, fc := openClient(t)
	fc.backlog = maxBufferedSend + 1
	if c.SendPose(protocol.Pose{X: 3}, time.Now()) {
		t.Error("pose queued behind a stalled link")
	}
	fc.backlog = 0
	if !c.SendPose(protocol.Pose{X: 3}, time.Now()) {
		t.Error("pose not sent once the link drained")
	}
}

func TestEventsFromAReplacedConnectionAreIgnored(t *testing.T) {
	c, _ := openClient(t)
	old := c.gen
	c.Reconnect(nil, time.Now())
	c.in.push(old, Event{Kind: Message, Data: []byte("stale")})
	if evs := c.Poll(time.Now(), nil); len(evs) != 0 {
		t.Errorf("got %+v from a connection already closed", evs)
	}
}

func TestReconnectAfterTheServerAlreadyClosed(t *testing.T) {
	c, _ := openClient(t)
	// The server says it is restarting and closes at once: both arrive in
	// one Poll, and the game reacts to the message after the close.
	c.in.push(c.gen, Event{Kind: Message, Data: []byte(`{"type":"error","code":"restarting"}`)})
	c.in.push(c.gen, Event{Kind: Closed})
	now := time.Now()
	evs := c.Poll(now, nil)
	if len(evs) != 2 || evs[1].Kind != Closed {
		t.Fatalf("events %+v, want the message then the close", evs)
	}
	_, planned, _ := c.Status()
	reason := protocol.NewError(protocol.CodeRestarting, "back soon")
	c.Reconnect(reason, now.Add(time.Millisecond))
	st, retryAt, err := c.Status()
	if st != Waiting || !retryAt.Equal(planned) || err != reason {
		t.Errorf("after Reconnect: state %v retry %v (planned %v) err %v; want the planned redial kept, with the reason", st, retryAt, planned, err)
	}
}
