package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"net/http"
	"sync/atomic"
	"time"

	"github.com/gorilla/websocket"

	"yunyou/protocol"
)

// Limits of one simulated visitor's connection.
const (
	// handshakeTimeout bounds the WebSocket handshake: a server that
	// takes longer to accept a visitor has fallen over.
	handshakeTimeout = 10 * time.Second
	// welcomeWait bounds the wait for the welcome after the hello.
	welcomeWait = 10 * time.Second
	// writeWait bounds one pose write. The server reads continuously, so
	// a write blocked this long means it stopped reading.
	writeWait = 5 * time.Second
	// closeWait is how long a client waits for the server to answer its
	// close frame before it drops the connection.
	closeWait = 2 * time.Second
	// maxServerMessage bounds what a client accepts in one frame: a full
	// snapshot of 64 members is under 1 KB; a welcome lists 64 names.
	maxServerMessage = 64 << 10
)

// How a visitor walks: around a circle of walkRadius whose centre lies
// within centreJitter of the spawn point, so every pose stays within
// ±1 m of spawn, where the scene is walkable. A lap takes lapTicks poses
// (8 s at 20 Hz): each step moves the visitor 2 cm and turns it 2.25°, so
// every pose of a lap differs after quantisation and identifies its send.
const (
	walkRadius   = 0.5
	centreJitter = 0.4
	lapTicks     = 160
)

// client is one simulated visitor: one WebSocket connection, a writer
// (walk) that sends the visitor's pose every tick, and a reader (read)
// that takes in snapshots and events. Fields below "owned by" are touched
// only by that goroutine until both have finished.
type client struct {
	index   int
	run     *runState
	conn    *websocket.Conn
	id      uint16
	session string
	sent    tracker

	// closing is set once the client is going away, by its own choice or
	// after a failure, so that the errors of tearing down are not counted.
	closing atomic.Bool

	// owned by the reader
	peers     []*peer   // by member id: ids are small and rise from 1
	hist      histogram // send-to-receipt delay of every peer pose
	fresh     histogram // age of each snapshot's newest pose
	snapshots uint64
	down      uint64
	unmatched uint64

	// owned by the writer
	up uint64

	// In a guided run only (see guided.go).
	view      tourView
	cmds      chan []byte // the guide's commands, for its writer to send
	sawFollow atomic.Bool // told that follow mode is on
	guideID   uint16      // owned by the reader once connected
	// owned by the writer: whether the visitor has worked out a place,
	// and its distance from that place at its last step in the window
	placed   bool
	gap      float64
	gapKnown bool
}

// peer is what a reader knows of another member of its session.
type peer struct {
	sent    *tracker // nil for a member whose poses are not measured
	lastSeq uint32   // the newest of its poses this reader has seen
}

func newClient(index int, rs *runState) *client {
	c := &client{index: index, run: rs}
	if rs.tour != nil && index == 0 {
		c.cmds = make(chan []byte, 1)
	}
	return c
}

// isVisitor reports whether the client follows a guide: every client of a
// guided run but the first.
func (c *client) isVisitor() bool { return c.run.tour != nil && c.index != 0 }

// fail counts err once per client: the first failure closes the
// connection, and the errors that follow from it are not news.
func (c *client) fail(err error) {
	if c.closing.CompareAndSwap(false, true) {
		c.run.errs.add(err)
		if c.conn != nil {
			c.conn.Close()
		}
	}
}

// visit runs the whole life of the client: connect, walk until ctx is done,
// close.
func (c *client) visit(ctx context.Context) {
	err := c.connect(ctx)
	c.run.settled.Add(1)
	if err != nil {
		if ctx.Err() == nil {
			c.fail(fmt.Errorf("client %d: %w", c.index, err))
		}
		if c.conn != nil {
			c.conn.Close()
		}
		return
	}
	if c.isVisitor() {
		// Only the guide's poses are measured in a tour: visitors'
		// places follow from the guide's, and one pose may repeat.
		c.run.reg.add(c.session, c.id, nil)
	} else {
		c.run.reg.add(c.session, c.id, &c.sent)
	}
	c.run.welcomed.Add(1)

	ctx, cancel := context.WithCancel(ctx)
	readerDone := make(chan struct{})
	go func() {
		defer close(readerDone)
		defer cancel() // a dead connection stops the walk
		c.read()
	}()
	if c.isVisitor() {
		c.follow(ctx)
	} else {
		c.walk(ctx)
	}

	if c.closing.CompareAndSwap(false, true) {
		msg := websocket.FormatCloseMessage(websocket.CloseNormalClosure, "load test over")
		_ = c.conn.WriteControl(websocket.CloseMessage, msg, time.Now().Add(closeWait))
		select {
		case <-readerDone:
		case <-time.After(closeWait):
		}
	}
	c.conn.Close()
	<-readerDone
}

// connect dials the server, says hello and waits for the welcome.
func (c *client) connect(ctx context.Context) error {
	dialer := websocket.Dialer{
		HandshakeTimeout: handshakeTimeout,
		Proxy:            http.ProxyFromEnvironment,
		// Snapshots and poses are small: small buffers keep a thousand
		// clients light.
		ReadBufferSize:  2048,
		WriteBufferSize: 512,
	}
	conn, resp, err := dialer.DialContext(ctx, c.run.cfg.URL, nil)
	if err != nil {
		if resp != nil {
			return fmt.Errorf("dial %s: %w (HTTP %s)", c.run.cfg.URL, err, resp.Status)
		}
		return fmt.Errorf("dial %s: %w", c.run.cfg.URL, err)
	}
	c.conn = conn
	conn.SetReadLimit(maxServerMessage)

	conn.SetWriteDeadline(time.Now().Add(writeWait))
	if err := conn.WriteJSON(helloFor(c.run, c.index)); err != nil {
		return fmt.Errorf("send hello: %w", err)
	}
	conn.SetReadDeadline(time.Now().Add(welcomeWait))
	for {
		typ, data, err := conn.ReadMessage()
		if err != nil {
			return fmt.Errorf("wait for welcome: %w", err)
		}
		if typ != websocket.TextMessage {
			return fmt.Errorf("wait for welcome: got a binary frame of %d bytes first", len(data))
		}
		var env protocol.Envelope
		if err := json.Unmarshal(data, &env); err != nil {
			return fmt.Errorf("wait for welcome: %w in %.100q", err, data)
		}
		switch env.Type {
		case protocol.TypeWelcome:
			var w protocol.Welcome
			if err := json.Unmarshal(data, &w); err != nil {
				return fmt.Errorf("welcome: %w in %.200q", err, data)
			}
			if w.Session == "" {
				return fmt.Errorf("welcome names no session: %.200q", data)
			}
			c.id, c.session = w.ID, w.Session
			if c.run.tour != nil {
				if err := c.takeWelcome(&w); err != nil {
					return err
				}
			}
			conn.SetReadDeadline(time.Time{})
			return nil
		case protocol.TypeError:
			var e protocol.Error
			_ = json.Unmarshal(data, &e)
			return fmt.Errorf("server refused hello: %s: %s", e.Code, e.Message)
		}
	}
}

// helloFor builds client i's hello. With -sessions M, client i asks for
// instance i mod M + 1 of the scene, so that N clients make M sessions of
// N/M (±1) while every session has room; with M = 0 the server chooses.
func helloFor(rs *runState, i int) protocol.Hello {
	h := protocol.Hello{
		Type:    protocol.TypeHello,
		Version: protocol.Version,
		Scene:   rs.scene.ID,
		Name:    fmt.Sprintf("load %d", i),
	}
	if t := rs.tour; t != nil {
		h.Scene, h.Tour = t.Scene, t.Code
		if i == 0 {
			h.Token, h.Name = t.Token, "load guide"
		}
		return h
	}
	if m := rs.cfg.Sessions; m > 0 {
		h.Session = fmt.Sprintf("%s/%d", rs.scene.ID, i%m+1)
	}
	return h
}

// walk sends the client's pose every tick until ctx is done; a guide also
// sends the commands queued in cmds.
func (c *client) walk(ctx context.Context) {
	rng := rand.New(rand.NewPCG(uint64(c.index), 0x59554e594f55))
	spawn := c.run.scene.Spawn
	cx := float64(spawn.X) + centreJitter*(2*rng.Float64()-1)
	cz := float64(spawn.Z) + centreJitter*(2*rng.Float64()-1)
	phase := 2 * math.Pi * rng.Float64()

	// Start at a random moment within a tick, so that the clients' sends
	// spread over the session's tick whatever the ramp's spacing; the
	// fresh age in takeSnapshot relies on it.
	period := time.Second / protocol.TickRate
	select {
	case <-ctx.Done():
		return
	case <-time.After(time.Duration(rng.Int64N(int64(period)))):
	}
	if c.run.tour != nil {
		// The guide is the only sender measured: at exactly the tick
		// rate its sends would keep one phase against the session's
		// tick all run, and the latency would be that phase.
		period += guidePeriodSlip
	}
	ticker := time.NewTicker(period)
	defer ticker.Stop()
	frame := make([]byte, 0, protocol.PoseSize)
	for seq := uint32(1); ; seq++ {
		select {
		case <-ctx.Done():
			return
		case data := <-c.cmds:
			// A nil channel outside a guided run: never ready.
			if !c.sendText(data) {
				return
			}
			seq--
			continue
		case <-ticker.C:
		}
		// Walk counter-clockwise seen from above, facing the way of the
		// walk: yaw 0 looks toward -Z, so facing (dx, dz) is yaw π - θ.
		theta := phase + 2*math.Pi*float64(seq%lapTicks)/lapTicks
		p := protocol.Quantize(protocol.Pose{
			X:   float32(cx + walkRadius*math.Cos(theta)),
			Y:   spawn.Y,
			Z:   float32(cz + walkRadius*math.Sin(theta)),
			Yaw: float32(math.Pi - theta),
		})
		at := c.run.now()
		c.sent.record(seq, p, at)
		frame = protocol.AppendPose(frame[:0], p)
		c.conn.SetWriteDeadline(time.Now().Add(writeWait))
		if err := c.conn.WriteMessage(websocket.BinaryMessage, frame); err != nil {
			if !c.closing.Load() {
				c.fail(fmt.Errorf("client %d: send pose: %w", c.index, err))
			}
			return
		}
		if c.run.inWindow(at) {
			c.up += uint64(len(frame))
		}
	}
}

// read takes in frames until the connection ends.
func (c *client) read() {
	var buf bytes.Buffer
	var snap protocol.Snapshot
	for {
		typ, r, err := c.conn.NextReader()
		if err != nil {
			if !c.closing.Load() {
				c.fail(fmt.Errorf("client %d: read: %w", c.index, err))
			}
			return
		}
		buf.Reset()
		if _, err := buf.ReadFrom(r); err != nil {
			if !c.closing.Load() {
				c.fail(fmt.Errorf("client %d: read: %w", c.index, err))
			}
			return
		}
		now := c.run.now()
		measuring := c.run.inWindow(now)
		if measuring {
			c.down += uint64(buf.Len())
		}
		switch typ {
		case websocket.BinaryMessage:
			if err := protocol.DecodeSnapshot(buf.Bytes(), &snap); err != nil {
				c.run.errs.add(fmt.Errorf("client %d: snapshot: %w", c.index, err))
				continue
			}
			if measuring {
				c.snapshots++
			}
			c.takeSnapshot(&snap, now, measuring)
		case websocket.TextMessage:
			c.takeEvent(buf.Bytes())
		}
	}
}

// takeSnapshot matches each peer's pose with its send and records the
// delay, once per pose: a full snapshot repeats poses already seen. It also
// records the age of the snapshot's newest pose: with dozens of members
// sending at random moments, one of them sent just before the tick, so
// that age is about what the server and the network add beyond the wait
// for the tick.
func (c *client) takeSnapshot(s *protocol.Snapshot, now time.Duration, measuring bool) {
	freshest := time.Duration(-1)
	for _, e := range s.Entries {
		if e.ID == c.id {
			continue
		}
		if e.ID == c.guideID && c.guideID != 0 {
			c.view.setGuide(e.Pose)
		}
		p := c.peer(e.ID)
		if p == nil || p.sent == nil {
			continue // not a client of this run, not welcomed yet, or not measured
		}
		sent, ok := p.sent.find(e.Pose)
		if !ok {
			// Its spawn pose before its first send (it joined during
			// the window), a pose older than the ring, or a pose the
			// server changed.
			if measuring && p.sent.sentCount() > 0 {
				c.unmatched++
			}
			continue
		}
		if age := now - sent.at; freshest < 0 || age < freshest {
			freshest = age
		}
		if sent.seq > p.lastSeq {
			p.lastSeq = sent.seq
			if measuring {
				c.hist.add(now - sent.at)
			}
		}
	}
	if measuring && freshest >= 0 {
		c.fresh.add(freshest)
	}
}

// peer returns what the reader knows of member id, or nil if the member is
// not one of the run's clients (or not welcomed yet).
func (c *client) peer(id uint16) *peer {
	if int(id) < len(c.peers) && c.peers[id] != nil {
		return c.peers[id]
	}
	t, ok := c.run.reg.lookup(c.session, id)
	if !ok {
		return nil
	}
	if int(id) >= len(c.peers) {
		c.peers = append(c.peers, make([]*peer, int(id)+1-len(c.peers))...)
	}
	c.peers[id] = &peer{sent: t}
	return c.peers[id]
}

// takeEvent handles a control event: leaves free member ids for reuse,
// and error events count as errors.
func (c *client) takeEvent(data []byte) {
	var env protocol.Envelope
	if err := json.Unmarshal(data, &env); err != nil {
		c.run.errs.add(fmt.Errorf("client %d: event is not JSON: %w", c.index, err))
		return
	}
	switch env.Type {
	case protocol.TypeLeave:
		var l protocol.Leave
		if err := json.Unmarshal(data, &l); err == nil && int(l.ID) < len(c.peers) {
			c.peers[l.ID] = nil
		}
	case protocol.TypeError:
		var e protocol.Error
		_ = json.Unmarshal(data, &e)
		if e.Code == protocol.CodeBadPose {
			c.run.badPoses.Add(1)
		}
		c.run.errs.add(errors.New("server error event: " + e.Code + ": " + e.Message))
	default:
		if c.run.tour != nil {
			c.takeTourEvent(env.Type, data)
		}
	}
}
