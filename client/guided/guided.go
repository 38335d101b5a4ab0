// Package guided keeps a browser client's view of a guided tour: the
// tour's state, the client's role and secrets, the guide's pointer, and the
// model the page draws the guide's console and the visitor's banner from.
//
//	t := guided.New("K7QX3M", token, resume) // secrets from the page's storage
//	hello := t.Hello(scene, name)            // the hello into the tour
//	fx, err := t.Handle(frame)               // every text frame from the server
//	if fx.Gather != nil { pose = *fx.Gather }
//	model := t.Model(members, following)     // JSON for window.yunyouTour
//
// It imports neither Ebiten nor the page, so it tests natively.
package guided

import (
	"encoding/json"
	"fmt"

	"yunyou/protocol"
)

// Tour is the client's view of one guided tour. The zero value is not
// usable; call New. It is not safe for concurrent use (the game loop owns
// it).
type Tour struct {
	code   string
	token  string // the guide token this client holds, if any
	resume string // the newest resume secret

	self    uint16
	joined  bool
	state   protocol.TourState
	pointer protocol.Pointer
	ended   string
	removed string
}

// Effects are what a frame asks the game to do besides updating the model.
type Effects struct {
	// Gather is where the visitor must stand now.
	Gather *protocol.Pose
	// SecretsChanged: the resume secret or guide token changed; store
	// them (Secrets) and renew the hello (Hello).
	SecretsChanged bool
	// Stop: the tour is over for this client (ended, or removed); do not
	// reconnect.
	Stop bool
	// Changed: the model changed; tell the page.
	Changed bool
}

// New returns the view of tour code, with the guide token and resume
// secret the page kept (either may be empty).
func New(code, token, resume string) *Tour {
	return &Tour{code: code, token: token, resume: resume}
}

// Code returns the tour's code.
func (t *Tour) Code() string { return t.code }

// Secrets returns the guide token (empty unless this client is or was
// given the guide role) and the newest resume secret.
func (t *Tour) Secrets() (token, resume string) { return t.token, t.resume }

// Hello returns the hello into the tour for a page showing scene.
func (t *Tour) Hello(scene, name string) []byte {
	b, _ := json.Marshal(protocol.Hello{
		Type: protocol.TypeHello, Version: protocol.Version, Scene: scene, Name: name,
		Tour: t.code, Token: t.token, Resume: t.resume,
	})
	return b
}

// State returns the tour's state as the server last said.
func (t *Tour) State() protocol.TourState { return t.state }

// Self returns the client's member id in the tour (0 before a welcome).
func (t *Tour) Self() uint16 { return t.self }

// Joined reports whether a welcome into the tour arrived.
func (t *Tour) Joined() bool { return t.joined }

// Pointer returns the guide's pointer as the server last said.
func (t *Tour) Pointer() protocol.Pointer { return t.pointer }

// Over reports whether the tour ended or removed this client, with the
// message to show.
func (t *Tour) Over() (string, bool) {
	if t.removed != "" {
		return t.removed, true
	}
	return t.ended, t.ended != ""
}

// Disconnected forgets what a new connection will tell again.
func (t *Tour) Disconnected() {
	t.joined = false
	t.pointer = protocol.Pointer{}
}

// Handle applies one text frame from the server. Frames that are not about
// the tour change nothing.
func (t *Tour) Handle(data []byte) (Effects, error) {
	var env protocol.Envelope
	if err := json.Unmarshal(data, &env); err != nil {
		return Effects{}, fmt.Errorf("server sent a text frame that is not JSON: %w", err)
	}
	var fx Effects
	switch env.Type {
	case protocol.TypeWelcome:
		var w protocol.Welcome
		if err := json.Unmarshal(data, &w); err != nil {
			return fx, fmt.Errorf("decode welcome: %w", err)
		}
		if w.Tour == nil {
			return fx, nil
		}
		t.self, t.joined, t.state = w.ID, true, *w.Tour
		if w.Resume != "" && w.Resume != t.resume {
			t.resume = w.Resume
			fx.SecretsChanged = true
		}
		for _, m := range w.Members {
			if m.ID == w.ID && m.Role != protocol.RoleGuide && t.token != "" {
				// The server did not take the token: it no longer works.
				t.token = ""
				fx.SecretsChanged = true
			}
		}
		fx.Changed = true
	case protocol.TypeTour:
		var e protocol.TourEvent
		if err := json.Unmarshal(data, &e); err != nil {
			return fx, fmt.Errorf("decode tour: %w", err)
		}
		t.state = e.Tour
		fx.Changed = true
	case protocol.TypeMember:
		var e protocol.MemberEvent
		if err := json.Unmarshal(data, &e); err != nil {
			return fx, fmt.Errorf("decode member: %w", err)
		}
		if e.Member.ID == t.self && e.Member.Role != protocol.RoleGuide && t.token != "" {
			t.token = "" // the role went to someone else
			fx.SecretsChanged = true
		}
		fx.Changed = true
	case protocol.TypeJoin, protocol.TypeLeave:
		fx.Changed = true
	case protocol.TypeGather:
		var g protocol.Gather
		if err := json.Unmarshal(data, &g); err != nil {
			return fx, fmt.Errorf("decode gather: %w", err)
		}
		p := g.Pose.Pose()
		fx.Gather = &p
	case protocol.TypePointer:
		var p protocol.Pointer
		if err := json.Unmarshal(data, &p); err != nil {
			return fx, fmt.Errorf("decode pointer: %w", err)
		}
		changed := p.On != t.pointer.On
		t.pointer = p
		fx.Changed = changed
	case protocol.TypeRole:
		var r protocol.Role
		if err := json.Unmarshal(data, &r); err != nil {
			return fx, fmt.Errorf("decode role: %w", err)
		}
		if r.Role == protocol.RoleGuide && r.Token != "" {
			t.token = r.Token
			fx.SecretsChanged = true
		}
		fx.Changed = true
	case protocol.TypeEnded:
		var e protocol.Ended
		if err := json.Unmarshal(data, &e); err != nil {
			return fx, fmt.Errorf("decode ended: %w", err)
		}
		t.ended = e.Message
		if t.ended == "" {
			t.ended = "The tour has ended."
		}
		t.forget(&fx)
	case protocol.TypeError:
		var e protocol.Error
		if err := json.Unmarshal(data, &e); err != nil {
			return fx, fmt.Errorf("decode error event: %w", err)
		}
		switch e.Code {
		case protocol.CodeRemoved:
			t.removed = e.Message
			t.forget(&fx)
		case protocol.CodeTourEnded, protocol.CodeUnknownTour, protocol.CodeTourLocked, protocol.CodeTourFull, protocol.CodeTooManyGuesses:
			t.ended = e.Message
			t.forget(&fx)
		}
	}
	return fx, nil
}

// forget drops the secrets of a tour that is over for this client.
func (t *Tour) forget(fx *Effects) {
	t.token, t.resume = "", ""
	t.pointer = protocol.Pointer{}
	fx.SecretsChanged, fx.Stop, fx.Changed = true, true, true
}

// Role returns protocol.RoleGuide when this client is the guide.
func (t *Tour) Role(members []protocol.Member) string {
	for _, m := range members {
		if m.ID == t.self {
			return m.Role
		}
	}
	return ""
}

// Model is what the page draws the tour's controls from (see tour.js's
// window.yunyouTour).
type Model struct {
	Code         string            `json:"code"`
	Role         string            `json:"role"` // "guide" or "visitor"
	Self         uint16            `json:"self"`
	Scene        string            `json:"scene"`
	Guide        uint16            `json:"guide"`
	GuideName    string            `json:"guideName"`
	GuidePresent bool              `json:"guidePresent"`
	Follow       bool              `json:"follow"`
	Following    bool              `json:"following"`
	Spotlight    string            `json:"spotlight"`
	Locked       bool              `json:"locked"`
	ChatOff      bool              `json:"chatOff"`
	Pointing     bool              `json:"pointing"`
	Connected    bool              `json:"connected"`
	Members      []protocol.Member `json:"members"`
	Ended        string            `json:"ended"`
	Removed      string            `json:"removed"`
}

// Model returns the page's model given everyone present and whether this
// visitor's view follows the guide's right now.
func (t *Tour) Model(members []protocol.Member, following bool) Model {
	role := "visitor"
	if t.Role(members) == protocol.RoleGuide {
		role = protocol.RoleGuide
	}
	list := make([]protocol.Member, len(members))
	copy(list, members)
	return Model{
		Code: t.code, Role: role, Self: t.self, Scene: t.state.Scene,
		Guide: t.state.Guide, GuideName: t.state.GuideName, GuidePresent: t.state.Guide != 0,
		Follow: t.state.Follow, Following: following, Spotlight: t.state.Spotlight,
		Locked: t.state.Locked, ChatOff: t.state.ChatOff, Pointing: t.pointer.On,
		Connected: t.joined, Members: list, Ended: t.ended, Removed: t.removed,
	}
}

// Command checks a command the page sends (a hand or a guide command, as
// JSON) and returns the frame to send, or an error to show.
func Command(text string) ([]byte, error) {
	msg, err := protocol.DecodeControl([]byte(text))
	if err != nil {
		return nil, err
	}
	switch m := msg.(type) {
	case *protocol.Hand:
		return json.Marshal(m)
	case *protocol.GuideCommand:
		return json.Marshal(m)
	}
	return nil, fmt.Errorf("only hand and guide commands go through the tour console")
}
