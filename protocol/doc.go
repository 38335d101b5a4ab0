// Package protocol defines the messages that travel over Yunyou's WebSocket
// between a client and the server, with their encodings and their version.
//
// Two kinds of frame share one connection:
//
//   - Text frames carry JSON control events: hello, welcome, join, leave,
//     chat and error. They are reliable and ordered: a session sends them in
//     the order it decided them, each with a rising sequence number.
//   - Binary frames carry poses: a client sends its own pose (EncodePose) when
//     it changes, and the session sends every member one snapshot a tick
//     (EncodeSnapshot) holding the poses that changed since the last tick.
//
// A conversation starts with the client's Hello, which names the protocol
// Version it speaks. A server that speaks another version answers with an
// Error whose Code is CodeVersion and closes the connection.
//
//	c → s  text   {"type":"hello","version":1,"scene":"mogao-257","name":"Ana"}
//	s → c  text   {"type":"welcome","version":1,"id":3,"session":"mogao-257/1",...}
//	s → c  binary full snapshot: every member's pose
//	c → s  binary pose (11 bytes) whenever the visitor moves
//	s → c  binary delta snapshot, 20 times a second while anyone moves
//	c → s  text   {"type":"chat","text":"看这只鹿"}
//	s → c  text   {"type":"chat","seq":9,"id":3,"name":"Ana","text":"看这只鹿"}
//
// The package imports neither the server nor Ebiten, so both sides, the load
// generator and the tests share it.
package protocol

// Version is the protocol version this build speaks. Change it whenever a
// message's meaning or encoding changes.
const Version = 2

// Limits every side agrees on.
const (
	// MaxNameRunes is the longest display name, in characters: enough for a
	// full name in any script, short enough to sit above an avatar.
	MaxNameRunes = 32
	// MaxChatRunes is the longest chat message, in characters.
	MaxChatRunes = 500
	// MaxClientMessageBytes bounds any frame a client may send. A chat of
	// MaxChatRunes four-byte characters, JSON-escaped, fits with room to spare.
	MaxClientMessageBytes = 4096
	// MaxSessionMembers is how many visitors share one public session; the
	// next visitor starts a new instance of the same scene.
	MaxSessionMembers = 64
	// TickRate is how many snapshots a session sends each second.
	TickRate = 20
)
