//go:build js

package page

import (
	"syscall/js"
)

// Guided tours: the loader puts the tour's code and the guide token (from
// a guide link's fragment, which it removed from the address) into
// window.yunyouBoot.tour; the client keeps its resume secret and any guide
// token in sessionStorage, per tab, so a reload or a scene change resumes
// the same place in the tour; and the page draws the tour's controls from
// the model the client hands to window.yunyouTour.

// TourBoot is the tour the page was opened for.
type TourBoot struct {
	Code  string
	Token string
}

// ReadTourBoot returns window.yunyouBoot.tour, if the page opened a tour.
func ReadTourBoot() (TourBoot, bool) {
	t := js.Global().Get("yunyouBoot").Get("tour")
	if t.Type() != js.TypeObject || t.Get("code").Type() != js.TypeString || t.Get("code").String() == "" {
		return TourBoot{}, false
	}
	tb := TourBoot{Code: t.Get("code").String()}
	if tok := t.Get("token"); tok.Type() == js.TypeString {
		tb.Token = tok.String()
	}
	return tb, true
}

// Stored returns sessionStorage[key], or "".
func Stored(key string) string {
	s := js.Global().Get("sessionStorage")
	if s.IsUndefined() || s.IsNull() {
		return ""
	}
	v := s.Call("getItem", key)
	if v.Type() != js.TypeString {
		return ""
	}
	return v.String()
}

// Store sets sessionStorage[key], or removes it when value is empty.
func Store(key, value string) {
	s := js.Global().Get("sessionStorage")
	if s.IsUndefined() || s.IsNull() {
		return
	}
	if value == "" {
		s.Call("removeItem", key)
	} else {
		s.Call("setItem", key, value)
	}
}

// SetTour hands the tour's model (JSON) to window.yunyouTour, if the page
// defines it.
func (p *Page) SetTour(model string) {
	if f := js.Global().Get("yunyouTour"); f.Type() == js.TypeFunction {
		f.Invoke(model)
	}
}

// OnTourCommand installs window.yunyou.tourCommand(json), through which the
// page's tour controls send commands. check returns the frame to queue or
// an error; the page gets "" or the error's text at once, and the game
// sends the queued frames (TakeTourCommands).
func (p *Page) OnTourCommand(check func(text string) ([]byte, error)) {
	p.export("tourCommand", func(args []js.Value) any {
		if len(args) == 0 || args[0].Type() != js.TypeString {
			return "tourCommand takes the command as JSON text"
		}
		frame, err := check(args[0].String())
		if err != nil {
			return err.Error()
		}
		p.mu.Lock()
		p.commands = append(p.commands, frame)
		p.mu.Unlock()
		return ""
	})
	p.export("followGuide", func([]js.Value) any {
		p.mu.Lock()
		p.snap = true
		p.mu.Unlock()
		return nil
	})
}

// TakeTourCommands appends the commands queued since the last call to dst,
// and reports whether the visitor asked to look with the guide again.
func (p *Page) TakeTourCommands(dst [][]byte) ([][]byte, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	dst = append(dst, p.commands...)
	clear(p.commands)
	p.commands = p.commands[:0]
	snap := p.snap
	p.snap = false
	return dst, snap
}
