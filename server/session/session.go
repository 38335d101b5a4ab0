package session

import (
	"encoding/json"
	"log/slog"
	"sync"
	"time"

	"yunyou/protocol"
	"yunyou/server/metrics"
)

const (
	// tickPeriod is the time between snapshots.
	tickPeriod = time.Second / protocol.TickRate

	// maxSnapshotDrops is how many snapshots in a row a member's queue may
	// refuse before the member is disconnected: two seconds of ticks. A
	// visitor that far behind sees others jump and is better off
	// reconnecting than catching up on stale poses.
	maxSnapshotDrops = 2 * protocol.TickRate

	// chatQueueLen bounds the chat lines waiting for a session: one from
	// every member of a full session, so a reader rarely waits, and one who
	// floods chat waits for the session, not the others. Joins and leaves
	// are not bounded here: each is one visitor arriving or going, which
	// the connection limits bound, and they must never wait (see push).
	chatQueueLen = protocol.MaxTourMembers
)

type requestKind int

const (
	requestJoin requestKind = iota
	requestLeave
	requestChat
	requestCommand // a guide's command
	requestHand    // a raised or lowered hand
	requestStop    // the server shuts down: save the tour and stop
)

// request is a change to a session, handled in the order it arrives.
type request struct {
	kind   requestKind
	handle *Member
	text   string // chat
	last   bool   // leave: no member remains, so the session stops

	hello TourHello              // join into a tour
	cmd   *protocol.GuideCommand // command
	up    bool                   // hand
}

// Session is one instance of a scene that visitors share. Its run goroutine
// owns everything below chatSlots; other goroutines reach it only through
// push and the members' pose mailboxes.
type Session struct {
	name  string // "mogao-257/1"
	scene string
	spawn protocol.Pose
	log   *slog.Logger
	met   *metrics.Metrics // nil records nothing

	reserved int // members joined and not yet left; guarded by Manager.mu

	// queue holds the requests the run goroutine has not taken yet, in the
	// order they came; wake tells it there are some.
	mu    sync.Mutex
	queue []request
	wake  chan struct{} // capacity 1
	done  chan struct{} // closed when run returns
	// chatSlots holds a token for each chat line in queue, so that a
	// flood of chat waits in Member.Chat instead of growing the queue.
	chatSlots chan struct{}

	members []*member // in order of arrival
	seq     uint64    // of the last event
	tick    uint32    // of the last snapshot
	nextID  uint16
	kicks   []*member // disconnected while sending, to announce

	// tour is the guided tour's state, nil for a public session; info is
	// what TourInfo reads of it from other goroutines.
	tour         *tourState
	info         infoPointer
	pendingNotes []note
}

// member is the session's record of one visitor, owned by the session's
// goroutine.
type member struct {
	handle *Member
	id     uint16
	name   string
	color  string
	pose   protocol.Pose // quantised

	changed  bool // pose changed since the last snapshot
	needFull bool // gets a full snapshot next tick: new, or missed one
	drops    int  // snapshots refused in a row
	kicked   bool // being disconnected

	// In tours only:
	scene      string // the scene the member's page shows
	role       string
	slot       int
	hand       bool
	muted      bool
	resumeHash []byte
	lastSeen   time.Time // away: when the connection ended
	refused    int       // guide commands refused, for the log
}

func newSession(name, scene string, spawn protocol.Pose, log *slog.Logger) *Session {
	return &Session{
		name:      name,
		scene:     scene,
		spawn:     spawn,
		log:       log,
		wake:      make(chan struct{}, 1),
		done:      make(chan struct{}),
		chatSlots: make(chan struct{}, chatQueueLen),
		nextID:    1,
	}
}

// push queues r for the run goroutine without ever waiting for it. The
// Manager pushes joins and leaves while it holds its lock, so that a
// session learns of every join before the leave that stops it; were push
// to wait for a busy session, every join on the server would wait too.
func (s *Session) push(r request) {
	s.mu.Lock()
	s.queue = append(s.queue, r)
	s.mu.Unlock()
	select {
	case s.wake <- struct{}{}:
	default: // a wake-up is already pending and will find r
	}
}

// take returns the queued requests and leaves spare, emptied, in their
// place: the run goroutine swaps two slices rather than allocate.
func (s *Session) take(spare []request) []request {
	s.mu.Lock()
	defer s.mu.Unlock()
	q := s.queue
	s.queue = spare[:0]
	return q
}

// run is the session's goroutine. It returns after the last member left
// a public session, or when a tour ends or stops.
func (s *Session) run() {
	s.log.Info("session started")
	defer close(s.done)
	ticker := time.NewTicker(tickPeriod)
	defer ticker.Stop()
	var batch []request
	for {
		select {
		case <-s.wake:
			batch = s.take(batch)
			for i, r := range batch {
				batch[i] = request{} // let the member go once it has left
				if s.handle(r) {
					return
				}
				if s.tour != nil && s.tour.ended {
					s.announceKicks()
					s.endTour(batch[i+1:])
					return
				}
			}
		case now := <-ticker.C:
			if s.tickOnce(now) {
				return
			}
		}
		s.announceKicks()
	}
}

// tickOnce is one tick: the snapshot, then a tour's housekeeping. It
// reports whether the session stops. The clock is read only here, at the
// tick's two ends, never per member.
func (s *Session) tickOnce(now time.Time) (stop bool) {
	start := time.Now()
	s.snapshot()
	stop = s.tour != nil && s.tourTick(now)
	s.met.Tick(time.Since(start))
	return stop
}

// handle carries out one request and reports whether the session stops.
func (s *Session) handle(r request) (stop bool) {
	switch r.kind {
	case requestJoin:
		if s.tour != nil {
			s.tourJoin(r)
		} else {
			s.join(r.handle)
		}
	case requestLeave:
		if s.tour != nil {
			s.tourLeave(r.handle)
			return false
		}
		if m := s.find(r.handle); m != nil {
			s.remove(m)
		}
		if r.last {
			// Nothing can follow: the Manager no longer lists the
			// session and no member remains.
			s.log.Info("session stopped: the last member left")
			return true
		}
	case requestChat:
		<-s.chatSlots
		if s.tour != nil {
			s.tourChat(r.handle, r.text)
		} else {
			s.chat(r.handle, r.text)
		}
	case requestCommand:
		s.command(r.handle, r.cmd)
	case requestHand:
		if s.tour != nil {
			s.raiseHand(r.handle, r.up)
		}
	case requestStop:
		if s.tour != nil {
			s.stopForShutdown()
			return true
		}
	}
	return false
}

func (s *Session) find(h *Member) *member {
	for _, m := range s.members {
		if m.handle == h {
			return m
		}
	}
	return nil
}

// join adds a member, welcomes it with the members present and tells the
// others. Its pose reaches everyone at the next tick: to it in a full
// snapshot, to the others in the delta.
func (s *Session) join(h *Member) {
	m := &member{
		handle:   h,
		id:       s.newID(),
		name:     h.name,
		color:    pickColor(s.members),
		pose:     s.spawn,
		changed:  true,
		needFull: true,
	}
	s.members = append(s.members, m)
	s.seq++
	w := protocol.Welcome{
		Type:    protocol.TypeWelcome,
		Seq:     s.seq,
		Version: protocol.Version,
		ID:      m.id,
		Session: s.name,
		Scene:   s.scene,
		Members: make([]protocol.Member, 0, len(s.members)),
	}
	for _, x := range s.members {
		w.Members = append(w.Members, x.info())
	}
	s.sendEvent(m, encode(w))
	s.broadcastExcept(m, encode(protocol.Join{Type: protocol.TypeJoin, Seq: s.seq, Member: m.info()}))
	s.log.Debug("member joined", "id", m.id, "name", m.name, "members", len(s.members))
}

// newID returns the next id not in use, skipping 0. Ids rise rather than
// fill gaps so that a client still fading out a departed member does not
// mistake a newcomer for it.
func (s *Session) newID() uint16 {
	for {
		id := s.nextID
		s.nextID++
		if id == 0 {
			continue
		}
		if !s.idInUse(id) {
			return id
		}
	}
}

func (s *Session) idInUse(id uint16) bool {
	for _, m := range s.members {
		if m.id == id {
			return true
		}
	}
	return false
}

func (m *member) info() protocol.Member {
	return protocol.Member{ID: m.id, Name: m.name, Color: m.color, Role: m.role, Slot: m.slot, Hand: m.hand, Muted: m.muted}
}

// remove takes m out of the session and tells the others.
func (s *Session) remove(m *member) {
	for i, x := range s.members {
		if x == m {
			s.members = append(s.members[:i], s.members[i+1:]...)
			break
		}
	}
	s.seq++
	s.broadcastExcept(nil, encode(protocol.Leave{Type: protocol.TypeLeave, Seq: s.seq, ID: m.id}))
	s.log.Debug("member left", "id", m.id, "members", len(s.members))
}

func (s *Session) chat(h *Member, text string) {
	m := s.find(h)
	if m == nil || m.kicked {
		return // left while the line was on its way
	}
	s.seq++
	s.broadcastExcept(nil, encode(protocol.Chat{Type: protocol.TypeChat, Seq: s.seq, ID: m.id, Name: m.name, Text: text}))
}

// broadcastExcept sends one encoded event to every member but skip.
func (s *Session) broadcastExcept(skip *member, data []byte) {
	for _, m := range s.members {
		if m != skip {
			s.sendEvent(m, data)
		}
	}
}

// sendEvent queues an event for m. Events cannot be dropped the way
// snapshots can, so a member with no room for one is too far behind and is
// disconnected.
func (s *Session) sendEvent(m *member, data []byte) {
	if m.kicked {
		return
	}
	if !m.handle.peer.Send(Frame{Data: data}) {
		s.kick(m, "its connection could not take an event")
	}
}

var tooSlow = protocol.NewError(protocol.CodeTooSlow, "your connection fell too far behind the session; reconnect to rejoin")

// kick disconnects m at once; announceKicks tells the others once the
// current loop over the members is done.
func (s *Session) kick(m *member, why string) {
	if m.kicked {
		return
	}
	m.kicked = true
	m.handle.peer.Close(tooSlow)
	s.kicks = append(s.kicks, m)
	s.log.Warn("member too slow, disconnected", "id", m.id, "why", why)
}

// announceKicks removes kicked members and tells the others; telling them
// may find more members too slow, which are handled in turn.
func (s *Session) announceKicks() {
	for len(s.kicks) > 0 {
		m := s.kicks[0]
		s.kicks = s.kicks[1:]
		if s.tour != nil {
			// A tour keeps the member's place: it may resume.
			s.tourLeave(m.handle)
			continue
		}
		s.remove(m)
	}
	s.kicks = s.kicks[:0]
}

// snapshot is one tick: it takes each member's newest pose, encodes one
// delta of the poses that changed and sends that same frame to everyone.
// Members who are new or missed a snapshot get a full one instead, encoded
// at most once a tick and shared among them.
func (s *Session) snapshot() {
	s.tick++
	changed := 0
	for _, m := range s.members {
		select {
		case p := <-m.handle.poses:
			if s.tour != nil && m.scene != s.scene {
				break // from a page still showing the scene the group left
			}
			if p != m.pose {
				m.pose = p
				m.changed = true
				if s.tour != nil && s.tour.posesSeen.IsZero() {
					s.tour.posesSeen = time.Now()
				}
			}
		default:
		}
		if m.changed {
			changed++
		}
	}
	var delta, full []byte
	if changed > 0 {
		delta = make([]byte, 0, protocol.SnapshotHeaderSize+changed*protocol.SnapshotEntrySize)
		delta = protocol.AppendSnapshotHeader(delta, s.tick, false, changed)
		for _, m := range s.members {
			if m.changed {
				delta = protocol.AppendSnapshotEntry(delta, m.id, m.pose)
				m.changed = false
			}
		}
	}
	for _, m := range s.members {
		var data []byte
		switch {
		case m.kicked:
			continue
		case m.needFull:
			if full == nil {
				full = s.encodeFull()
			}
			data = full
		case delta != nil:
			data = delta
		default:
			continue
		}
		if m.handle.peer.Send(Frame{Binary: true, Data: data}) {
			m.needFull = false
			m.drops = 0
			continue
		}
		// The member missed this snapshot; a full one next tick puts it
		// right again, whatever it missed.
		m.needFull = true
		m.drops++
		if m.drops >= maxSnapshotDrops {
			s.kick(m, "its connection refused two seconds of snapshots")
		}
	}
}

func (s *Session) encodeFull() []byte {
	n := 0
	for _, m := range s.members {
		if !m.kicked {
			n++
		}
	}
	b := make([]byte, 0, protocol.SnapshotHeaderSize+n*protocol.SnapshotEntrySize)
	b = protocol.AppendSnapshotHeader(b, s.tick, true, n)
	for _, m := range s.members {
		if !m.kicked {
			b = protocol.AppendSnapshotEntry(b, m.id, m.pose)
		}
	}
	return b
}

// encode marshals a control event. The protocol's event types always
// marshal, so an error here is a bug.
func encode(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic("session: encoding " + err.Error())
	}
	return b
}
