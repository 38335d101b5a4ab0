package servertest

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"yunyou/protocol"
)

// messageWait is how long Expect waits for a message before failing the
// test. It guards against hangs and sits far above any real delay; it is
// not a timing assertion.
const messageWait = 30 * time.Second

// Message is one frame the server sent a Client.
type Message struct {
	Binary bool
	Data   []byte
	// Type is a text frame's "type" ("welcome", "chat", ...).
	Type string
	// Snapshot is a binary frame decoded; Err says why it did not decode.
	Snapshot protocol.Snapshot
	Err      error
}

// Decode unmarshals a text frame into v.
func (m Message) Decode(v any) error { return json.Unmarshal(m.Data, v) }

// Pose returns the pose of member id in a snapshot message.
func (m Message) Pose(id uint16) (protocol.Pose, bool) {
	if !m.Binary || m.Err != nil {
		return protocol.Pose{}, false
	}
	for _, e := range m.Snapshot.Entries {
		if e.ID == id {
			return e.Pose, true
		}
	}
	return protocol.Pose{}, false
}

// Client is a visitor on a real WebSocket. A goroutine reads every frame
// as it arrives and keeps it for Next and Expect, so a Client never falls
// behind however long the test takes to look. Its methods are for the
// test's goroutine.
type Client struct {
	tb   testing.TB
	Conn *websocket.Conn

	mu      sync.Mutex
	queue   []Message
	arrived chan struct{} // signalled when queue grows or the connection ends
	ended   bool
	err     error // why reading stopped
}

// Dial connects a visitor to the server and closes it when the test ends.
func (s *Server) Dial(tb testing.TB) *Client {
	tb.Helper()
	c, err := s.DialHeader(tb, nil)
	if err != nil {
		tb.Fatalf("servertest: dialing %s: %v", s.WS, err)
	}
	return c
}

// DialHeader connects with extra request headers (such as Origin) and
// returns the dial error, with the response when the server refused.
func (s *Server) DialHeader(tb testing.TB, h http.Header) (*Client, error) {
	ws, resp, err := websocket.DefaultDialer.Dial(s.WS, h)
	if err != nil {
		if resp != nil {
			body, _ := io.ReadAll(resp.Body) // gorilla keeps the first KB
			err = &DialError{Status: resp.StatusCode, Header: resp.Header, Body: string(body), Err: err}
		}
		return nil, err
	}
	c := &Client{tb: tb, Conn: ws, arrived: make(chan struct{}, 1)}
	go c.read()
	tb.Cleanup(func() { ws.Close() })
	return c, nil
}

// DialError is a refused WebSocket dial with the HTTP answer.
type DialError struct {
	Status int
	Header http.Header
	Body   string // its start
	Err    error
}

func (e *DialError) Error() string { return e.Err.Error() }

func (c *Client) read() {
	for {
		typ, data, err := c.Conn.ReadMessage()
		c.mu.Lock()
		if err != nil {
			c.ended, c.err = true, err
			c.mu.Unlock()
			c.signal()
			return
		}
		m := Message{Binary: typ == websocket.BinaryMessage, Data: data}
		if m.Binary {
			m.Err = protocol.DecodeSnapshot(data, &m.Snapshot)
		} else {
			var env protocol.Envelope
			json.Unmarshal(data, &env)
			m.Type = env.Type
		}
		c.queue = append(c.queue, m)
		c.mu.Unlock()
		c.signal()
	}
}

func (c *Client) signal() {
	select {
	case c.arrived <- struct{}{}:
	default:
	}
}

// Next returns the next message, waiting up to messageWait. It returns
// false when the connection ended (see Err) or nothing came in time.
func (c *Client) Next() (Message, bool) {
	timer := time.NewTimer(messageWait)
	defer timer.Stop()
	for {
		c.mu.Lock()
		if len(c.queue) > 0 {
			m := c.queue[0]
			c.queue = c.queue[1:]
			c.mu.Unlock()
			return m, true
		}
		ended := c.ended
		c.mu.Unlock()
		if ended {
			return Message{}, false
		}
		select {
		case <-c.arrived:
		case <-timer.C:
			return Message{}, false
		}
	}
}

// TryNext returns the next message if one has arrived, without waiting.
func (c *Client) TryNext() (Message, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.queue) == 0 {
		return Message{}, false
	}
	m := c.queue[0]
	c.queue = c.queue[1:]
	return m, true
}

// Err returns why the connection ended, or nil while it is open.
func (c *Client) Err() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.err
}

// Expect skips messages until one matches and returns it. It fails the
// test, naming what, when the connection ends or nothing matches in time.
func (c *Client) Expect(what string, match func(Message) bool) Message {
	c.tb.Helper()
	for {
		m, ok := c.Next()
		if !ok {
			c.tb.Fatalf("servertest: expected %s; the connection ended or went quiet (%v)", what, c.Err())
		}
		if match(m) {
			return m
		}
	}
}

// ExpectType returns the next text frame of the given type, decoded into v
// when v is not nil.
func (c *Client) ExpectType(typ string, v any) Message {
	c.tb.Helper()
	m := c.Expect(typ+" event", func(m Message) bool { return m.Type == typ })
	if v != nil {
		if err := m.Decode(v); err != nil {
			c.tb.Fatalf("servertest: decoding %s: %v", m.Data, err)
		}
	}
	return m
}

// ExpectError returns the next error event and fails the test unless its
// code is code.
func (c *Client) ExpectError(code string) protocol.Error {
	c.tb.Helper()
	var e protocol.Error
	c.ExpectType(protocol.TypeError, &e)
	if e.Code != code {
		c.tb.Fatalf("servertest: got error %q (%s), want code %q", e.Code, e.Message, code)
	}
	return e
}

// ExpectPose waits for a snapshot that places member id at p, as
// quantised for the wire.
func (c *Client) ExpectPose(id uint16, p protocol.Pose) Message {
	c.tb.Helper()
	want := protocol.Quantize(p)
	return c.Expect("a snapshot with the pose of member "+itoa(id), func(m Message) bool {
		got, ok := m.Pose(id)
		return ok && got == want
	})
}

// ExpectClosed skips messages until the connection ends and returns the
// close frame's code and reason; code is 0 when the connection ended
// without one.
func (c *Client) ExpectClosed() (code int, reason string) {
	c.tb.Helper()
	for {
		if _, ok := c.Next(); ok {
			continue
		}
		err := c.Err()
		if err == nil {
			c.tb.Fatalf("servertest: expected the connection to close; it stayed open")
		}
		var ce *websocket.CloseError
		if errors.As(err, &ce) {
			return ce.Code, ce.Text
		}
		return 0, err.Error()
	}
}

// Hello says hello and returns the welcome; it fails the test on anything
// else.
func (c *Client) Hello(scene, name string) protocol.Welcome {
	c.tb.Helper()
	return c.HelloTo(scene, "", name)
}

// HelloTo says hello asking for the public session want ("ID/N"), and
// returns the welcome; it fails the test on anything else.
func (c *Client) HelloTo(scene, want, name string) protocol.Welcome {
	c.tb.Helper()
	c.SendJSON(protocol.Hello{Type: protocol.TypeHello, Version: protocol.Version, Scene: scene, Name: name, Session: want})
	var w protocol.Welcome
	m := c.Expect("a welcome", func(m Message) bool { return m.Type == protocol.TypeWelcome || m.Type == protocol.TypeError })
	if m.Type == protocol.TypeError {
		c.tb.Fatalf("servertest: hello refused: %s", m.Data)
	}
	if err := m.Decode(&w); err != nil {
		c.tb.Fatalf("servertest: decoding the welcome: %v", err)
	}
	return w
}

// SendJSON sends v as a text frame.
func (c *Client) SendJSON(v any) {
	c.tb.Helper()
	if err := c.Conn.WriteJSON(v); err != nil {
		c.tb.Fatalf("servertest: sending %v: %v", v, err)
	}
}

// SendText sends a raw text frame.
func (c *Client) SendText(s string) {
	c.tb.Helper()
	if err := c.Conn.WriteMessage(websocket.TextMessage, []byte(s)); err != nil {
		c.tb.Fatalf("servertest: sending text: %v", err)
	}
}

// SendBinary sends a raw binary frame.
func (c *Client) SendBinary(b []byte) {
	c.tb.Helper()
	if err := c.Conn.WriteMessage(websocket.BinaryMessage, b); err != nil {
		c.tb.Fatalf("servertest: sending binary: %v", err)
	}
}

// SendPose sends the visitor's pose.
func (c *Client) SendPose(p protocol.Pose) { c.tb.Helper(); c.SendBinary(protocol.AppendPose(nil, p)) }

// Chat sends a chat line.
func (c *Client) Chat(text string) {
	c.tb.Helper()
	c.SendJSON(protocol.Chat{Type: protocol.TypeChat, Text: text})
}

func itoa(id uint16) string {
	b, _ := json.Marshal(id)
	return string(b)
}

// HelloTour says hello into the tour of h.Tour (with h's token and resume
// secret, if any) and returns the welcome; it fails the test on anything
// else. Empty Type and Version are filled in.
func (c *Client) HelloTour(h protocol.Hello) protocol.Welcome {
	c.tb.Helper()
	h.Type, h.Version = protocol.TypeHello, protocol.Version
	c.SendJSON(h)
	var w protocol.Welcome
	m := c.Expect("a welcome into the tour", func(m Message) bool { return m.Type == protocol.TypeWelcome || m.Type == protocol.TypeError })
	if m.Type == protocol.TypeError {
		c.tb.Fatalf("servertest: tour hello refused: %s", m.Data)
	}
	if err := m.Decode(&w); err != nil {
		c.tb.Fatalf("servertest: decoding the welcome: %v", err)
	}
	return w
}

// Guide sends a guide command; Type is filled in.
func (c *Client) Guide(cmd protocol.GuideCommand) {
	c.tb.Helper()
	cmd.Type = protocol.TypeGuide
	c.SendJSON(cmd)
}
