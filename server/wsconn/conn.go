package wsconn

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/gorilla/websocket"

	"yunyou/protocol"
	"yunyou/server/catalog"
	"yunyou/server/metrics"
	"yunyou/server/session"
)

const (
	// writeWait is the time allowed to write one message to the peer.
	writeWait = 10 * time.Second

	// pongWait is the time allowed to read the next pong from the peer.
	pongWait = 60 * time.Second

	// pingPeriod is how often pings go out. It must be less than pongWait
	// so a live peer's pong arrives before the read deadline.
	pingPeriod = pongWait * 9 / 10

	// helloWait is the time allowed for the hello after the upgrade. A page
	// sends it at once; a connection that stays silent holds a socket for
	// nothing.
	helloWait = 10 * time.Second

	// closeWait is the time allowed to write the last error event and the
	// close frame: a peer that cannot take them in a second is not reading.
	closeWait = time.Second

	// closeGrace is how long to wait for the peer to answer our close frame
	// before dropping the connection. Closing at once could reset the
	// connection and lose the frames that say why.
	closeGrace = 2 * time.Second

	// sendQueueLen bounds the frames waiting for the writer: about three
	// seconds of snapshots plus room for a burst of events from a full
	// tour (everyone arriving at once after a restart). A visitor who lets
	// it fill has fallen far behind.
	sendQueueLen = 64 + 2*protocol.MaxTourMembers

	// snapshotRoom is how full the queue may be and still take a snapshot
	// (or another lossy frame): about three seconds of them. The rest is
	// kept for events, which cannot be dropped: a visitor on a slow link
	// loses snapshots first and stays in the session.
	snapshotRoom = 64

	// readBufferSize and writeBufferSize size gorilla's buffers. Poses are
	// 11 bytes and the largest snapshot under 800, so small buffers suit;
	// write buffers are pooled between connections.
	readBufferSize  = 1024
	writeBufferSize = 4096

	// maxCloseReason is the most a close frame's reason may hold (125 bytes
	// of control payload less the 2-byte code).
	maxCloseReason = 123
)

// errTooBig is returned by conn.next for a frame over
// protocol.MaxClientMessageBytes.
var errTooBig = errors.New("message too big")

// closeInfo says how a connection ends.
type closeInfo struct {
	code   int    // close frame code; 0 when the peer is gone and nothing is written
	reason string // close frame reason, at most maxCloseReason bytes
	event  []byte // error event written before the close frame, if any
}

func restarting() closeInfo {
	return closeInfo{
		code:   websocket.CloseServiceRestart,
		reason: "server restarting",
		event:  encodeError(protocol.NewError(protocol.CodeRestarting, "the server is restarting; reconnect in a few seconds")),
	}
}

// conn is one visitor's connection. At most one goroutine reads (readPump)
// and at most one writes data frames (writePump); the session and the
// reader reach the writer only through send and closing.
type conn struct {
	h      *Handler
	ws     *websocket.Conn
	remote string
	addr   string // the client address key of the connection limits
	log    *slog.Logger
	met    *metrics.Metrics // h's, or nil in tests that build a conn alone

	send chan session.Frame // frames for writePump

	closeOnce sync.Once
	closing   chan struct{} // closed by closeWith
	final     closeInfo     // set by closeWith before closing is closed
	readDone  chan struct{} // closed when readPump returns

	// Owned by readPump:
	buf    []byte          // one message, reused
	scene  *catalog.Scene  // nil until the hello
	member *session.Member // nil until the hello
	warned map[string]int  // warnings per code, to log each code once
	chat   chatBucket      // the chat rate limit
	// Tour messages each send an event to the whole tour, so they are
	// limited like chat: hands, the guide's pointer, other commands.
	hands, pointer, commands chatBucket
}

func newConn(h *Handler, ws *websocket.Conn, remote string) *conn {
	return &conn{
		h:        h,
		ws:       ws,
		remote:   remote,
		log:      h.log.With("remote", remote),
		met:      h.met,
		send:     make(chan session.Frame, sendQueueLen),
		closing:  make(chan struct{}),
		readDone: make(chan struct{}),
		buf:      make([]byte, protocol.MaxClientMessageBytes+1),
		warned:   make(map[string]int),
		chat:     chatBucket{limit: h.cfg.Chat, tokens: float64(h.cfg.Chat.Burst)},
		hands:    newBucket(handLimit),
		pointer:  newBucket(pointerLimit),
		commands: newBucket(commandLimit),
	}
}

// Send queues f for the writer without blocking, as session.Peer asks.
// Any goroutine may call it.
func (c *conn) Send(f session.Frame) bool {
	select {
	case <-c.closing:
		return true // the connection is ending; nothing more goes out
	default:
	}
	if (f.Binary || f.Lossy) && len(c.send) >= snapshotRoom {
		c.met.SnapshotDropped()
		return false
	}
	select {
	case c.send <- f:
		return true
	default:
		return false
	}
}

// Close disconnects the visitor, as session.Peer asks, telling it why with
// e: it fell too far behind, the guide removed it, the tour ended. Any
// goroutine may call it.
func (c *conn) Close(e protocol.Error) {
	code, reason := websocket.ClosePolicyViolation, e.Message
	switch e.Code {
	case protocol.CodeTooSlow:
		code, reason = websocket.CloseTryAgainLater, "too slow: "+e.Message
	case protocol.CodeTourEnded:
		code = websocket.CloseNormalClosure
	}
	if c.closeWith(closeInfo{code: code, reason: reason, event: encodeError(e)}) && e.Code == protocol.CodeTooSlow {
		c.met.TooSlow()
	}
}

// closeWith starts closing the connection and reports whether this call
// did; only the first call counts. Any goroutine may call it.
func (c *conn) closeWith(info closeInfo) (first bool) {
	c.closeOnce.Do(func() {
		info.reason = truncateReason(info.reason)
		c.final = info
		close(c.closing)
		first = true
	})
	return first
}

// readPump reads the visitor's messages and acts on them until the
// connection ends, then takes the visitor out of its session. It is the
// connection's only reader.
func (c *conn) readPump() {
	defer func() {
		if c.member != nil {
			c.member.Leave()
		}
		c.closeWith(closeInfo{}) // the peer is gone, unless a reason came first
		close(c.readDone)
		c.logSuppressed()
	}()
	c.ws.SetReadDeadline(time.Now().Add(helloWait))
	for {
		typ, data, err := c.next()
		switch {
		case errors.Is(err, errTooBig):
			c.fail(protocol.NewError(protocol.CodeTooBig, "a message was over the limit of %d bytes; send smaller messages", protocol.MaxClientMessageBytes),
				websocket.CloseMessageTooBig, fmt.Sprintf("message over %d bytes", protocol.MaxClientMessageBytes))
			c.drain()
			return
		case err != nil:
			var ne net.Error
			if c.member == nil && errors.As(err, &ne) && ne.Timeout() {
				c.fail(protocol.NewError(protocol.CodeOutOfOrder, "no hello within %v; a client says hello as soon as it connects", helloWait),
					websocket.ClosePolicyViolation, "no hello in time")
			} else if websocket.IsUnexpectedCloseError(err, websocket.CloseNormalClosure, websocket.CloseGoingAway, websocket.CloseNoStatusReceived) {
				c.log.Debug("connection ended", "err", err)
			}
			return
		}
		fatal := false
		if typ == websocket.TextMessage {
			fatal = c.text(data)
		} else {
			c.binary(data)
		}
		if fatal {
			c.drain()
			return
		}
	}
}

// next reads one message into c.buf. It enforces
// protocol.MaxClientMessageBytes itself rather than through gorilla's read
// limit, which would close the connection before the visitor could be told
// why.
func (c *conn) next() (int, []byte, error) {
	typ, r, err := c.ws.NextReader()
	if err != nil {
		return 0, nil, err
	}
	n, err := io.ReadFull(r, c.buf)
	switch err {
	case nil:
		return typ, nil, errTooBig // the buffer holds one byte more than the limit
	case io.EOF, io.ErrUnexpectedEOF:
		return typ, c.buf[:n], nil
	default:
		return 0, nil, err
	}
}

// drain reads and discards what the peer still sends after a fatal error,
// until it answers the close frame or closeGrace passes, so that closing
// does not reset the connection before the peer has read why.
func (c *conn) drain() {
	c.ws.SetReadDeadline(time.Now().Add(closeGrace))
	for {
		_, r, err := c.ws.NextReader()
		if err != nil {
			return
		}
		if _, err := io.Copy(io.Discard, r); err != nil {
			return
		}
	}
}

// writePump writes queued frames and pings until the connection closes. It
// is the connection's only writer of data frames.
func (c *conn) writePump() {
	ticker := time.NewTicker(pingPeriod)
	defer func() {
		ticker.Stop()
		c.ws.Close()
	}()
	for {
		select {
		case f := <-c.send:
			typ := websocket.TextMessage
			if f.Binary {
				typ = websocket.BinaryMessage
			}
			c.ws.SetWriteDeadline(time.Now().Add(writeWait))
			if err := c.ws.WriteMessage(typ, f.Data); err != nil {
				c.log.Debug("write failed", "err", err)
				c.closeWith(closeInfo{})
				return
			}
		case <-ticker.C:
			c.ws.SetWriteDeadline(time.Now().Add(writeWait))
			if err := c.ws.WriteMessage(websocket.PingMessage, nil); err != nil {
				c.closeWith(closeInfo{})
				return
			}
		case <-c.closing:
			c.goodbye()
			return
		}
	}
}

// goodbye writes the final error event and close frame, then waits for the
// peer's answer (which ends readPump) or closeGrace.
func (c *conn) goodbye() {
	info := c.final
	if info.code == 0 {
		return
	}
	deadline := time.Now().Add(closeWait)
	if info.code != websocket.CloseTryAgainLater {
		// Events queued before the close go out first: a tour's "ended"
		// says goodbye just before its connections close. Snapshots are
		// stale by now, and a peer too slow for its queue gets none of it.
		c.ws.SetWriteDeadline(deadline)
		for queued := true; queued; {
			select {
			case f := <-c.send:
				if !f.Binary {
					if err := c.ws.WriteMessage(websocket.TextMessage, f.Data); err != nil {
						return
					}
				}
			default:
				queued = false
			}
		}
	}
	if info.event != nil {
		c.ws.SetWriteDeadline(deadline)
		if err := c.ws.WriteMessage(websocket.TextMessage, info.event); err != nil {
			return
		}
	}
	if err := c.ws.WriteControl(websocket.CloseMessage, websocket.FormatCloseMessage(info.code, info.reason), deadline); err != nil {
		return
	}
	t := time.NewTimer(closeGrace)
	defer t.Stop()
	select {
	case <-c.readDone:
	case <-t.C:
	}
}

func encodeError(e protocol.Error) []byte {
	b, err := json.Marshal(e)
	if err != nil {
		panic("wsconn: encoding an error event: " + err.Error())
	}
	return b
}

func truncateReason(s string) string {
	if len(s) <= maxCloseReason {
		return s
	}
	s = s[:maxCloseReason]
	for !utf8.ValidString(s) {
		s = s[:len(s)-1]
	}
	return s
}

func frameOf(e protocol.Error) session.Frame { return session.Frame{Data: encodeError(e)} }

// Limits of the tour messages a connection may send. Each raised hand and
// each guide command reaches every member of a tour of up to 200, so a
// flood would push everyone out as too slow.
var (
	// handLimit: a hand goes up or down a few times in a row, then once
	// a second.
	handLimit = ChatLimit{Burst: 4, Every: time.Second}
	// pointerLimit: the client sends its aim ten times a second while
	// the guide points; the session passes on at most ten a second.
	pointerLimit = ChatLimit{Burst: 20, Every: time.Second / 20}
	// commandLimit: a guide clicking through the console quickly.
	commandLimit = ChatLimit{Burst: 10, Every: time.Second / 2}
)

func newBucket(l ChatLimit) chatBucket { return chatBucket{limit: l, tokens: float64(l.Burst)} }

// chatBucket is a token bucket for one connection's chat lines (and, with
// other limits, its tour messages).
type chatBucket struct {
	limit  ChatLimit
	tokens float64
	last   time.Time
}

// allow reports whether a chat line may go out at now, and spends a token.
func (b *chatBucket) allow(now time.Time) bool {
	if !b.last.IsZero() {
		b.tokens = min(float64(b.limit.Burst), b.tokens+now.Sub(b.last).Seconds()/b.limit.Every.Seconds())
	}
	b.last = now
	if b.tokens < 1 {
		return false
	}
	b.tokens--
	return true
}
