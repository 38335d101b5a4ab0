//go:build js

package main

import (
	"errors"
	"fmt"
	"math"
	"os"
	"time"

	"yunyou/client/netclient"
	"yunyou/client/page"
	"yunyou/client/presence"
	"yunyou/protocol"
)

// repeatNotice is how long the same kind of server refusal stays quiet in
// the chat after it was shown.
const repeatNotice = 10 * time.Second

// logError reports a problem to the browser console as an error.
func logError(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "yunyou:", err)
	}
}

// handleNetwork applies what arrived from the server and keeps the status
// line current.
func (g *game) handleNetwork(now time.Time) {
	g.events = g.net.Poll(now, g.events[:0])
	for _, ev := range g.events {
		switch ev.Kind {
		case netclient.Opened:
			g.ui.SetStatus(page.Status{Key: "joining", Text: "Joining the session…", Kind: page.StatusWarn})
		case netclient.Message:
			if ev.Binary {
				if err := g.pres.HandleBinary(ev.Data, ev.At); err != nil {
					logError(err)
				}
				continue
			}
			if g.tour != nil {
				g.handleTourFrame(ev.Data)
			}
			e, err := g.pres.HandleText(ev.Data)
			if err != nil {
				logError(err)
				continue
			}
			g.handleEvent(e, now)
		case netclient.Closed:
			if g.pres.Joined() {
				g.ui.AddNoticeKey("connectionLost", "", "Connection lost.")
			}
			g.pres.Reset()
			if g.tour != nil {
				g.tour.t.Disconnected()
				g.tour.dirty = true
			}
			g.peers = g.peers[:0]
			g.ui.SetLabels(nil)
			logError(ev.Err)
		}
	}
	g.showStatus(now)
}

func (g *game) handleEvent(e presence.Event, now time.Time) {
	switch e.Type {
	case protocol.TypeWelcome:
		g.ui.SetStatus(page.Status{Kind: page.StatusOK})
		if g.pres.Scene() != "" && g.pres.Scene() != g.scene.ID && g.tour == nil {
			g.ui.AddNotice(fmt.Sprintf("The server placed you in %s, not %s.", g.pres.Scene(), g.scene.ID))
		}
		if g.welcomed {
			g.ui.AddNoticeKey("reconnectedAs", e.Member.Name, fmt.Sprintf("Reconnected as %s.", e.Member.Name))
		} else {
			g.ui.AddNoticeKey("joinedAs", e.Member.Name, fmt.Sprintf("You joined as %s.", e.Member.Name))
		}
		g.welcomed = true
	case protocol.TypeJoin:
		g.ui.AddNoticeKey("arrived", e.Member.Name, e.Member.Name+" arrived.")
	case protocol.TypeLeave:
		if e.Member.Name != "" {
			g.ui.AddNoticeKey("left", e.Member.Name, e.Member.Name+" left.")
		}
	case protocol.TypeChat:
		g.ui.AddChat(e.Member.Name, e.Member.Color, e.Text)
	case protocol.TypeError:
		g.handleServerError(e.Err, now)
	}
	g.ui.SetPeopleCount(g.pres.Count())
}

// handleServerError reacts to an error event according to what can fix it.
func (g *game) handleServerError(e protocol.Error, now time.Time) {
	switch e.Code {
	case protocol.CodeVersion:
		g.net.Stop(e)
		g.ui.ShowError("This page is older than the server: reload the page to get the new version. (" + e.Message + ")")
	case protocol.CodeBadName:
		g.net.Stop(e)
		g.ui.ShowNameForm(g.name, e.Message)
	case protocol.CodeUnknownScene:
		g.net.Stop(e)
		g.ui.ShowError("The server has no session for this scene: " + e.Message)
	case protocol.CodeRestarting, protocol.CodeTooSlow:
		if e.Code == protocol.CodeRestarting {
			g.ui.AddNotice("The server is restarting — reconnecting by itself in a moment.")
		} else {
			g.ui.AddNotice("The connection fell behind — reconnecting.")
		}
		g.pres.Reset()
		g.ui.SetLabels(nil)
		g.net.Reconnect(e, now)
	default:
		// A refusal repeats with every frame that caused it (a pose the
		// server finds outside the scene, say): say it once in a while.
		if last, ok := g.noticed[e.Code]; ok && now.Sub(last) < repeatNotice {
			logError(e)
			return
		}
		if g.noticed == nil {
			g.noticed = make(map[string]time.Time)
		}
		g.noticed[e.Code] = now
		g.ui.AddNotice("Server: " + e.Message)
	}
}

// showStatus describes the connection while it is not in a session.
func (g *game) showStatus(now time.Time) {
	st, retryAt, err := g.net.Status()
	switch st {
	case netclient.Waiting:
		secs := int(math.Ceil(retryAt.Sub(now).Seconds()))
		why := ""
		var pe protocol.Error
		if errors.As(err, &pe) {
			why = pe.Message
		}
		if secs > 0 {
			text := fmt.Sprintf("Connection lost — reconnecting in %d s…", secs)
			if why != "" {
				text = fmt.Sprintf("Connection lost (%s) — reconnecting in %d s…", why, secs)
			}
			g.ui.SetStatus(page.Status{Key: "reconnect-in", Text: text, Kind: page.StatusWarn, Why: why, Secs: secs})
		} else {
			g.ui.SetStatus(page.Status{Key: "reconnecting", Text: "Reconnecting…", Kind: page.StatusWarn})
		}
	case netclient.Connecting:
		if !g.pres.Joined() {
			g.ui.SetStatus(page.Status{Key: "connecting", Text: "Connecting…", Kind: page.StatusWarn})
		}
	case netclient.Stopped:
		g.ui.SetStatus(page.Status{Key: "offline", Text: "Not connected", Kind: page.StatusWarn})
	}
}
