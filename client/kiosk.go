//go:build js

package main

import (
	"encoding/json"
	"errors"

	"yunyou/client/attract"
	"yunyou/client/page"
	"yunyou/client/report"
)

// Kiosks in the game loop: a kiosk never joins a session. In attract mode
// its camera follows the scene's tour route (package attract) and input is
// ignored; in interactive mode a visitor walks freely, or, with the
// profile's walk "route", only glides from stop to stop when the page's
// buttons call kioskStep. The page hears of stops through
// window.yunyouKiosk (page.Kiosk).

// kioskPlay is the game's kiosk state.
type kioskPlay struct {
	bridge *page.Kiosk
	route  *attract.Route
	walk   string // page.WalkFree or page.WalkRoute
	mode   string // page.KioskAttract or page.KioskInteractive

	commands []page.KioskCommand
	events   []attract.Event
	state    report.Kiosk
}

// kioskArrival is window.yunyouKiosk.arrived's argument.
type kioskArrival struct {
	Index   int     `json:"index"`
	Hotspot string  `json:"hotspot"`
	Dwell   float32 `json:"dwell"`
	Count   int     `json:"count"`
}

// startKiosk makes the client the kiosk the page was opened as, starting
// in attract mode at the route's start.
func (g *game) startKiosk(kb page.KioskBoot) {
	g.kiosk = &kioskPlay{
		bridge: g.ui.OpenKiosk(),
		route:  attract.FromScene(g.scene),
		walk:   kb.Walk,
		mode:   page.KioskAttract,
	}
	g.pose = g.kiosk.route.Pose()
}

// kioskMove applies the page's kiosk commands and moves the camera for
// this frame. It reports false when walking is left to move.Step: no
// kiosk, or a visitor walking freely.
func (g *game) kioskMove(dt float32) bool {
	k := g.kiosk
	if k == nil {
		return false
	}
	k.commands = k.bridge.TakeCommands(k.commands[:0])
	for _, c := range k.commands {
		switch {
		case c.Mode != "":
			g.kioskMode(c.Mode)
		case c.Reset:
			g.kioskReset()
		case c.Step != 0:
			if k.mode != page.KioskInteractive || k.walk != page.WalkRoute {
				// A free walker may stand anywhere: a straight glide from
				// there to a stop could cross a wall.
				logError(errors.New("kioskStep is for interactive mode with walk \"route\"; ignored"))
				continue
			}
			k.route.Step(c.Step)
		}
	}
	if !k.routeDriven() {
		return false
	}
	k.events = k.route.Advance(dt, k.events[:0])
	g.pose = k.route.Pose()
	for _, e := range k.events {
		switch e.Kind {
		case attract.Arrived:
			data, _ := json.Marshal(kioskArrival{Index: e.Index, Hotspot: e.Hotspot, Dwell: e.Dwell, Count: e.Count})
			k.bridge.Arrived(string(data))
		case attract.End:
			k.bridge.RouteEnd()
		}
	}
	return true
}

// routeDriven reports whether the route, not the visitor's input, moves
// the camera.
func (k *kioskPlay) routeDriven() bool {
	return k.mode == page.KioskAttract || k.walk == page.WalkRoute
}

// kioskMode switches between attract and interactive mode.
func (g *game) kioskMode(mode string) {
	k := g.kiosk
	if mode == k.mode {
		return
	}
	k.mode = mode
	if mode == page.KioskAttract {
		// A visitor may have walked anywhere; the loop starts again from
		// the route's start rather than gliding back through walls.
		k.route.Reset()
		g.pose = k.route.Pose()
		return
	}
	// The visitor takes over where the camera is.
	k.route.Hold()
}

// kioskReset starts over for a new visitor: in attract mode the loop
// plays from the start; in interactive mode the camera goes back to the
// start, and with walk "route" glides to the first stop.
func (g *game) kioskReset() {
	k := g.kiosk
	k.route.Reset()
	g.pose = k.route.Pose()
	if k.mode == page.KioskInteractive {
		k.route.Hold()
		if k.walk == page.WalkRoute {
			k.route.Step(+1)
		}
	}
}

// kioskTakesInput reports whether the visitor's input moves the camera.
func (g *game) kioskTakesInput() bool {
	return g.kiosk == nil || !g.kiosk.routeDriven()
}

// publishKiosk returns the kiosk's state for window.yunyou.state(), or nil
// outside a kiosk.
func (g *game) publishKiosk() *report.Kiosk {
	k := g.kiosk
	if k == nil {
		return nil
	}
	stop := k.route.Stop()
	if !k.routeDriven() {
		stop = -1 // walking freely: wherever the visitor went, not at a stop
	}
	k.state = report.Kiosk{Mode: k.mode, Stop: stop, Stops: k.route.Len()}
	return &k.state
}
