// Package netclient is the client's connection to a session server: one
// WebSocket (the browser's in the browser, gorilla/websocket's natively)
// behind one type that never blocks the game loop.
//
//	c := netclient.New("wss://example.org/ws")
//	c.Connect(helloJSON)             // sent first on every (re)connection
//	for each frame:
//		for _, ev := range c.Poll(now, evs[:0]) { ... }  // opened, message, closed
//		c.SendPose(pose, now)        // at most 20 a second, only when it changed
//		c.SendText(chatJSON)
//
// Frames arrive on the transport's own goroutine or callback and wait in a
// queue until Poll drains it. When the connection drops, the client dials
// again after a growing, jittered pause, until Stop.
package netclient

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"time"

	"yunyou/protocol"
)

// Reconnection and sending limits.
const (
	// firstRetry is the pause before the first redial: long enough not to
	// hammer a restarting server, short enough to feel like a blip.
	firstRetry = 500 * time.Millisecond
	// maxRetry caps the pause between redials.
	maxRetry = 15 * time.Second
	// stableAfter is how long a connection must last for the next drop to
	// count as a first failure again rather than one more in a row.
	stableAfter = 10 * time.Second
	// MinPoseInterval spaces pose frames: the session ticks TickRate times
	// a second, so more poses than that would never be seen.
	MinPoseInterval = time.Second / protocol.TickRate
	// maxServerMessage bounds a frame from the server: a full snapshot of
	// a full session is under 1 KB and control events are small, so
	// anything near this is a broken server.
	maxServerMessage = 1 << 20
	// maxBufferedSend is how many bytes may wait unsent in the socket
	// before poses are dropped rather than queued behind a stalled link.
	maxBufferedSend = 64 << 10
)

// Kind says what an Event reports.
type Kind int

// Event kinds.
const (
	// Opened: the connection is open and the hello has been sent.
	Opened Kind = iota + 1
	// Message: a frame arrived.
	Message
	// Closed: the connection dropped or could not open. The client will
	// dial again unless it was stopped; Status says when.
	Closed
)

// Event is something that happened to the connection.
type Event struct {
	Kind Kind
	// Binary and Data are the frame of a Message.
	Binary bool
	Data   []byte
	// At is when the frame arrived.
	At time.Time
	// Err says why a connection closed.
	Err error
}

// State is where the client is in its connection's life.
type State int

// Connection states.
const (
	Idle       State = iota // Connect not called yet
	Connecting              // dialling
	Open                    // connected; the hello is sent
	Waiting                 // dropped; dialling again at RetryAt
	Stopped                 // Stop called: no more dialling
)

func (s State) String() string {
	switch s {
	case Idle:
		return "idle"
	case Connecting:
		return "connecting"
	case Open:
		return "open"
	case Waiting:
		return "waiting"
	case Stopped:
		return "stopped"
	}
	return fmt.Sprintf("State(%d)", int(s))
}

// conn is one WebSocket connection as a transport provides it.
type conn interface {
	// send queues a frame; it never blocks. It fails if the frame cannot
	// be queued (the connection is closing, or its buffer is full).
	send(binary bool, data []byte) error
	// buffered returns how many bytes wait unsent.
	buffered() int
	// close ends the connection; no events follow from it.
	close()
}

// dialer opens a connection without blocking; the connection reports its
// opening, messages and closing through the sink.
type dialer func(url string, s sink) conn

// Client is a connection that reconnects. It is not safe for concurrent
// use: the game loop owns it; only the transport's callbacks run elsewhere,
// and they touch only the queue.
type Client struct {
	url    string
	dial   dialer
	hello  []byte
	in     inbox
	gen    uint64 // generation of the current connection
	c      conn
	state  State
	opened time.Time

	failures int
	retryAt  time.Time
	lastErr  error

	lastPose   protocol.Pose
	poseSent   bool
	lastPoseAt time.Time
	poseBuf    []byte
}

// New returns a client for the WebSocket at url ("ws://…" or "wss://…").
// It does nothing until Connect.
func New(url string) *Client {
	return &Client{url: url, dial: platformDial}
}

// Connect dials the server; hello is the first frame sent on this and
// every later connection. Calling it again replaces the hello and redials.
func (c *Client) Connect(hello []byte) {
	c.hello = append([]byte(nil), hello...)
	c.failures = 0
	c.redial()
}

// SetHello replaces the hello for the next connections without
// redialling, for a hello that carries a secret the server renews (a
// guided tour's resume secret).
func (c *Client) SetHello(hello []byte) {
	c.hello = append(c.hello[:0], hello...)
}

func (c *Client) redial() {
	if c.c != nil {
		c.c.close()
	}
	c.gen++
	c.state = Connecting
	c.c = c.dial(c.url, sink{in: &c.in, gen: c.gen})
}

// Stop closes the connection and stops redialling, for errors a retry
// cannot fix (another protocol version, a name the server refuses).
func (c *Client) Stop(reason error) {
	if c.c != nil {
		c.c.close()
		c.c = nil
	}
	c.gen++
	c.state = Stopped
	c.lastErr = reason
}

// Reconnect drops the connection and dials again after the usual pause,
// for instance when the server asks clients to come back later.
func (c *Client) Reconnect(reason error, now time.Time) {
	switch c.state {
	case Idle, Stopped:
		return
	case Waiting:
		// Already dropped (the server closed the connection right after
		// asking to come back): keep the redial already planned.
		c.lastErr = reason
		return
	}
	c.c.close()
	c.c = nil
	c.gen++
	c.dropped(reason, now)
}

// Status reports the connection state, when the next dial happens (while
// Waiting) and the last error.
func (c *Client) Status() (State, time.Time, error) {
	return c.state, c.retryAt, c.lastErr
}

// Poll appends to dst what happened since the last call, redials when it
// is time, and returns dst. It never blocks.
func (c *Client) Poll(now time.Time, dst []Event) []Event {
	if c.state == Waiting && !now.Before(c.retryAt) {
		c.redial()
	}
	for _, q := range c.in.drain() {
		if q.gen != c.gen {
			continue // from a connection already replaced
		}
		ev := q.ev
		switch ev.Kind {
		case Opened:
			c.state, c.opened, c.lastErr = Open, now, nil
			c.poseSent = false
			if err := c.c.send(false, c.hello); err != nil {
				c.Reconnect(fmt.Errorf("send hello: %w", err), now)
				ev = Event{Kind: Closed, Err: c.lastErr, At: now}
			}
		case Closed:
			c.c.close()
			c.c = nil
			c.gen++
			c.dropped(ev.Err, now)
		}
		dst = append(dst, ev)
		if ev.Kind == Closed {
			break // anything queued after the close belongs to no connection
		}
	}
	return dst
}

func (c *Client) dropped(err error, now time.Time) {
	if c.state == Open && now.Sub(c.opened) >= stableAfter {
		c.failures = 0
	}
	c.failures++
	c.state = Waiting
	c.lastErr = err
	c.retryAt = now.Add(Backoff(c.failures, rand.Float64()))
}

// Backoff returns the pause before redial number n (from 1): it doubles
// from firstRetry up to maxRetry, spread by ±20% (jitter in [0,1)) so that
// clients dropped together by a restart do not all return at once.
func Backoff(n int, jitter float64) time.Duration {
	d := firstRetry
	for i := 1; i < n && d < maxRetry; i++ {
		d *= 2
	}
	d = min(d, maxRetry)
	return time.Duration(float64(d) * (0.8 + 0.4*jitter))
}

// ErrNotOpen is returned when sending while no connection is open.
var ErrNotOpen = errors.New("not connected")

// SendText sends a text frame, such as a chat message.
func (c *Client) SendText(data []byte) error {
	if c.state != Open {
		return ErrNotOpen
	}
	return c.c.send(false, data)
}

// SendPose sends the pose if it differs, once quantised, from the last one
// sent and MinPoseInterval has passed since. Call it every frame with the
// current pose: a change held back now goes out with a later call. It
// reports whether a frame was sent.
func (c *Client) SendPose(p protocol.Pose, now time.Time) bool {
	if c.state != Open {
		return false
	}
	q := protocol.Quantize(p)
	if c.poseSent && (q == c.lastPose || now.Sub(c.lastPoseAt) < MinPoseInterval) {
		return false
	}
	// A stalled link would only queue poses that are stale on arrival.
	if c.c.buffered() > maxBufferedSend {
		return false
	}
	c.poseBuf = protocol.AppendPose(c.poseBuf[:0], p)
	if err := c.c.send(true, c.poseBuf); err != nil {
		return false
	}
	c.lastPose, c.poseSent, c.lastPoseAt = q, true, now
	return true
}
