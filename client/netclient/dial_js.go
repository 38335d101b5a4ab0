//go:build js

package netclient

import (
	"fmt"
	"syscall/js"
)

var platformDial dialer = dialBrowser

// browserConn is the browser's WebSocket. Its callbacks run on the page's
// event loop and only push into the inbox.
type browserConn struct {
	ws        js.Value
	listeners []listener
	closed    bool
}

type listener struct {
	event string
	fn    js.Func
}

func dialBrowser(url string, s sink) conn {
	c := &browserConn{}
	ctor := js.Global().Get("WebSocket")
	if !ctor.Truthy() {
		s.closed(fmt.Errorf("this browser has no WebSocket; use a recent Chrome, Firefox or Safari"))
		c.closed = true
		return c
	}
	// The constructor throws a SyntaxError for a malformed URL.
	var err error
	func() {
		defer func() {
			if r := recover(); r != nil {
				err = fmt.Errorf("open WebSocket %s: %v", url, r)
			}
		}()
		c.ws = ctor.New(url)
	}()
	if err != nil {
		s.closed(err)
		c.closed = true
		return c
	}
	c.ws.Set("binaryType", "arraybuffer")
	c.on("open", func(js.Value) { s.opened() })
	c.on("message", func(e js.Value) {
		data := e.Get("data")
		if data.Type() == js.TypeString {
			text := data.String()
			if len(text) > maxServerMessage {
				c.close()
				s.closed(fmt.Errorf("server sent a %d-byte text message, over the %d-byte limit", len(text), maxServerMessage))
				return
			}
			s.message(false, []byte(text))
			return
		}
		arr := js.Global().Get("Uint8Array").New(data)
		n := arr.Length()
		if n > maxServerMessage {
			c.close()
			s.closed(fmt.Errorf("server sent a %d-byte message, over the %d-byte limit", n, maxServerMessage))
			return
		}
		buf := make([]byte, n)
		js.CopyBytesToGo(buf, arr)
		s.message(true, buf)
	})
	c.on("close", func(e js.Value) {
		s.closed(closeError(url, e.Get("code").Int(), e.Get("reason").String()))
		c.release()
	})
	return c
}

func closeError(url string, code int, reason string) error {
	if reason != "" {
		return fmt.Errorf("connection to %s closed (%d): %s", url, code, reason)
	}
	switch code {
	case 1000:
		return fmt.Errorf("connection to %s closed", url)
	case 1006:
		return fmt.Errorf("connection to %s lost or refused (is the server running?)", url)
	}
	return fmt.Errorf("connection to %s closed with code %d", url, code)
}

func (c *browserConn) on(event string, f func(js.Value)) {
	fn := js.FuncOf(func(this js.Value, args []js.Value) any {
		f(args[0])
		return nil
	})
	c.listeners = append(c.listeners, listener{event, fn})
	c.ws.Call("addEventListener", event, fn)
}

func (c *browserConn) release() {
	for _, l := range c.listeners {
		c.ws.Call("removeEventListener", l.event, l.fn)
		l.fn.Release()
	}
	c.listeners = nil
}

func (c *browserConn) send(binary bool, data []byte) error {
	if c.closed || c.ws.Get("readyState").Int() != 1 { // 1: OPEN
		return ErrNotOpen
	}
	if !binary {
		c.ws.Call("send", string(data))
		return nil
	}
	arr := js.Global().Get("Uint8Array").New(len(data))
	js.CopyBytesToJS(arr, data)
	c.ws.Call("send", arr)
	return nil
}

func (c *browserConn) buffered() int {
	if c.closed {
		return 0
	}
	return c.ws.Get("bufferedAmount").Int()
}

func (c *browserConn) close() {
	if c.closed {
		return
	}
	c.closed = true
	// Events after this belong to a replaced connection and are dropped
	// by generation; the close event still releases the callbacks.
	c.ws.Call("close", 1000)
}
