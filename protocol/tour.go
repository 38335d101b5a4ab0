package protocol

import (
	"encoding/json"
	"fmt"
	"strings"
)

// Guided tours. A tour is a private session led by a guide. A visitor joins
// it with its code in Hello.Tour; the guide adds the secret guide token from
// the guide link in Hello.Token. Every welcome into a tour carries a fresh
// resume secret: a client that lost its connection says hello again with it
// (Hello.Resume) and gets back its id, name, role and place.
//
//	c → s  {"type":"hello","version":2,"scene":"mogao-257","name":"Ana","tour":"K7QX3M","resume":"…"}
//	s → c  {"type":"welcome",…,"tour":{"code":"K7QX3M","scene":"mogao-257","guide":1,"follow":true,…},"resume":"…"}
//	c → s  {"type":"guide","cmd":"spotlight","hotspot":"nine-coloured-deer"}
//	s → c  {"type":"tour","seq":12,"tour":{…,"spotlight":"nine-coloured-deer"}}
//	c → s  {"type":"hand","up":true}
//	s → c  {"type":"member","seq":13,"member":{"id":4,"name":"Léa","color":"#…","hand":true}}

// Tour message types.
const (
	TypeGuide   = "guide"   // client → server: a guide command (GuideCommand)
	TypeHand    = "hand"    // client → server: raise or lower a hand
	TypeTour    = "tour"    // server → client: the tour's state changed
	TypeMember  = "member"  // server → client: a member's flags changed
	TypeGather  = "gather"  // server → client: stand here now
	TypePointer = "pointer" // server → client: the guide's pointer
	TypeEnded   = "ended"   // server → client: the tour is over
	TypeRole    = "role"    // server → client, privately: you are now the guide
)

// Guide commands, in GuideCommand.Cmd.
const (
	CmdFollow    = "follow"    // On: visitors' cameras follow the guide
	CmdGather    = "gather"    // everyone stands around the guide now
	CmdSpotlight = "spotlight" // Hotspot: open it for everyone; "" closes it
	CmdPointer   = "pointer"   // On, At: the guide points at At
	CmdScene     = "scene"     // Scene: the group moves there
	CmdMute      = "mute"      // ID, On: mute or unmute a visitor's chat
	CmdRemove    = "remove"    // ID: send a visitor out of the tour
	CmdLock      = "lock"      // On: refuse new joiners
	CmdChat      = "chat"      // On: chat on or off for everyone
	CmdHandOver  = "handover"  // ID: that participant becomes the guide
	CmdEnd       = "end"       // end the tour for everyone
)

// GuideCommands lists every command, for error messages and clients.
var GuideCommands = []string{CmdFollow, CmdGather, CmdSpotlight, CmdPointer, CmdScene, CmdMute, CmdRemove, CmdLock, CmdChat, CmdHandOver, CmdEnd}

// Roles, in Member.Role.
const (
	RoleGuide = "guide"
)

// Error codes of tours.
const (
	CodeNotGuide       = "not_guide"        // a guide command from a visitor
	CodeBadCommand     = "bad_command"      // a guide command that cannot apply
	CodeUnknownTour    = "unknown_tour"     // no tour has this code
	CodeTourEnded      = "tour_ended"       // the tour is over
	CodeTourLocked     = "tour_locked"      // the guide locked the tour
	CodeTourFull       = "tour_full"        // MaxTourMembers are in
	CodeTooManyGuesses = "too_many_guesses" // wrong codes from this address
	CodeMuted          = "muted"            // the guide muted this visitor
	CodeChatOff        = "chat_off"         // the guide turned chat off
	CodeRemoved        = "removed"          // the guide removed this visitor
	CodeTooFast        = "too_fast"         // hands or guide commands faster than the rate allows
)

// MaxTourMembers is how many people a tour holds, the guide included.
const MaxTourMembers = 200

// CodeAlphabet is the alphabet of tour codes: capital letters and digits
// without the look-alikes 0/O, 1/I/L, so a code read aloud or from a
// projector is typed right.
const CodeAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"

// CodeLength is the length of a tour code.
const CodeLength = 6

// NormalizeCode returns a typed code in its canonical form: capitals,
// without spaces or dashes. ok is false when the result cannot be a code.
func NormalizeCode(s string) (code string, ok bool) {
	code = strings.Map(func(r rune) rune {
		if r == ' ' || r == '-' || r == '\t' {
			return -1
		}
		return r
	}, strings.ToUpper(strings.TrimSpace(s)))
	if len(code) != CodeLength {
		return code, false
	}
	for _, r := range code {
		if !strings.ContainsRune(CodeAlphabet, r) {
			return code, false
		}
	}
	return code, true
}

// TourState is what every member knows about the tour.
type TourState struct {
	Code  string `json:"code"`
	Scene string `json:"scene"`
	// Guide is the guide's member id, 0 while the guide is away.
	Guide     uint16 `json:"guide"`
	GuideName string `json:"guideName"`
	Follow    bool   `json:"follow"`
	Spotlight string `json:"spotlight,omitempty"`
	Locked    bool   `json:"locked"`
	ChatOff   bool   `json:"chatOff"`
}

// TourEvent tells members that the tour's state changed.
type TourEvent struct {
	Type string    `json:"type"`
	Seq  uint64    `json:"seq"`
	Tour TourState `json:"tour"`
}

// MemberEvent tells members that a member's role, hand or mute changed.
type MemberEvent struct {
	Type   string `json:"type"`
	Seq    uint64 `json:"seq"`
	Member Member `json:"member"`
}

// Gather tells one visitor where to stand: beside the guide, looking where
// the guide looks.
type Gather struct {
	Type  string   `json:"type"`
	Seq   uint64   `json:"seq"`
	Pose  JSONPose `json:"pose"`
	Guide uint16   `json:"guide"`
}

// Pointer is the guide's pointer: while On, a beam from the guide to At.
type Pointer struct {
	Type string     `json:"type"`
	Seq  uint64     `json:"seq,omitempty"`
	ID   uint16     `json:"id,omitempty"`
	On   bool       `json:"on"`
	At   [3]float32 `json:"at"`
}

// Ended tells members that the tour is over; the server then closes.
type Ended struct {
	Type    string `json:"type"`
	Seq     uint64 `json:"seq"`
	Message string `json:"message"`
}

// Role tells a participant, and nobody else, that it is now the guide, with
// the new guide token; the old token stops working.
type Role struct {
	Type  string `json:"type"`
	Seq   uint64 `json:"seq"`
	Role  string `json:"role"`
	Token string `json:"token"`
}

// Hand raises (Up) or lowers a visitor's hand.
type Hand struct {
	Type string `json:"type"`
	Up   bool   `json:"up"`
}

// GuideCommand is a guide's command. Which fields count depends on Cmd (see
// the Cmd constants); the server checks that the sender is the guide.
type GuideCommand struct {
	Type    string      `json:"type"`
	Cmd     string      `json:"cmd"`
	On      bool        `json:"on,omitempty"`
	Hotspot string      `json:"hotspot,omitempty"`
	Scene   string      `json:"scene,omitempty"`
	ID      uint16      `json:"id,omitempty"`
	At      *[3]float32 `json:"at,omitempty"`
}

// JSONPose is a pose in a control event.
type JSONPose struct {
	X     float32 `json:"x"`
	Y     float32 `json:"y"`
	Z     float32 `json:"z"`
	Yaw   float32 `json:"yaw"`
	Pitch float32 `json:"pitch"`
}

// Pose converts p.
func (p JSONPose) Pose() Pose { return Pose{X: p.X, Y: p.Y, Z: p.Z, Yaw: p.Yaw, Pitch: p.Pitch} }

// ToJSON converts p.
func ToJSON(p Pose) JSONPose { return JSONPose{X: p.X, Y: p.Y, Z: p.Z, Yaw: p.Yaw, Pitch: p.Pitch} }

// decodeTour decodes the tour messages a client may send.
func decodeTour(typ string, data []byte) (any, error) {
	switch typ {
	case TypeGuide:
		var g GuideCommand
		if err := json.Unmarshal(data, &g); err != nil {
			return nil, NewError(CodeBadMessage, "guide command is malformed (%v); send {\"type\":\"guide\",\"cmd\":CMD,…}", err)
		}
		if !knownCommand(g.Cmd) {
			return nil, NewError(CodeBadCommand, "unknown guide command %q; the commands are %s", truncate(g.Cmd, 40), strings.Join(GuideCommands, ", "))
		}
		return &g, nil
	case TypeHand:
		var h Hand
		if err := json.Unmarshal(data, &h); err != nil {
			return nil, NewError(CodeBadMessage, "hand is malformed (%v); send {\"type\":\"hand\",\"up\":true}", err)
		}
		return &h, nil
	}
	return nil, fmt.Errorf("protocol: %q is not a tour message", typ)
}

func knownCommand(cmd string) bool {
	for _, c := range GuideCommands {
		if c == cmd {
			return true
		}
	}
	return false
}
