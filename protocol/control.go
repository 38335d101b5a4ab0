package protocol

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Message types of the JSON control events.
const (
	TypeHello   = "hello"   // client → server, first message
	TypeWelcome = "welcome" // server → client, answer to hello
	TypeJoin    = "join"    // server → client, a member arrived
	TypeLeave   = "leave"   // server → client, a member left
	TypeChat    = "chat"    // both ways
	TypeError   = "error"   // server → client
)

// Error codes sent in Error.Code. A client shows Error.Message to the person;
// the code lets it react (for instance, reload on CodeVersion).
const (
	CodeVersion      = "version"       // the client speaks another protocol version
	CodeBadMessage   = "bad_message"   // malformed JSON or binary frame
	CodeUnknownType  = "unknown_type"  // a type the server does not know
	CodeOutOfOrder   = "out_of_order"  // e.g. a pose before hello, or hello twice
	CodeBadName      = "bad_name"      // empty or too long display name
	CodeBadChat      = "bad_chat"      // empty or too long chat message
	CodeChatTooFast  = "chat_too_fast" // more chat lines than the rate allows
	CodeBadPose      = "bad_pose"      // a pose outside the scene
	CodeUnknownScene = "unknown_scene" // hello names a scene the server lacks
	CodeTooBig       = "too_big"       // a frame over MaxClientMessageBytes
	CodeTooSlow      = "too_slow"      // the client fell too far behind
	CodeRestarting   = "restarting"    // the server is shutting down
)

// Envelope is the part every control event shares; decode it first to learn
// the type, then decode the whole frame into that type.
type Envelope struct {
	Type string `json:"type"`
}

// Hello is the client's first message: who it is and where it wants to be.
type Hello struct {
	Type    string `json:"type"`
	Version int    `json:"version"`
	Scene   string `json:"scene"`
	Name    string `json:"name"`
	// Session optionally asks for one public instance of the scene, such as
	// "mogao-257/3", so that friends sharing a link land together. The
	// server places the visitor elsewhere, and says so, when it is full.
	Session string `json:"session,omitempty"`
	// Tour is a guided tour's code: the visitor joins that tour, in the
	// tour's scene, rather than a public session.
	Tour string `json:"tour,omitempty"`
	// Token is the guide token from a guide link: with it the connection
	// is the tour's guide.
	Token string `json:"token,omitempty"`
	// Resume is the secret from this visitor's last welcome into the
	// tour: with it the visitor gets back its id, name, role and place.
	Resume string `json:"resume,omitempty"`
}

// Member describes a person in a session.
type Member struct {
	ID    uint16 `json:"id"`
	Name  string `json:"name"`
	Color string `json:"color"` // CSS colour, "#rrggbb"

	// In tours only:
	Role  string `json:"role,omitempty"`  // RoleGuide, or "" for a visitor
	Slot  int    `json:"slot,omitempty"`  // place in the group around the guide, from 1
	Hand  bool   `json:"hand,omitempty"`  // a raised hand
	Muted bool   `json:"muted,omitempty"` // the guide muted this member's chat
}

// Welcome answers a valid Hello: the client's own id and everyone present,
// itself included. A full snapshot of everyone's pose follows it.
type Welcome struct {
	Type    string   `json:"type"`
	Seq     uint64   `json:"seq"`
	Version int      `json:"version"`
	ID      uint16   `json:"id"`
	Session string   `json:"session"`
	Scene   string   `json:"scene"`
	Members []Member `json:"members"`
	// Tour is the tour's state when the session is a guided tour.
	Tour *TourState `json:"tour,omitempty"`
	// Resume is this member's new resume secret in a tour (see Hello).
	Resume string `json:"resume,omitempty"`
}

// Join tells members that someone arrived.
type Join struct {
	Type   string `json:"type"`
	Seq    uint64 `json:"seq"`
	Member Member `json:"member"`
}

// Leave tells members that someone left.
type Leave struct {
	Type string `json:"type"`
	Seq  uint64 `json:"seq"`
	ID   uint16 `json:"id"`
}

// Chat is a chat line. A client sends only Type and Text; the server fills
// in the rest when it relays the line to every member, the sender included.
type Chat struct {
	Type string `json:"type"`
	Seq  uint64 `json:"seq,omitempty"`
	ID   uint16 `json:"id,omitempty"`
	Name string `json:"name,omitempty"`
	Text string `json:"text"`
}

// Error tells a client what it did wrong and how to fix it. Message is
// written for a person.
type Error struct {
	Type    string `json:"type"`
	Code    string `json:"code"`
	Message string `json:"message"`

	// cause is a sentinel such as ErrNotJSON for errors.Is; it stays on
	// this side of the wire.
	cause error
}

// NewError builds an Error event.
func NewError(code, format string, args ...any) Error {
	return Error{Type: TypeError, Code: code, Message: fmt.Sprintf(format, args...)}
}

func (e Error) Error() string { return e.Code + ": " + e.Message }

// Unwrap returns the sentinel error behind e, if any, for errors.Is.
func (e Error) Unwrap() error { return e.cause }

// ErrNotJSON is wrapped by DecodeControl for frames that are not a JSON object.
var ErrNotJSON = errors.New("not a JSON object")

// DecodeControl decodes a client's text frame into *Hello, *Chat, *Hand or
// *GuideCommand. Any
// other type, or a malformed frame, returns an Error ready to send back.
func DecodeControl(data []byte) (any, error) {
	if len(data) > MaxClientMessageBytes {
		return nil, NewError(CodeTooBig, "message of %d bytes is over the limit of %d", len(data), MaxClientMessageBytes)
	}
	var env Envelope
	err := json.Unmarshal(data, &env)
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &typ) && typ.Field == "type":
		return nil, NewError(CodeBadMessage, "\"type\" is a JSON %s; it must be a string such as \"hello\" or \"chat\"", typ.Value)
	case err != nil || !isObject(data):
		return nil, notObject(err)
	}
	switch env.Type {
	case TypeHello:
		var h Hello
		if err := json.Unmarshal(data, &h); err != nil {
			return nil, NewError(CodeBadMessage, "hello is malformed (%v); send {\"type\":\"hello\",\"version\":%d,\"scene\":ID,\"name\":NAME}", err, Version)
		}
		return &h, nil
	case TypeChat:
		var c Chat
		if err := json.Unmarshal(data, &c); err != nil {
			return nil, NewError(CodeBadMessage, "chat is malformed (%v); send {\"type\":\"chat\",\"text\":TEXT}", err)
		}
		return &c, nil
	case TypeGuide, TypeHand:
		return decodeTour(env.Type, data)
	case "":
		return nil, NewError(CodeBadMessage, "message has no \"type\"; every message needs one, such as \"hello\" or \"chat\"")
	default:
		return nil, NewError(CodeUnknownType, "unknown message type %q; this server understands \"hello\", \"chat\", \"hand\" and \"guide\"", truncate(env.Type, 40))
	}
}

// CheckName returns the display name cleaned of surrounding space, or an
// Error saying what is wrong with it.
func CheckName(name string) (string, error) {
	name = strings.TrimSpace(name)
	switch n := utf8.RuneCountInString(name); {
	case !utf8.ValidString(name):
		return "", NewError(CodeBadName, "the name is not valid UTF-8 text")
	case n == 0:
		return "", NewError(CodeBadName, "the name is empty; choose a name of 1 to %d characters", MaxNameRunes)
	case n > MaxNameRunes:
		return "", NewError(CodeBadName, "the name has %d characters; shorten it to at most %d", n, MaxNameRunes)
	}
	for _, r := range name {
		if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) {
			// Format characters (right-to-left overrides, zero-width
			// joiners and spaces) are invisible: they would let "Ana"
			// and "Ana\u200b" pass for one person, or reverse text shown
			// around a name.
			return "", NewError(CodeBadName, "the name contains a control character or an invisible formatting character (U+%04X); use letters, digits, spaces and punctuation", r)
		}
	}
	return name, nil
}

// CheckChat returns the chat text cleaned of surrounding space, or an Error
// saying what is wrong with it.
func CheckChat(text string) (string, error) {
	text = strings.TrimSpace(text)
	switch n := utf8.RuneCountInString(text); {
	case !utf8.ValidString(text):
		return "", NewError(CodeBadChat, "the message is not valid UTF-8 text")
	case n == 0:
		return "", NewError(CodeBadChat, "the message is empty")
	case n > MaxChatRunes:
		return "", NewError(CodeBadChat, "the message has %d characters; shorten it to at most %d", n, MaxChatRunes)
	}
	for _, r := range text {
		// Control characters other than line breaks and tabs, and the
		// bidirectional overrides and isolates, could garble or disguise
		// the lines shown around this one. Joiners (U+200D) stay: emoji
		// and some scripts need them.
		if (unicode.IsControl(r) && r != '\n' && r != '\t') || isBidiControl(r) {
			return "", NewError(CodeBadChat, "the message contains an invisible control character (U+%04X); remove it", r)
		}
	}
	return text, nil
}

// isBidiControl reports whether r overrides or isolates text direction.
func isBidiControl(r rune) bool {
	return (r >= 0x202A && r <= 0x202E) || (r >= 0x2066 && r <= 0x2069)
}

// notObject builds the Error for a frame that is not a JSON object, naming
// the syntax error if there is one.
func notObject(err error) Error {
	const example = `{"type":"chat","text":"hello"}`
	e := NewError(CodeBadMessage, "message is not a JSON object; send one such as %s", example)
	var syntax *json.SyntaxError
	if errors.As(err, &syntax) {
		e.Message = fmt.Sprintf("message is not valid JSON (%v); send an object such as %s", err, example)
	}
	e.cause = ErrNotJSON
	return e
}

// isObject reports whether data, past leading white space, starts a JSON
// object: json.Unmarshal accepts null for a struct without complaint.
func isObject(data []byte) bool {
	t := bytes.TrimLeft(data, " \t\r\n")
	return len(t) > 0 && t[0] == '{'
}

func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n]) + "…"
}
