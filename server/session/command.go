package session

import (
	"context"
	"log/slog"
	"math"
	"slices"

	"yunyou/formation"
	"yunyou/protocol"
	"yunyou/server/metrics"
)

// command carries out a guide's command. The server, not the page, decides
// who the guide is: a command from anyone else is refused, logged, and
// changes nothing.
func (s *Session) command(h *Member, c *protocol.GuideCommand) {
	m := s.find(h)
	if m == nil || m.kicked {
		return
	}
	if s.tour == nil {
		s.met.GuideCommand(c.Cmd, metrics.Refused)
		s.sendEvent(m, encode(protocol.NewError(protocol.CodeNotGuide, "guide commands work only in a guided tour; this is a public session")))
		return
	}
	if m.role != protocol.RoleGuide {
		s.met.GuideCommand(c.Cmd, metrics.Refused)
		// Logged once a member at Warn, the rest at Debug: a visitor
		// sending commands in a loop must not flood the log.
		level := slog.LevelWarn
		if m.refused++; m.refused > 1 {
			level = slog.LevelDebug
		}
		s.log.Log(context.Background(), level, "guide command refused: the sender is not the guide", "tour", s.tour.code, "id", m.id, "cmd", c.Cmd, "refusals", m.refused)
		s.sendEvent(m, encode(protocol.NewError(protocol.CodeNotGuide, "only the guide can use %q; you are a visitor in this tour", c.Cmd)))
		return
	}
	if err := s.apply(m, c); err != nil {
		s.met.GuideCommand(c.Cmd, metrics.Invalid)
		s.sendEvent(m, encode(*err))
		return
	}
	s.met.GuideCommand(c.Cmd, metrics.Applied)
	if c.Cmd != protocol.CmdPointer {
		s.log.Info("guide command", "tour", s.tour.code, "cmd", c.Cmd)
	}
}

func badCommand(format string, args ...any) *protocol.Error {
	e := protocol.NewError(protocol.CodeBadCommand, format, args...)
	return &e
}

// apply carries out command c of the guide g, or says why it cannot.
func (s *Session) apply(g *member, c *protocol.GuideCommand) *protocol.Error {
	t := s.tour
	switch c.Cmd {
	case protocol.CmdFollow:
		t.follow = c.On
		s.broadcastTour(nil)
	case protocol.CmdGather:
		s.gather(g)
	case protocol.CmdSpotlight:
		if c.Hotspot != "" {
			info, _ := t.mgr.scenes(s.scene)
			if !slices.Contains(info.Hotspots, c.Hotspot) {
				return badCommand("scene %s has no hotspot %q", s.scene, truncateName(c.Hotspot))
			}
		}
		t.spotlight = c.Hotspot
		s.broadcastTour(nil)
	case protocol.CmdPointer:
		return s.point(g, c)
	case protocol.CmdScene:
		return s.moveTo(c.Scene)
	case protocol.CmdMute:
		x := s.findID(c.ID)
		if x == nil || x == g {
			return badCommand("there is no visitor %d to mute in this tour", c.ID)
		}
		x.muted = c.On
		s.broadcastMember(x)
	case protocol.CmdRemove:
		x := s.findID(c.ID)
		if x == nil || x == g {
			return badCommand("there is no visitor %d to remove from this tour", c.ID)
		}
		x.handle.peer.Close(protocol.NewError(protocol.CodeRemoved, "the guide removed you from this tour"))
		s.detach(x)
		x.lastSeen = t.mgr.now()
		t.removed = capOldest(append(t.removed, x), maxRemoved)
		s.publishInfo()
	case protocol.CmdLock:
		t.locked = c.On
		s.broadcastTour(nil)
		s.publishInfo()
	case protocol.CmdChat:
		t.chatOff = !c.On
		s.broadcastTour(nil)
	case protocol.CmdHandOver:
		x := s.findID(c.ID)
		if x == nil || x == g {
			return badCommand("there is no other participant %d to hand the guide role to", c.ID)
		}
		s.handOver(x)
	case protocol.CmdEnd:
		t.ended = true
		s.publishInfo()
		// The run loop closes everyone once this batch is done.
		return nil
	}
	s.save()
	return nil
}

// findID returns the connected member with id.
func (s *Session) findID(id uint16) *member {
	for _, m := range s.members {
		if m.id == id && !m.kicked {
			return m
		}
	}
	return nil
}

// gather puts every visitor in the group around the guide and tells each
// where it stands.
func (s *Session) gather(g *member) {
	info, _ := s.tour.mgr.scenes(s.scene)
	places := formation.PlacesOn(g.pose, s.maxSlot(), info.Reach, info.Floor)
	s.seq++
	for _, m := range s.members {
		if m == g || m.kicked {
			continue
		}
		m.pose = placeIn(places, m.slot, g.pose)
		m.changed = true
		s.sendEvent(m, encode(protocol.Gather{Type: protocol.TypeGather, Seq: s.seq, Pose: protocol.ToJSON(m.pose), Guide: g.id}))
	}
}

// point moves the guide's pointer; members get it at the next tick. Turning
// it off goes out at once and reliably, so no beam is left hanging.
func (s *Session) point(g *member, c *protocol.GuideCommand) *protocol.Error {
	t := s.tour
	if !c.On {
		if t.pointer.On {
			s.pointerOff()
		}
		return nil
	}
	if c.At == nil {
		return badCommand("a pointer needs \"at\": the point aimed at, [x, y, z] in metres")
	}
	for _, v := range c.At {
		if math.IsNaN(float64(v)) || math.Abs(float64(v)) > protocol.MaxCoord {
			return badCommand("the pointer's \"at\" must be three numbers within ±%d m", protocol.MaxCoord)
		}
	}
	t.pointer = protocol.Pointer{Type: protocol.TypePointer, ID: g.id, On: true, At: *c.At}
	t.pointerNew = true
	return nil
}

// pointerOff tells everyone the pointer is gone.
func (s *Session) pointerOff() {
	t := s.tour
	t.pointer.On = false
	t.pointerNew = false
	s.seq++
	off := t.pointer
	off.Seq = s.seq
	s.broadcastExcept(nil, encode(off))
}

// moveTo takes the group to another scene: the guide at its spawn, everyone
// else around the guide. Pages load the new scene and reconnect, resuming.
func (s *Session) moveTo(scene string) *protocol.Error {
	t := s.tour
	info, ok := t.mgr.scenes(scene)
	if !ok {
		return badCommand("there is no scene %q to move to", truncateName(scene))
	}
	if t.pointer.On {
		s.pointerOff()
	}
	s.scene = scene
	s.spawn = protocol.Quantize(info.Spawn)
	t.spotlight = ""
	places := formation.PlacesOn(s.spawn, s.maxSlot(), info.Reach, info.Floor)
	for _, list := range [][]*member{s.members, t.away} {
		for _, m := range list {
			m.pose = placeIn(places, m.slot, s.spawn)
			m.changed = true
		}
	}
	s.broadcastTour(nil)
	s.publishInfo()
	return nil
}

// handOver makes x the guide with a new guide token, which only x learns;
// the old token stops working.
func (s *Session) handOver(x *member) {
	t := s.tour
	if t.pointer.On {
		s.pointerOff()
	}
	token := newSecret()
	t.tokenHash = hashSecret(token)
	demoted := s.makeGuide(x)
	s.seq++
	s.sendEvent(x, encode(protocol.Role{Type: protocol.TypeRole, Seq: s.seq, Role: protocol.RoleGuide, Token: token}))
	s.broadcastMember(x)
	for _, old := range demoted {
		s.broadcastMember(old)
	}
	s.broadcastTour(nil)
	s.publishInfo()
}

// endTour tells everyone the tour is over, closes their connections and
// saves the tour as ended; joins still queued are refused.
func (s *Session) endTour(rest []request) {
	t := s.tour
	msg := "The tour has ended. Thank you for joining!"
	if g := s.guide(); g != nil {
		msg = g.name + " ended the tour. Thank you for joining!"
	}
	if t.pointer.On {
		s.pointerOff()
	}
	s.seq++
	s.broadcastExcept(nil, encode(protocol.Ended{Type: protocol.TypeEnded, Seq: s.seq, Message: msg}))
	bye := protocol.NewError(protocol.CodeTourEnded, "%s", msg)
	for _, m := range s.members {
		if !m.kicked {
			m.handle.peer.Close(bye)
		}
	}
	t.persist.flush(s.record())
	t.persist.stop()
	t.mgr.stopTour(s, true)
	// Joins pushed before the tour left the Manager's list are still
	// queued: they get the same answer.
	for _, r := range rest {
		if r.kind == requestJoin {
			r.handle.peer.Close(bye)
		}
	}
	for _, r := range s.take(nil) {
		if r.kind == requestJoin {
			r.handle.peer.Close(bye)
		}
	}
	s.log.Info("tour ended", "tour", t.code)
}

func truncateName(s string) string {
	if r := []rune(s); len(r) > 40 {
		return string(r[:40]) + "…"
	}
	return s
}

// maxSlot returns the highest slot held, connected or away, within
// formation.MaxSlots.
func (s *Session) maxSlot() int {
	n := 0
	for _, list := range [][]*member{s.members, s.tour.away} {
		for _, m := range list {
			n = max(n, min(m.slot, formation.MaxSlots))
		}
	}
	return n
}

// placeIn returns slot's place from places, or the guide's pose for a
// slot without one (the guide's own 0, or past formation.MaxSlots).
func placeIn(places []protocol.Pose, slot int, guide protocol.Pose) protocol.Pose {
	if slot < 1 || slot > len(places) {
		return guide
	}
	return protocol.Quantize(places[slot-1])
}
