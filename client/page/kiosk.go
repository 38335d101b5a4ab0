//go:build js

package page

import (
	"fmt"
	"math"
	"sync"
	"syscall/js"
)

// Kiosks: the page sets window.yunyouBoot.kiosk = {name, profile} for a
// gallery touch screen. A kiosk never joins a shared session; its camera
// follows the scene's tour by itself (attract mode) until a visitor takes
// over (interactive mode). The page switches modes and steps along the
// route through window.yunyou.kioskMode, kioskReset and kioskStep; the
// client tells the page about stops through window.yunyouKiosk.arrived and
// routeEnd.

// Kiosk modes, as the page names them.
const (
	KioskAttract     = "attract"
	KioskInteractive = "interactive"
)

// Kiosk walk settings, as the profile names them.
const (
	WalkFree  = "free"
	WalkRoute = "route"
)

// maxKioskStep bounds one kioskStep: a page asks for the next or previous
// stop; anything larger is a mistake, not a visitor's wish.
const maxKioskStep = 100

// KioskBoot is the kiosk the page was opened as.
type KioskBoot struct {
	Name string
	// Walk is WalkFree or WalkRoute: how visitors move in interactive
	// mode.
	Walk string
}

// ReadKioskBoot returns window.yunyouBoot.kiosk, if the page is a kiosk. A
// profile without a known walk setting walks freely.
func ReadKioskBoot() (KioskBoot, bool) {
	k := js.Global().Get("yunyouBoot").Get("kiosk")
	if k.Type() != js.TypeObject {
		return KioskBoot{}, false
	}
	kb := KioskBoot{Walk: WalkFree}
	if n := k.Get("name"); n.Type() == js.TypeString {
		kb.Name = n.String()
	}
	if prof := k.Get("profile"); prof.Type() == js.TypeObject {
		if w := prof.Get("walk"); w.Type() == js.TypeString && w.String() == WalkRoute {
			kb.Walk = WalkRoute
		}
	}
	return kb, true
}

// KioskCommand is one request from the page: a mode change, a reset or a
// step along the route.
type KioskCommand struct {
	Mode  string // KioskAttract or KioskInteractive, or "" for the others
	Reset bool
	Step  int
}

// Kiosk is the kiosk's bridge to the page: its callbacks queue commands,
// which the game takes once a frame.
type Kiosk struct {
	mu       sync.Mutex
	commands []KioskCommand
}

// OpenKiosk installs window.yunyou.kioskMode(mode), kioskReset() and
// kioskStep(delta). kioskMode and kioskStep return "" or what was wrong
// with the call; the game applies the commands (TakeCommands).
func (p *Page) OpenKiosk() *Kiosk {
	k := &Kiosk{}
	p.export("kioskMode", func(args []js.Value) any {
		if len(args) == 0 || args[0].Type() != js.TypeString ||
			args[0].String() != KioskAttract && args[0].String() != KioskInteractive {
			return `kioskMode takes "attract" or "interactive"`
		}
		k.push(KioskCommand{Mode: args[0].String()})
		return ""
	})
	p.export("kioskReset", func([]js.Value) any {
		k.push(KioskCommand{Reset: true})
		return ""
	})
	p.export("kioskStep", func(args []js.Value) any {
		if len(args) == 0 || args[0].Type() != js.TypeNumber {
			return "kioskStep takes the number of stops to move: 1 for the next, -1 for the previous"
		}
		d := args[0].Float()
		if d != math.Trunc(d) || d == 0 || math.Abs(d) > maxKioskStep {
			return fmt.Sprintf("kioskStep(%v): give a whole number of stops from -%d to %d, not 0 (1 for the next, -1 for the previous)", d, maxKioskStep, maxKioskStep)
		}
		k.push(KioskCommand{Step: int(d)})
		return ""
	})
	return k
}

func (k *Kiosk) push(c KioskCommand) {
	k.mu.Lock()
	k.commands = append(k.commands, c)
	k.mu.Unlock()
}

// TakeCommands appends the commands queued since the last call to dst, in
// the order the page gave them.
func (k *Kiosk) TakeCommands(dst []KioskCommand) []KioskCommand {
	k.mu.Lock()
	defer k.mu.Unlock()
	dst = append(dst, k.commands...)
	k.commands = k.commands[:0]
	return dst
}

// Arrived tells window.yunyouKiosk.arrived, if the page defines it, that
// the camera reached a stop; info is the JSON text
// {"index", "hotspot", "dwell", "count"}.
func (k *Kiosk) Arrived(info string) {
	if f := kioskHook("arrived"); f.Type() == js.TypeFunction {
		f.Invoke(info)
	}
}

// RouteEnd tells window.yunyouKiosk.routeEnd, if the page defines it, that
// the last stop's dwell is over.
func (k *Kiosk) RouteEnd() {
	if f := kioskHook("routeEnd"); f.Type() == js.TypeFunction {
		f.Invoke()
	}
}

// kioskHook returns window.yunyouKiosk[name], or undefined.
func kioskHook(name string) js.Value {
	obj := js.Global().Get("yunyouKiosk")
	if obj.Type() != js.TypeObject && obj.Type() != js.TypeFunction {
		return js.Undefined()
	}
	// Call as a method, so the page's object may use this.
	f := obj.Get(name)
	if f.Type() != js.TypeFunction {
		return js.Undefined()
	}
	return f.Call("bind", obj)
}
