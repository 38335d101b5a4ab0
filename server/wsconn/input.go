package wsconn

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/gorilla/websocket"

	"yunyou/protocol"
	"yunyou/server/metrics"
	"yunyou/server/session"
)

// This file holds what readPump does with each message. Every bad message
// gets a protocol.Error naming what to fix; only a bad hello or an
// oversized frame also ends the connection.

// text handles a JSON control event and reports whether it was fatal.
func (c *conn) text(data []byte) (fatal bool) {
	msg, err := protocol.DecodeControl(data)
	c.met.MessageIn(kindOf(msg))
	if err != nil {
		var e protocol.Error
		if !errors.As(err, &e) {
			e = protocol.NewError(protocol.CodeBadMessage, "%v", err)
		}
		if c.member == nil && isHello(data) {
			c.fail(e, websocket.ClosePolicyViolation, "malformed hello")
			return true
		}
		c.reject(e)
		return false
	}
	switch m := msg.(type) {
	case *protocol.Hello:
		return c.hello(m)
	case *protocol.Chat:
		if c.member == nil {
			c.reject(protocol.NewError(protocol.CodeOutOfOrder, "chat before hello; send the hello first"))
			return false
		}
		text, err := protocol.CheckChat(m.Text)
		if err != nil {
			c.reject(err.(protocol.Error))
			return false
		}
		if !c.chat.allow(time.Now()) {
			c.reject(protocol.NewError(protocol.CodeChatTooFast, "too many chat lines at once; wait a second and send again (at most %d in a row, then one every %v)", c.chat.limit.Burst, c.chat.limit.Every))
			return false
		}
		c.member.Chat(text)
	case *protocol.Hand:
		if c.member == nil || !c.member.Tour() {
			c.reject(protocol.NewError(protocol.CodeOutOfOrder, "raising a hand works only in a guided tour, after the hello"))
			return false
		}
		if !c.hands.allow(time.Now()) {
			c.reject(protocol.NewError(protocol.CodeTooFast, "your hand went up and down too often; wait a second (at most %d changes in a row, then one every %v)", handLimit.Burst, handLimit.Every))
			return false
		}
		c.member.Hand(m.Up)
	case *protocol.GuideCommand:
		if c.member == nil {
			c.reject(protocol.NewError(protocol.CodeOutOfOrder, "guide command before hello; send the hello first"))
			return false
		}
		b, limit := &c.commands, commandLimit
		if m.Cmd == protocol.CmdPointer {
			b, limit = &c.pointer, pointerLimit
		}
		if !b.allow(time.Now()) {
			c.reject(protocol.NewError(protocol.CodeTooFast, "too many %q commands at once; wait a moment (at most %d in a row, then one every %v)", m.Cmd, limit.Burst, limit.Every))
			return false
		}
		c.member.Command(m)
	}
	return false
}

// kindOf returns the metrics kind of a decoded control message; nil (a
// message that did not decode) is invalid.
func kindOf(msg any) metrics.Kind {
	switch msg.(type) {
	case *protocol.Hello:
		return metrics.KindHello
	case *protocol.Chat:
		return metrics.KindChat
	case *protocol.Hand:
		return metrics.KindHand
	case *protocol.GuideCommand:
		return metrics.KindGuide
	}
	return metrics.KindInvalid
}

// isHello reports whether a frame that failed to decode meant to be a hello.
func isHello(data []byte) bool {
	var env protocol.Envelope
	return json.Unmarshal(data, &env) == nil && env.Type == protocol.TypeHello
}

// hello checks the visitor's hello and joins it to a session.
func (c *conn) hello(h *protocol.Hello) (fatal bool) {
	if c.member != nil {
		c.reject(protocol.NewError(protocol.CodeOutOfOrder, "hello again; a connection says hello once, and this one is in session %s", c.member.Session()))
		return false
	}
	if h.Version != protocol.Version {
		c.fail(protocol.NewError(protocol.CodeVersion, "this page speaks protocol %d, the server speaks %d; reload the page", h.Version, protocol.Version),
			websocket.CloseProtocolError, fmt.Sprintf("protocol %d is not the server's %d; reload the page", h.Version, protocol.Version))
		return true
	}
	name, err := protocol.CheckName(h.Name)
	if err != nil {
		c.fail(err.(protocol.Error), websocket.ClosePolicyViolation, "bad name: "+err.(protocol.Error).Message)
		return true
	}
	scene, ok := c.h.cfg.Catalog.Scene(h.Scene)
	if !ok {
		c.fail(protocol.NewError(protocol.CodeUnknownScene, "there is no scene %q; choose one of %s", truncate(h.Scene, 40), strings.Join(c.h.cfg.Catalog.IDs(), ", ")),
			websocket.ClosePolicyViolation, "unknown scene")
		return true
	}
	c.scene = scene
	if h.Tour != "" {
		if fatal, ok := c.joinTour(h, name); !ok {
			return fatal
		}
	} else {
		c.member = c.h.cfg.Sessions.Join(scene.ID, h.Session, scene.Spawn, name, c)
	}
	// From here the connection lives as long as the peer answers pings.
	c.ws.SetReadDeadline(time.Now().Add(pongWait))
	c.ws.SetPongHandler(func(string) error { c.ws.SetReadDeadline(time.Now().Add(pongWait)); return nil })
	c.log.Info("visitor joined", "session", c.member.Session(), "name", name)
	return false
}

// joinTour joins the tour of h.Tour, spending one of the address's guesses
// on a code that names no tour. ok is false when the visitor did not join.
func (c *conn) joinTour(h *protocol.Hello, name string) (fatal, ok bool) {
	// A hello holds a guess while its code is checked; only a code that
	// names no tour spends it, and parallel wrong guesses cannot all pass.
	g := c.h.cfg.Guesses
	done := func(bool) {}
	if g != nil {
		var ok bool
		if ok, done = g.Take(c.addr); !ok {
			c.fail(protocol.NewError(protocol.CodeTooManyGuesses, "too many wrong tour codes from your network; wait %v and check the code with your guide", g.Wait(c.addr).Round(time.Second)),
				websocket.ClosePolicyViolation, "too many wrong tour codes")
			return true, false
		}
	}
	code, valid := protocol.NormalizeCode(h.Tour)
	var err error
	if valid {
		c.member, err = c.h.cfg.Sessions.JoinTour(context.Background(), session.TourHello{Code: code, Scene: c.scene.ID, Token: h.Token, Resume: h.Resume}, name, c)
	} else {
		err = protocol.NewError(protocol.CodeUnknownTour, "%q is not a tour code: codes have %d letters and digits, such as K7QX3M", truncate(h.Tour, 20), protocol.CodeLength)
	}
	if err == nil {
		done(false)
		return false, true
	}
	var e protocol.Error
	if !errors.As(err, &e) {
		e = protocol.NewError(protocol.CodeRestarting, "the server cannot open this tour just now; try again in a moment")
	}
	done(e.Code == protocol.CodeUnknownTour)
	c.fail(e, websocket.ClosePolicyViolation, e.Message)
	return true, false
}

// binary handles a pose frame.
func (c *conn) binary(data []byte) {
	c.met.MessageIn(metrics.KindPose)
	p, err := protocol.DecodePose(data)
	switch {
	case err != nil:
		c.reject(protocol.NewError(protocol.CodeBadMessage, "binary frame: %v", err))
	case c.member == nil:
		c.reject(protocol.NewError(protocol.CodeOutOfOrder, "pose before hello; send the hello first"))
	case p.Check() != nil:
		c.reject(protocol.NewError(protocol.CodeBadPose, "%v", p.Check()))
	case !c.scene.Contains(p):
		c.reject(protocol.NewError(protocol.CodeBadPose, "pose (%.2f, %.2f, %.2f) is outside scene %s; stay inside its rooms", p.X, p.Y, p.Z, c.scene.ID))
	default:
		c.member.Pose(p)
	}
}

// reject tells the visitor what was wrong with a message; the connection
// goes on.
func (c *conn) reject(e protocol.Error) {
	c.warn(e)
	if !c.Send(frameOf(e)) {
		c.Close(protocol.NewError(protocol.CodeTooSlow, "your connection fell too far behind to take error messages"))
	}
}

// fail tells the visitor what was wrong and closes the connection with code
// and reason.
func (c *conn) fail(e protocol.Error, code int, reason string) {
	c.warn(e)
	c.closeWith(closeInfo{code: code, reason: reason, event: encodeError(e)})
}

// warn logs a visitor's mistake once per code and connection, so a flood of
// bad messages costs one log line; logSuppressed counts the rest at the end.
func (c *conn) warn(e protocol.Error) {
	c.met.BadInput(e.Code)
	c.warned[e.Code]++
	if c.warned[e.Code] == 1 {
		c.log.Warn("bad client input", "code", e.Code, "message", e.Message)
	}
}

func (c *conn) logSuppressed() {
	for code, n := range c.warned {
		if n > 1 {
			c.log.Warn("repeated bad client input", "code", code, "times", n)
		}
	}
}

func truncate(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}
