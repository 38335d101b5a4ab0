// Package presence keeps the client's view of its session: who it is, who
// else is here, their names and colours, and where to draw them. It reads
// the server's frames and turns them into events for the page.
//
//	ev, err := p.HandleText(frame)   // welcome, join, leave, chat, error
//	err = p.HandleBinary(frame, now) // snapshots
//	peers := p.Peers(now, peers[:0]) // everyone else, interpolated
//
// It imports neither Ebiten nor the page, so it tests natively.
package presence

import (
	"encoding/json"
	"fmt"
	"image/color"
	"slices"
	"strconv"
	"time"

	"yunyou/client/interp"
	"yunyou/protocol"
)

// Event is something the page shows or reacts to.
type Event struct {
	// Type is one of the protocol.Type* names.
	Type string
	// Member is the arrival or leaver for join and leave, and the speaker
	// for chat (their colour known if they are still here).
	Member protocol.Member
	// Text is the chat text.
	Text string
	// Err is set for error events.
	Err protocol.Error
}

// Peer is another person as the game draws them this frame.
type Peer struct {
	protocol.Member
	Pose protocol.Pose
	RGBA color.RGBA
}

// Presence is the session as the client knows it. The zero value is
// not joined; it is not safe for concurrent use (the game loop owns it).
type Presence struct {
	self    uint16
	session string
	scene   string
	joined  bool
	members []protocol.Member // sorted by ID
	poses   interp.Buffer
	snap    protocol.Snapshot // decoding scratch, reused
}

// Joined reports whether a welcome arrived since the last Reset.
func (p *Presence) Joined() bool { return p.joined }

// Self returns the client's own member id (0 before a welcome).
func (p *Presence) Self() uint16 { return p.self }

// Session returns the session id given by the welcome, such as "mogao-257/1".
func (p *Presence) Session() string { return p.session }

// Scene returns the scene id given by the welcome.
func (p *Presence) Scene() string { return p.scene }

// Reset forgets the session, for instance when the connection drops: the
// next welcome tells everything again.
func (p *Presence) Reset() {
	p.self, p.session, p.scene, p.joined = 0, "", "", false
	p.members = p.members[:0]
	p.poses.Reset()
}

// Member returns a member by id.
func (p *Presence) Member(id uint16) (protocol.Member, bool) {
	i, ok := slices.BinarySearchFunc(p.members, id, cmpID)
	if !ok {
		return protocol.Member{}, false
	}
	return p.members[i], true
}

func cmpID(m protocol.Member, id uint16) int { return int(m.ID) - int(id) }

func (p *Presence) put(m protocol.Member) {
	i, ok := slices.BinarySearchFunc(p.members, m.ID, cmpID)
	if ok {
		p.members[i] = m
		return
	}
	p.members = slices.Insert(p.members, i, m)
}

// HandleText applies one text frame from the server and returns the event
// it carried. Unknown types are ignored (a newer server may send more), so
// they return an event with an empty Type and no error.
func (p *Presence) HandleText(data []byte) (Event, error) {
	var env protocol.Envelope
	if err := json.Unmarshal(data, &env); err != nil {
		return Event{}, fmt.Errorf("server sent a text frame that is not JSON: %w", err)
	}
	switch env.Type {
	case protocol.TypeWelcome:
		var w protocol.Welcome
		if err := json.Unmarshal(data, &w); err != nil {
			return Event{}, fmt.Errorf("decode welcome: %w", err)
		}
		p.Reset()
		p.self, p.session, p.scene, p.joined = w.ID, w.Session, w.Scene, true
		for _, m := range w.Members {
			p.put(m)
		}
		me, _ := p.Member(w.ID)
		return Event{Type: env.Type, Member: me}, nil
	case protocol.TypeJoin:
		var j protocol.Join
		if err := json.Unmarshal(data, &j); err != nil {
			return Event{}, fmt.Errorf("decode join: %w", err)
		}
		p.put(j.Member)
		return Event{Type: env.Type, Member: j.Member}, nil
	case protocol.TypeLeave:
		var l protocol.Leave
		if err := json.Unmarshal(data, &l); err != nil {
			return Event{}, fmt.Errorf("decode leave: %w", err)
		}
		m, ok := p.Member(l.ID)
		if !ok {
			m = protocol.Member{ID: l.ID}
		}
		if i, ok := slices.BinarySearchFunc(p.members, l.ID, cmpID); ok {
			p.members = slices.Delete(p.members, i, i+1)
		}
		p.poses.Remove(l.ID)
		return Event{Type: env.Type, Member: m}, nil
	case protocol.TypeMember:
		var me protocol.MemberEvent
		if err := json.Unmarshal(data, &me); err != nil {
			return Event{}, fmt.Errorf("decode member: %w", err)
		}
		if _, ok := p.Member(me.Member.ID); ok {
			p.put(me.Member)
		}
		return Event{Type: env.Type, Member: me.Member}, nil
	case protocol.TypeChat:
		var c protocol.Chat
		if err := json.Unmarshal(data, &c); err != nil {
			return Event{}, fmt.Errorf("decode chat: %w", err)
		}
		m, ok := p.Member(c.ID)
		if !ok {
			m = protocol.Member{ID: c.ID, Name: c.Name}
		}
		m.Name = c.Name
		return Event{Type: env.Type, Member: m, Text: c.Text}, nil
	case protocol.TypeError:
		var e protocol.Error
		if err := json.Unmarshal(data, &e); err != nil {
			return Event{}, fmt.Errorf("decode error event: %w", err)
		}
		return Event{Type: env.Type, Err: e}, nil
	}
	return Event{}, nil
}

// HandleBinary applies one binary frame from the server, which arrived at
// the given time.
func (p *Presence) HandleBinary(data []byte, arrival time.Time) error {
	if err := protocol.DecodeSnapshot(data, &p.snap); err != nil {
		return fmt.Errorf("server sent a bad snapshot: %w", err)
	}
	p.poses.Add(&p.snap, arrival)
	return nil
}

// Peers appends everyone else in the session whose pose is known, posed
// for drawing at the given time, in id order.
func (p *Presence) Peers(now time.Time, dst []Peer) []Peer {
	for _, m := range p.members {
		if m.ID == p.self {
			continue
		}
		pose, ok := p.poses.Pose(m.ID, now)
		if !ok {
			continue
		}
		dst = append(dst, Peer{Member: m, Pose: pose, RGBA: ParseColor(m.Color)})
	}
	return dst
}

// Members returns everyone in the session, the client included, by id.
// The slice is the Presence's own: read it before the next HandleText.
func (p *Presence) Members() []protocol.Member { return p.members }

// Count returns how many people are in the session, the client included.
func (p *Presence) Count() int { return len(p.members) }

// fallbackColor is used for a colour the client cannot read: a warm grey
// that shows in the dark caves.
var fallbackColor = color.RGBA{0xbb, 0xaa, 0x99, 0xff}

// ParseColor reads a CSS colour "#rrggbb".
func ParseColor(s string) color.RGBA {
	if len(s) != 7 || s[0] != '#' {
		return fallbackColor
	}
	v, err := strconv.ParseUint(s[1:], 16, 32)
	if err != nil {
		return fallbackColor
	}
	return color.RGBA{uint8(v >> 16), uint8(v >> 8), uint8(v), 0xff}
}
