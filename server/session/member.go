package session

import "yunyou/protocol"

// Frame is one WebSocket message for a member. A session sends the same
// Data to many members, so nobody may modify it once it is queued.
type Frame struct {
	Binary bool // a snapshot; otherwise a JSON control event
	// Lossy marks a control event that the next one replaces (the guide's
	// pointer): a peer may refuse it as it would a snapshot.
	Lossy bool
	Data  []byte
}

// Peer is a member's connection as its session sees it. Only the session's
// goroutine calls these methods, and neither may block: a slow peer must
// never hold up the session or the other members.
type Peer interface {
	// Send queues f for writing and reports whether there was room. A peer
	// may refuse a snapshot sooner than an event, keeping room for events.
	Send(f Frame) bool
	// Close disconnects the peer, telling the visitor why with e.
	Close(e protocol.Error)
}

// Member is a visitor's place in a session, returned by Manager.Join and
// held by the visitor's connection. Only the connection's reader goroutine
// calls its methods, and it stops calling them once it has called Leave.
type Member struct {
	mgr     *Manager
	session *Session
	peer    Peer
	name    string

	// poses is a mailbox of one: Pose replaces an untaken pose with the
	// newer one, and the session takes the newest at each tick. A visitor
	// who sends poses faster than the tick rate so costs nothing extra.
	poses chan protocol.Pose

	left bool // guarded by mgr.mu
}

// Session returns the name of the member's session, such as "mogao-257/1".
func (m *Member) Session() string { return m.session.name }

// Pose offers the member's newest pose; the session sends it to everyone at
// its next tick. The caller has checked that the pose is inside the scene.
func (m *Member) Pose(p protocol.Pose) {
	p = protocol.Quantize(p)
	for {
		select {
		case m.poses <- p:
			return
		default:
		}
		// The mailbox holds a pose the session has not taken yet; only this
		// goroutine fills it, so after taking the old one out the next send
		// cannot fail.
		select {
		case <-m.poses:
		default:
		}
	}
}

// Chat sends a chat line to every member, the sender included. The caller
// has cleaned the text with protocol.CheckChat.
func (m *Member) Chat(text string) {
	select {
	case m.session.chatSlots <- struct{}{}: // waits while the session is behind on chat
	case <-m.session.done:
		return // a tour that ended or stopped takes no more lines
	}
	m.session.push(request{kind: requestChat, handle: m, text: text})
}

// Leave takes the member out of its session and tells the others. It is
// safe to call more than once.
func (m *Member) Leave() { m.mgr.leave(m) }

// Command sends a guide's command to the session, which checks that the
// member is the guide.
func (m *Member) Command(c *protocol.GuideCommand) {
	m.session.push(request{kind: requestCommand, handle: m, cmd: c})
}

// Hand raises (up) or lowers the member's hand in a tour.
func (m *Member) Hand(up bool) {
	m.session.push(request{kind: requestHand, handle: m, up: up})
}

// Tour reports whether the member is in a guided tour.
func (m *Member) Tour() bool { return m.session.tour != nil }
