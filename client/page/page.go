//go:build js

// Package page is the client's bridge to the web page around the canvas:
// the boot data the loader prepared, the name form, the chat panel, the
// name labels over avatars, status and error messages, and the
// window.yunyou object that tests and scripts query.
//
// Text a person wrote is always inserted with textContent, never as HTML.
// Callbacks from the page only queue what happened; the game drains the
// queues once a frame (TakeJoin, TakeChat), so nothing blocks its loop.
package page

import (
	"fmt"
	"strconv"
	"strings"
	"sync"
	"syscall/js"
	"unicode"
	"unicode/utf8"
)

// maxChatLines bounds the chat log: older lines are removed so a long
// visit does not grow the page without end.
const maxChatLines = 200

// Page holds the page's elements and the queues filled by its callbacks.
type Page struct {
	doc      js.Value
	body     js.Value
	chatLog  js.Value
	chat     js.Value
	status   js.Value
	errorBox js.Value
	labels   js.Value
	nameForm js.Value
	nameIn   js.Value
	api      js.Value

	mu       sync.Mutex
	joins    []string
	lines    []string
	commands [][]byte // tour commands from the page
	snap     bool     // the visitor asked to look with the guide again

	labelEls   map[uint16]*label
	lastStatus string
	peopleEl   js.Value
	people     int
	funcs      []js.Func
}

// New finds the page's elements and installs window.yunyou.join, which the
// loader's name form calls. Every element is optional, so a page without a
// chat panel still runs; missing ones are reported to the console.
func New() *Page {
	doc := js.Global().Get("document")
	p := &Page{doc: doc, body: doc.Get("body"), labelEls: make(map[uint16]*label)}
	find := func(id string) js.Value {
		el := doc.Call("getElementById", id)
		if el.IsNull() {
			js.Global().Get("console").Call("warn", "yunyou: the page has no #"+id)
		}
		return el
	}
	p.chatLog = find("chat-log")
	p.chat = find("chat-input")
	p.status = find("status")
	p.errorBox = find("error")
	p.labels = find("labels")
	p.nameForm = find("name-form")
	p.nameIn = find("name-input")
	p.peopleEl = find("people")

	p.api = js.Global().Get("yunyou")
	if p.api.IsUndefined() || p.api.IsNull() {
		p.api = js.Global().Get("Object").New()
		js.Global().Set("yunyou", p.api)
	}
	p.export("join", func(args []js.Value) any {
		if len(args) > 0 && args[0].Type() == js.TypeString {
			p.mu.Lock()
			p.joins = append(p.joins, args[0].String())
			p.mu.Unlock()
		}
		return nil
	})
	if !p.chat.IsNull() {
		p.listen(p.chat, "keydown", p.chatKey)
	}
	return p
}

func (p *Page) export(name string, f func(args []js.Value) any) {
	fn := js.FuncOf(func(this js.Value, args []js.Value) any { return f(args) })
	p.funcs = append(p.funcs, fn)
	p.api.Set(name, fn)
}

func (p *Page) listen(el js.Value, event string, f func(e js.Value)) {
	fn := js.FuncOf(func(this js.Value, args []js.Value) any {
		f(args[0])
		return nil
	})
	p.funcs = append(p.funcs, fn)
	el.Call("addEventListener", event, fn)
}

// chatKey sends the line on Enter and hands the keyboard back to the game
// on Escape (or Enter on an empty line).
func (p *Page) chatKey(e js.Value) {
	switch e.Get("key").String() {
	case "Enter":
		if e.Get("isComposing").Truthy() {
			return // Enter confirms an input method's candidate, not the line
		}
		e.Call("preventDefault")
		text := strings.TrimSpace(p.chat.Get("value").String())
		p.chat.Set("value", "")
		if text == "" {
			p.FocusGame()
			return
		}
		p.mu.Lock()
		p.lines = append(p.lines, text)
		p.mu.Unlock()
	case "Escape":
		e.Call("preventDefault")
		p.FocusGame()
	}
}

// SetState installs window.yunyou.state(), which returns f's result.
func (p *Page) SetState(f func() string) {
	p.export("state", func([]js.Value) any { return f() })
}

// TakeJoin returns a name submitted through the name form, if any.
func (p *Page) TakeJoin() (string, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if len(p.joins) == 0 {
		return "", false
	}
	name := p.joins[len(p.joins)-1]
	p.joins = p.joins[:0]
	return name, true
}

// TakeChat appends the chat lines typed since the last call to dst.
func (p *Page) TakeChat(dst []string) []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	dst = append(dst, p.lines...)
	p.lines = p.lines[:0]
	return dst
}

// Typing reports whether a text field has the keyboard, so the game must
// not read letters as walking keys.
func (p *Page) Typing() bool {
	el := p.doc.Get("activeElement")
	if el.IsNull() || el.IsUndefined() {
		return false
	}
	switch el.Get("tagName").String() {
	case "INPUT", "TEXTAREA", "SELECT", "BUTTON":
		return true
	}
	return el.Get("isContentEditable").Truthy()
}

// FocusChat moves the keyboard to the chat input.
func (p *Page) FocusChat() {
	if !p.chat.IsNull() {
		p.chat.Call("focus")
	}
}

// FocusGame gives the keyboard back to the game's canvas.
func (p *Page) FocusGame() {
	if el := p.doc.Get("activeElement"); !el.IsNull() && !el.IsUndefined() && el.Get("blur").Truthy() {
		el.Call("blur")
	}
	if c := p.doc.Call("querySelector", "canvas"); !c.IsNull() {
		c.Call("focus")
	}
}

// Ready tells the page the first frame is drawn: the loading screen goes.
func (p *Page) Ready() {
	p.body.Get("classList").Call("add", "ready")
}

// Joined tells the page the visitor is in a session under a name: the name
// form goes and the chat panel opens.
func (p *Page) Joined(name string) {
	p.body.Get("classList").Call("add", "joined")
	if !p.nameForm.IsNull() {
		p.nameForm.Set("hidden", true)
	}
}

// sentence starts msg with a capital letter: messages show as sentences,
// while Go's error text starts in lower case.
func sentence(msg string) string {
	if r, n := utf8.DecodeRuneInString(msg); n > 0 {
		return string(unicode.ToUpper(r)) + msg[n:]
	}
	return msg
}

// ShowNameForm asks for a name again, with the refused name filled in and
// why it was refused.
func (p *Page) ShowNameForm(name, why string) {
	p.body.Get("classList").Call("remove", "joined")
	if p.nameForm.IsNull() {
		p.ShowError(why)
		return
	}
	p.nameForm.Set("hidden", false)
	if w := p.doc.Call("getElementById", "waiting"); !w.IsNull() {
		w.Set("hidden", true)
	}
	if hint := p.doc.Call("getElementById", "name-hint"); !hint.IsNull() {
		hint.Set("textContent", sentence(why))
	}
	if !p.nameIn.IsNull() {
		p.nameIn.Set("value", name)
		p.nameIn.Call("focus")
	}
}

// ShowError shows a failure the visitor must act on.
func (p *Page) ShowError(msg string) {
	msg = sentence(msg)
	js.Global().Get("console").Call("error", "yunyou: "+msg)
	if p.errorBox.IsNull() {
		return
	}
	p.errorBox.Set("textContent", msg)
	p.errorBox.Set("hidden", false)
}

// Fail shows an error that stops the client: the welcome card gives way to
// the message.
func (p *Page) Fail(msg string) {
	p.body.Get("classList").Call("add", "failed")
	p.ShowError(msg)
}

// Status kinds, styled by the page.
const (
	StatusOK   = "ok"
	StatusWarn = "warn"
)

// Status is a connection status. Key names its wording in the page's
// table of interface strings (strings.js), which shows it in the visitor's
// language; Text is the English wording, shown as it is where the page
// has no such table. Secs and Why fill in the "reconnect-in" wording.
type Status struct {
	Key, Text, Kind string
	Why             string
	Secs            int
}

// SetStatus shows a short connection status; an empty Text hides it.
func (p *Page) SetStatus(s Status) {
	key := s.Kind + "\x00" + s.Key + "\x00" + s.Text
	if key == p.lastStatus || p.status.IsNull() {
		return
	}
	p.lastStatus = key
	ds := p.status.Get("dataset")
	ds.Set("kind", s.Kind)
	ds.Set("why", s.Why)
	ds.Set("secs", strconv.Itoa(s.Secs))
	// The page translates when the key changes; set the text first so
	// that the translated wording is the last written.
	p.status.Set("textContent", s.Text)
	ds.Set("key", s.Key)
	p.status.Set("hidden", s.Text == "")
}

// AddChat appends a chat line: the speaker's name in their colour, then
// the text.
func (p *Page) AddChat(name, color, text string) {
	line := p.doc.Call("createElement", "div")
	line.Set("className", "chat-line")
	who := p.doc.Call("createElement", "span")
	who.Set("className", "chat-name")
	who.Set("textContent", name)
	if isHexColor(color) {
		who.Get("style").Set("color", color)
	}
	msg := p.doc.Call("createElement", "span")
	msg.Set("className", "chat-text")
	// People write in any language: each line takes the direction of
	// its own text, whatever the page's.
	line.Set("dir", "auto")
	msg.Set("textContent", text)
	line.Call("append", who, msg)
	p.appendLog(line)
}

// AddNotice appends a line about the session (arrivals, departures,
// refusals), styled apart from what people said.
func (p *Page) AddNotice(text string) {
	p.AddNoticeKey("", "", text)
}

// AddNoticeKey appends a notice the page can say in the visitor's
// language: key names its wording in the page's table of interface
// strings (strings.js) and name fills in the person it is about; text is
// the English wording, shown where the page has no such wording.
func (p *Page) AddNoticeKey(key, name, text string) {
	line := p.doc.Call("createElement", "div")
	line.Set("className", "chat-notice")
	line.Set("dir", "auto")
	line.Set("textContent", text)
	if key != "" {
		ds := line.Get("dataset")
		ds.Set("name", name)
		ds.Set("key", key)
	}
	p.appendLog(line)
}

func (p *Page) appendLog(el js.Value) {
	if p.chatLog.IsNull() {
		return
	}
	log := p.chatLog
	// Follow new lines only if the reader is already at the bottom.
	atBottom := log.Get("scrollHeight").Float()-log.Get("scrollTop").Float()-log.Get("clientHeight").Float() < 24
	log.Call("append", el)
	for log.Get("childElementCount").Int() > maxChatLines {
		log.Get("firstElementChild").Call("remove")
	}
	if atBottom {
		log.Set("scrollTop", log.Get("scrollHeight"))
	}
}

func isHexColor(s string) bool {
	if len(s) != 7 || s[0] != '#' {
		return false
	}
	_, err := strconv.ParseUint(s[1:], 16, 32)
	return err == nil
}

// Label is a name shown over an avatar, in CSS pixels from the top left of
// the page.
type Label struct {
	ID      uint16
	Name    string
	Color   string
	X, Y    float32
	Visible bool
}

type label struct {
	el      js.Value
	name    string
	color   string
	x, y    int
	placed  bool
	visible bool
	seen    bool
}

// SetLabels shows exactly the given labels, creating, moving and removing
// elements as needed. It writes to the page only what changed.
func (p *Page) SetLabels(ls []Label) {
	if p.labels.IsNull() {
		return
	}
	for _, l := range p.labelEls {
		l.seen = false
	}
	for _, want := range ls {
		l := p.labelEls[want.ID]
		if l == nil {
			el := p.doc.Call("createElement", "div")
			el.Set("className", "avatar-name")
			el.Get("dataset").Set("id", strconv.Itoa(int(want.ID)))
			el.Get("style").Set("display", "none")
			p.labels.Call("append", el)
			l = &label{el: el}
			p.labelEls[want.ID] = l
		}
		l.seen = true
		if l.name != want.Name {
			l.name = want.Name
			l.el.Set("textContent", want.Name)
		}
		if l.color != want.Color && isHexColor(want.Color) {
			l.color = want.Color
			l.el.Get("style").Set("borderColor", want.Color)
		}
		if want.Visible {
			// Whole pixels: sub-pixel moves would restyle every frame for
			// nothing anyone can see.
			x, y := int(want.X+0.5), int(want.Y+0.5)
			if !l.placed || x != l.x || y != l.y {
				l.x, l.y, l.placed = x, y, true
				l.el.Get("style").Set("transform", "translate("+strconv.Itoa(x)+"px,"+strconv.Itoa(y)+"px)")
			}
		}
		if want.Visible != l.visible {
			l.visible = want.Visible
			if want.Visible {
				l.el.Get("style").Set("display", "")
			} else {
				l.el.Get("style").Set("display", "none")
			}
		}
	}
	for id, l := range p.labelEls {
		if !l.seen {
			l.el.Call("remove")
			delete(p.labelEls, id)
		}
	}
}

// SetPeopleCount shows how many people are in the session (0 hides it).
// The page words the count in the visitor's language from data-count; the
// English text stands where it does not.
func (p *Page) SetPeopleCount(n int) {
	if n == p.people || p.peopleEl.IsNull() {
		return
	}
	p.people = n
	text := ""
	switch {
	case n == 1:
		text = "Only you here"
	case n > 1:
		text = fmt.Sprintf("%d people here", n)
	}
	p.peopleEl.Set("textContent", text)
	p.peopleEl.Get("dataset").Set("count", strconv.Itoa(n))
}
