//go:build !js

package netclient

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/gorilla/websocket"
)

// Native connection limits.
const (
	// dialTimeout bounds opening a connection, TLS included.
	dialTimeout = 15 * time.Second
	// writeWait bounds writing one frame to a peer that stopped reading.
	writeWait = 10 * time.Second
	// sendQueue is how many frames may wait for the writer: a second of
	// poses plus chat, beyond which the link is too slow to matter.
	sendQueue = 64
)

var platformDial dialer = dialNative

type outFrame struct {
	binary bool
	data   []byte
}

// nativeConn is a gorilla/websocket connection with one reader goroutine
// and one writer goroutine, so sending never blocks the game loop.
type nativeConn struct {
	out    chan outFrame
	cancel context.CancelFunc
	done   chan struct{} // closed by close: tells the writer to stop

	mu      sync.Mutex
	ws      *websocket.Conn
	closed  bool
	pending int // bytes queued in out
}

func dialNative(url string, s sink) conn {
	ctx, cancel := context.WithTimeout(context.Background(), dialTimeout)
	c := &nativeConn{out: make(chan outFrame, sendQueue), cancel: cancel, done: make(chan struct{})}
	go c.run(ctx, url, s)
	return c
}

func (c *nativeConn) run(ctx context.Context, url string, s sink) {
	ws, _, err := websocket.DefaultDialer.DialContext(ctx, url, nil)
	c.cancel()
	if err != nil {
		s.closed(fmt.Errorf("dial %s: %w", url, err))
		return
	}
	c.mu.Lock()
	if c.closed {
		c.mu.Unlock()
		ws.Close()
		return
	}
	c.ws = ws
	c.mu.Unlock()

	ws.SetReadLimit(maxServerMessage)
	s.opened()
	go c.write(ws)
	for {
		kind, data, err := ws.ReadMessage()
		if err != nil {
			s.closed(fmt.Errorf("connection to %s lost: %w", url, err))
			c.close()
			return
		}
		s.message(kind == websocket.BinaryMessage, data)
	}
}

// write is the connection's only writer, as gorilla/websocket requires.
func (c *nativeConn) write(ws *websocket.Conn) {
	for {
		select {
		case f := <-c.out:
			c.mu.Lock()
			c.pending -= len(f.data)
			c.mu.Unlock()
			kind := websocket.TextMessage
			if f.binary {
				kind = websocket.BinaryMessage
			}
			ws.SetWriteDeadline(time.Now().Add(writeWait))
			if err := ws.WriteMessage(kind, f.data); err != nil {
				ws.Close() // the reader sees the error and reports it
				return
			}
		case <-c.done:
			ws.SetWriteDeadline(time.Now().Add(time.Second))
			ws.WriteMessage(websocket.CloseMessage, websocket.FormatCloseMessage(websocket.CloseNormalClosure, ""))
			ws.Close()
			return
		}
	}
}

func (c *nativeConn) send(binary bool, data []byte) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed || c.ws == nil {
		return ErrNotOpen
	}
	select {
	case c.out <- outFrame{binary: binary, data: append([]byte(nil), data...)}:
		c.pending += len(data)
		return nil
	default:
		return fmt.Errorf("send queue full (%d frames): the connection is too slow", sendQueue)
	}
}

func (c *nativeConn) buffered() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.pending
}

func (c *nativeConn) close() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		return
	}
	c.closed = true
	c.cancel()
	if c.ws == nil {
		return // still dialling: run closes the socket when the dial returns
	}
	close(c.done)
}
