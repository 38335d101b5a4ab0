package session

import (
	"slices"
	"time"

	"yunyou/formation"
	"yunyou/protocol"
	"yunyou/server/store"
)

// This file holds what a session does when it is a guided tour: joining
// with a guide token or a resume secret, the guide's commands, raised
// hands, and keeping the tour in the store. Everything here runs on the
// session's goroutine.

const (
	// resumeWindow is how long a disconnected member keeps its place: a
	// phone switching networks, a reload, or a restart of the server.
	resumeWindow = 2 * time.Minute

	// maxAway bounds the disconnected members kept for resuming, and
	// maxRemoved the removed ones kept to refuse their resume: a stranger
	// joining and leaving in a loop must not grow a tour without end.
	// Past them the longest gone (never the guide) are forgotten first.
	maxAway    = 2 * protocol.MaxTourMembers
	maxRemoved = 5 * protocol.MaxTourMembers

	// tourIdleStop is how long a tour's session runs with nobody
	// connected before it stops; the tour stays in the store and starts
	// again when someone joins.
	tourIdleStop = 10 * time.Minute

	// saveEvery is how often changed poses are saved, so that a restart
	// puts people back about where they stood. Commands are saved at once.
	saveEvery = 2 * time.Second

	// pointerEvery spaces the pointer events: the guide's client sends
	// its aim as often as it likes; members get at most this many a
	// second, the newest each time.
	pointerEvery = time.Second / 10

	// minPlaces is how many places around the guide are worked out at
	// least, and placesFresh how long they serve while the guide walks.
	minPlaces   = 32
	placesFresh = time.Second
)

// tourState is a guided tour's state, owned by its session's goroutine.
type tourState struct {
	mgr       *Manager
	code      string
	guideName string
	tokenHash []byte
	follow    bool
	spotlight string
	locked    bool
	chatOff   bool
	ended     bool
	created   time.Time

	away    []*member // disconnected members who may still resume
	removed []*member // removed by the guide: their resume is refused

	pointer     protocol.Pointer
	pointerSent time.Time
	pointerNew  bool // pointer moved since the last event

	// places caches the group's places around the guide (see placeFor).
	places      []protocol.Pose
	placesFrom  protocol.Pose
	placesAt    time.Time
	placesScene string

	persist   *persister
	posesSeen time.Time // poses changed since the last save
	lastSave  time.Time
	idleSince time.Time // no member connected since, or zero
}

// loadTour builds the state of a tour read from the store. Every member
// starts away: each gets its place back by resuming.
func loadTour(mgr *Manager, t store.Tour) *tourState {
	ts := &tourState{
		mgr: mgr, code: t.Code, guideName: t.GuideName, tokenHash: t.TokenHash,
		follow: t.Follow, spotlight: t.Spotlight, locked: t.Locked, chatOff: t.ChatOff,
		created: t.Created, idleSince: mgr.now(),
		persist: newPersister(mgr.store, t.Code, mgr.log, mgr.met),
	}
	for _, sm := range t.Members {
		m := &member{
			id: sm.ID, name: sm.Name, color: sm.Color, role: sm.Role, slot: sm.Slot,
			resumeHash: sm.ResumeHash, hand: sm.Hand, muted: sm.Muted,
			pose: protocol.Quantize(sm.Pose), lastSeen: sm.LastSeen,
		}
		if sm.Removed {
			ts.removed = append(ts.removed, m)
		} else {
			ts.away = append(ts.away, m)
		}
	}
	return ts
}

// state returns what every member knows of the tour.
func (s *Session) tourState() protocol.TourState {
	t := s.tour
	st := protocol.TourState{
		Code: t.code, Scene: s.scene, GuideName: t.guideName, Follow: t.follow,
		Spotlight: t.spotlight, Locked: t.locked, ChatOff: t.chatOff,
	}
	if g := s.guide(); g != nil {
		st.Guide = g.id
	}
	return st
}

// guide returns the connected guide, or nil.
func (s *Session) guide() *member {
	for _, m := range s.members {
		if m.role == protocol.RoleGuide && !m.kicked {
			return m
		}
	}
	return nil
}

// refuse closes a joining visitor's connection with e.
func refuse(h *Member, e protocol.Error) { h.peer.Close(e) }

// tourJoin admits a visitor to the tour: back into its old place with a
// resume secret, as the guide with the guide token, or as a newcomer when
// the tour is not locked.
func (s *Session) tourJoin(r request) {
	t, h := s.tour, r.handle
	now := t.mgr.now()
	var back *member
	if r.hello.Resume != "" {
		for _, m := range t.removed {
			if secretMatches(r.hello.Resume, m.resumeHash) {
				refuse(h, protocol.NewError(protocol.CodeRemoved, "the guide removed you from this tour"))
				return
			}
		}
		back = s.findResume(r.hello.Resume, now)
	}
	isGuide := secretMatches(r.hello.Token, t.tokenHash)
	if back == nil && isGuide {
		// The guide link alone, from a page that lost its resume secret
		// (a new tab, another device): the guide takes back its own
		// place rather than leave a second, ghost guide behind.
		back = s.guideRecord()
	}
	if back == nil && t.locked && !isGuide {
		refuse(h, protocol.NewError(protocol.CodeTourLocked, "the guide has locked this tour; nobody new can join"))
		return
	}
	if !isGuide && len(s.members) >= protocol.MaxTourMembers {
		// The Manager lets one more in for a guide token: the guide's
		// seat. Anyone else takes it only with the token.
		refuse(h, tourFull())
		return
	}
	if back != nil && back.handle != nil {
		// The same visitor on a new connection while the old one still
		// looks alive (a phone that changed networks): the new one wins.
		old := back.handle
		s.detach(back)
		// Dropped as too slow but not yet announced: detach has told
		// everyone, and announceKicks must not take out the new
		// connection.
		s.kicks = slices.DeleteFunc(s.kicks, func(x *member) bool { return x == back })
		old.peer.Close(protocol.NewError(protocol.CodeOutOfOrder, "you joined this tour again from another connection"))
	}
	m := back
	if m == nil {
		id, ok := s.newTourID()
		if !ok {
			refuse(h, tourFull())
			return
		}
		m = &member{id: id, name: h.name, color: pickColor(s.members), pose: s.spawn}
	}
	for i, x := range t.away {
		if x == m {
			t.away = append(t.away[:i], t.away[i+1:]...)
			break
		}
	}
	m.handle, m.scene, m.kicked, m.drops = h, r.hello.Scene, false, 0
	m.changed, m.needFull = true, true
	if isGuide {
		for _, x := range s.makeGuide(m) {
			s.broadcastMember(x)
		}
	} else if r.hello.Token != "" {
		s.sendLater(m, protocol.NewError(protocol.CodeNotGuide, "this guide link no longer works (the guide role was handed to someone else); you joined as a visitor"))
	}
	if m.role != protocol.RoleGuide && m.slot == 0 {
		m.slot = s.freeSlot()
	}
	if back == nil {
		m.pose = s.placeFor(m)
	}
	secret := newSecret()
	m.resumeHash = hashSecret(secret)
	s.members = append(s.members, m)
	t.idleSince = time.Time{}

	s.seq++
	st := s.tourState()
	w := protocol.Welcome{
		Type: protocol.TypeWelcome, Seq: s.seq, Version: protocol.Version, ID: m.id,
		Session: s.name, Scene: s.scene, Members: s.memberInfos(), Tour: &st, Resume: secret,
	}
	s.sendEvent(m, encode(w))
	// The visitor's page learns where to stand (its old place, or beside
	// the guide) the way a gather tells it.
	s.sendEvent(m, encode(protocol.Gather{Type: protocol.TypeGather, Seq: s.seq, Pose: protocol.ToJSON(m.pose), Guide: st.Guide}))
	s.broadcastExcept(m, encode(protocol.Join{Type: protocol.TypeJoin, Seq: s.seq, Member: m.info()}))
	if m.role == protocol.RoleGuide {
		s.broadcastTour(m)
	}
	s.flushLater()
	s.publishInfo()
	s.save()
	s.log.Info("tour member joined", "id", m.id, "guide", m.role == protocol.RoleGuide, "resumed", back != nil, "members", len(s.members))
}

// findResume returns the member whose resume secret this is, connected or
// away within resumeWindow.
func (s *Session) findResume(secret string, now time.Time) *member {
	for _, m := range s.members {
		if secretMatches(secret, m.resumeHash) {
			return m
		}
	}
	for _, m := range s.tour.away {
		if now.Sub(m.lastSeen) <= resumeWindow && secretMatches(secret, m.resumeHash) {
			return m
		}
	}
	return nil
}

// guideRecord returns the guide's record, connected or away, or nil.
func (s *Session) guideRecord() *member {
	for _, list := range [][]*member{s.members, s.tour.away} {
		for _, m := range list {
			if m.role == protocol.RoleGuide {
				return m
			}
		}
	}
	return nil
}

// newTourID returns an id that no member holds, connected, away or
// removed: those away may come back with theirs, and a removed member's
// id would make clients mistake a newcomer for the one removed.
func (s *Session) newTourID() (uint16, bool) {
	// Every id but 0 may be held (the away and removed lists are capped
	// well below that, but a bound costs nothing).
	for range 1 << 16 {
		id := s.newID()
		if !s.tourHolds(id) {
			return id, true
		}
	}
	return 0, false
}

func (s *Session) tourHolds(id uint16) bool {
	for _, list := range [][]*member{s.tour.away, s.tour.removed} {
		for _, m := range list {
			if m.id == id {
				return true
			}
		}
	}
	return false
}

// detach takes m's connection away from it, leaving the record in place
// for a new connection. The old connection's leave then finds nothing.
func (s *Session) detach(m *member) {
	for i, x := range s.members {
		if x == m {
			s.members = append(s.members[:i], s.members[i+1:]...)
			break
		}
	}
	m.handle = nil
	s.seq++
	s.broadcastExcept(nil, encode(protocol.Leave{Type: protocol.TypeLeave, Seq: s.seq, ID: m.id}))
}

// makeGuide gives m the guide role and takes it from anyone else. It
// returns the connected members who lost the role, for the caller to
// announce once it has told m.
func (s *Session) makeGuide(m *member) (demoted []*member) {
	for _, list := range [][]*member{s.members, s.tour.away} {
		for _, x := range list {
			if x != m && x.role == protocol.RoleGuide {
				x.role = ""
				x.slot = s.freeSlot()
				if x.handle != nil {
					demoted = append(demoted, x)
				}
			}
		}
	}
	m.role = protocol.RoleGuide
	m.slot = 0
	// A guide is never muted: a visitor muted earlier and handed the
	// role could not speak to the group.
	m.muted = false
	s.tour.guideName = m.name
	return demoted
}

// freeSlot returns the lowest place in the group nobody holds.
func (s *Session) freeSlot() int {
	used := make(map[int]bool, len(s.members)+len(s.tour.away))
	for _, list := range [][]*member{s.members, s.tour.away} {
		for _, m := range list {
			used[m.slot] = true
		}
	}
	for n := 1; ; n++ {
		if !used[n] {
			return n
		}
	}
}

// placeFor returns where a newcomer stands: in the group around the guide
// when the guide is here, else at the scene's spawn. Places are worked out
// for many slots at once and kept while the guide stays put (or for
// placesFresh while the guide walks): placing needs many collision tests,
// and a whole class arrives within seconds.
func (s *Session) placeFor(m *member) protocol.Pose {
	g := s.guide()
	info, ok := s.tour.mgr.scenes(s.scene)
	if g == nil || g == m || !ok || m.slot < 1 || m.slot > formation.MaxSlots {
		return s.spawn
	}
	t := s.tour
	now := t.mgr.now()
	stale := g.pose != t.placesFrom && now.Sub(t.placesAt) >= placesFresh
	if t.placesScene != s.scene || len(t.places) < m.slot || stale {
		n := min(formation.MaxSlots, max(m.slot*2, minPlaces, len(t.places)))
		t.places = formation.PlacesOn(g.pose, n, info.Reach, info.Floor)
		t.placesFrom, t.placesAt, t.placesScene = g.pose, now, s.scene
	}
	return protocol.Quantize(t.places[m.slot-1])
}

// sendLater queues an error event for m until flushLater, so that it
// follows the welcome.
func (s *Session) sendLater(m *member, e protocol.Error) {
	s.pendingNotes = append(s.pendingNotes, note{m: m, data: encode(e)})
}

// flushLater sends the notes queued by sendLater, after the welcome.
func (s *Session) flushLater() {
	for _, n := range s.pendingNotes {
		s.sendEvent(n.m, n.data)
	}
	s.pendingNotes = s.pendingNotes[:0]
}

// tourLeave marks a disconnected member away: it keeps its place for
// resumeWindow.
func (s *Session) tourLeave(h *Member) {
	m := s.find(h)
	if m == nil {
		return // replaced by a newer connection, or refused at the door
	}
	wasGuide := m.role == protocol.RoleGuide
	s.remove(m)
	m.handle = nil
	m.lastSeen = s.tour.mgr.now()
	m.hand = false
	s.tour.away = append(s.tour.away, m)
	s.tour.away = capOldest(s.tour.away, maxAway)
	if len(s.members) == 0 {
		s.tour.idleSince = m.lastSeen
	}
	if wasGuide {
		if s.tour.pointer.On {
			s.pointerOff()
		}
		s.broadcastTour(nil)
	}
	s.publishInfo()
	s.save()
}

// broadcastTour tells every member but skip the tour's state.
func (s *Session) broadcastTour(skip *member) {
	s.seq++
	s.broadcastExcept(skip, encode(protocol.TourEvent{Type: protocol.TypeTour, Seq: s.seq, Tour: s.tourState()}))
}

// broadcastMember tells everyone that m's flags changed.
func (s *Session) broadcastMember(m *member) {
	s.seq++
	s.broadcastExcept(nil, encode(protocol.MemberEvent{Type: protocol.TypeMember, Seq: s.seq, Member: m.info()}))
}

// tourChat relays a chat line unless the guide muted the sender or turned
// chat off.
func (s *Session) tourChat(h *Member, text string) {
	m := s.find(h)
	if m == nil || m.kicked {
		return
	}
	switch {
	case m.muted:
		s.sendEvent(m, encode(protocol.NewError(protocol.CodeMuted, "the guide has muted your chat")))
	case s.tour.chatOff && m.role != protocol.RoleGuide:
		s.sendEvent(m, encode(protocol.NewError(protocol.CodeChatOff, "the guide has turned chat off for now")))
	default:
		s.chat(h, text)
	}
}

// raiseHand raises or lowers a member's hand.
func (s *Session) raiseHand(h *Member, up bool) {
	m := s.find(h)
	if m == nil || m.kicked || m.hand == up {
		return
	}
	m.hand = up
	s.broadcastMember(m)
	s.save()
}

// tourTick runs at every snapshot tick: the pointer, saving and
// housekeeping. It reports whether the session should stop.
func (s *Session) tourTick(now time.Time) bool {
	t := s.tour
	if t.pointerNew && now.Sub(t.pointerSent) >= pointerEvery {
		t.pointerNew = false
		t.pointerSent = now
		data := encode(t.pointer)
		for _, m := range s.members {
			if !m.kicked {
				// A pointer event is like a snapshot: the next one
				// replaces it, so a full queue may drop it.
				m.handle.peer.Send(Frame{Data: data, Lossy: true})
			}
		}
	}
	if !t.posesSeen.IsZero() && now.Sub(t.lastSave) >= saveEvery {
		s.save()
	}
	if s.tick%protocol.TickRate != 0 {
		return false
	}
	// Once a second: forget members away too long.
	keep := t.away[:0]
	for _, m := range t.away {
		if now.Sub(m.lastSeen) <= resumeWindow || m.role == protocol.RoleGuide {
			keep = append(keep, m)
		}
	}
	clear(t.away[len(keep):])
	t.away = keep
	if len(s.members) == 0 && !t.idleSince.IsZero() && now.Sub(t.idleSince) >= tourIdleStop {
		t.persist.flush(s.record())
		if t.mgr.stopTour(s, false) {
			s.log.Info("tour session stopped: nobody connected", "tour", t.code)
			t.persist.stop()
			return true
		}
	}
	return false
}

// record returns the tour as the store keeps it.
func (s *Session) record() store.Tour {
	t := s.tour
	now := t.mgr.now()
	rec := store.Tour{
		Code: t.code, Scene: s.scene, GuideName: t.guideName, TokenHash: t.tokenHash,
		Follow: t.follow, Spotlight: t.spotlight, Locked: t.locked, ChatOff: t.chatOff, Ended: t.ended,
		NextID: s.nextID, Created: t.created, Updated: now,
	}
	add := func(m *member, seen time.Time, removed bool) {
		rec.Members = append(rec.Members, store.Member{
			ID: m.id, Name: m.name, Color: m.color, Role: m.role, Slot: m.slot,
			ResumeHash: m.resumeHash, Hand: m.hand, Muted: m.muted, Removed: removed,
			Pose: m.pose, LastSeen: seen,
		})
	}
	for _, m := range s.members {
		add(m, now, false)
	}
	for _, m := range t.away {
		add(m, m.lastSeen, false)
	}
	for _, m := range t.removed {
		add(m, m.lastSeen, true)
	}
	return rec
}

// save hands the tour to the persister, which writes it in the
// background.
func (s *Session) save() {
	t := s.tour
	t.lastSave = t.mgr.now()
	t.posesSeen = time.Time{}
	t.persist.save(s.record())
}

// stopForShutdown saves the tour and stops, for a server shutting down.
func (s *Session) stopForShutdown() {
	t := s.tour
	now := t.mgr.now()
	for _, m := range s.members {
		m.lastSeen = now
	}
	t.persist.flush(s.record())
	t.persist.stop()
	t.mgr.stopTour(s, true)
	s.log.Info("tour saved for shutdown", "tour", t.code)
}

// memberInfos lists the connected members for a welcome.
func (s *Session) memberInfos() []protocol.Member {
	out := make([]protocol.Member, 0, len(s.members))
	for _, x := range s.members {
		out = append(out, x.info())
	}
	return out
}

// note is an event waiting for sendLater's flush.
type note struct {
	m    *member
	data []byte
}

// capOldest trims list to at most n members, dropping the longest gone
// first and never the guide.
func capOldest(list []*member, n int) []*member {
	for len(list) > n {
		oldest := -1
		for i, m := range list {
			if m.role != protocol.RoleGuide && (oldest < 0 || m.lastSeen.Before(list[oldest].lastSeen)) {
				oldest = i
			}
		}
		if oldest < 0 {
			break
		}
		list = slices.Delete(list, oldest, oldest+1)
	}
	return list
}

// tourFull is the refusal of a newcomer to a full tour.
func tourFull() protocol.Error {
	return protocol.NewError(protocol.CodeTourFull, "this tour is full (%d people); ask your guide", protocol.MaxTourMembers)
}
