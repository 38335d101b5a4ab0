package session_test

import (
	"testing"

	"github.com/gorilla/websocket"

	"yunyou/protocol"
	"yunyou/server/servertest"
)

func TestTourWelcomes(t *testing.T) {
	srv := servertest.Start(t)
	p := startParty(t, srv, "Ana", "Léa", "Bo")

	gw := p.gw
	if gw.Tour == nil || gw.Tour.Code != p.tour.Code || gw.Tour.Scene != tourScene || gw.Tour.Guide != gw.ID || gw.Tour.GuideName != "Wang" {
		t.Fatalf("guide's welcome tour = %+v; want tour %s in %s led by Wang (id %d)", gw.Tour, p.tour.Code, tourScene, gw.ID)
	}
	if !gw.Tour.Follow || gw.Tour.Locked || gw.Tour.ChatOff || gw.Tour.Spotlight != "" {
		t.Errorf("a new tour's state = %+v; want follow on, unlocked, chat on, no spotlight", *gw.Tour)
	}
	if me, _ := memberOf(gw, gw.ID); me.Role != protocol.RoleGuide || me.Slot != 0 {
		t.Errorf("the guide's member = %+v; want role %q and no slot", me, protocol.RoleGuide)
	}
	secrets := map[string]bool{gw.Resume: true}
	slots := map[int]bool{}
	for i, w := range p.vw {
		if w.Tour == nil || w.Tour.Guide != gw.ID || w.Tour.Code != p.tour.Code {
			t.Errorf("visitor %d's welcome tour = %+v; want guide %d", i, w.Tour, gw.ID)
		}
		me, ok := memberOf(w, w.ID)
		if !ok || me.Role != "" || me.Slot < 1 {
			t.Errorf("visitor %d's member = %+v; want a visitor with a slot from 1", i, me)
		}
		if slots[me.Slot] {
			t.Errorf("visitor %d has slot %d, already taken", i, me.Slot)
		}
		slots[me.Slot] = true
		if len(w.Resume) < 40 || secrets[w.Resume] {
			t.Errorf("visitor %d's resume secret %q is short or not unique", i, w.Resume)
		}
		secrets[w.Resume] = true
		if g, ok := memberOf(w, gw.ID); !ok || g.Role != protocol.RoleGuide {
			t.Errorf("visitor %d's welcome does not list the guide as guide: %+v", i, w.Members)
		}
	}
}

func TestTourFollowCarriesTheGuidesPose(t *testing.T) {
	srv := servertest.Start(t)
	p := startParty(t, srv, "Ana", "Léa", "Bo")
	sc := sceneByID(t, tourScene)

	for _, on := range []bool{false, true} {
		p.guide.Guide(protocol.GuideCommand{Cmd: protocol.CmdFollow, On: on})
		for _, c := range p.everyone() {
			c.ExpectTour("follow", func(s protocol.TourState) bool { return s.Follow == on })
		}
	}
	to := step(t, sc, 0.5, 0.3)
	p.guide.SendPose(to)
	for _, c := range p.visitors {
		c.ExpectPose(p.gw.ID, to)
	}
}

func TestTourGather(t *testing.T) {
	srv := servertest.Start(t)
	p := startParty(t, srv, "Ana", "Léa", "Bo")
	sc := sceneByID(t, tourScene)

	at := step(t, sc, 0.4, -0.2)
	p.guide.SendPose(at)
	p.guide.ExpectPose(p.gw.ID, at) // the session has the guide's pose
	p.guide.Guide(protocol.GuideCommand{Cmd: protocol.CmdGather})

	seen := map[protocol.Pose]bool{}
	want := map[uint16]protocol.Pose{}
	for i, c := range p.visitors {
		var g protocol.Gather
		c.ExpectType(protocol.TypeGather, &g)
		pose := g.Pose.Pose()
		if g.Guide != p.gw.ID {
			t.Errorf("visitor %d's gather names guide %d, want %d", i, g.Guide, p.gw.ID)
		}
		if d := dist(pose, protocol.Quantize(at)); d > gatherReach {
			t.Errorf("visitor %d gathered %.1f m from the guide, want within %d m", i, d, gatherReach)
		}
		if !sc.Contains(pose) {
			t.Errorf("visitor %d gathered at %+v, outside the scene", i, pose)
		}
		if seen[pose] {
			t.Errorf("visitor %d gathered at %+v, where another visitor stands", i, pose)
		}
		seen[pose] = true
		want[p.vw[i].ID] = pose
	}
	// The guide's snapshots show everyone there, in one delta or several.
	p.guide.Expect("snapshots with every visitor gathered", func(m servertest.Message) bool {
		for id, pose := range want {
			if got, ok := m.Pose(id); ok && got == pose {
				delete(want, id)
			}
		}
		return len(want) == 0
	})
}

func TestTourSpotlight(t *testing.T) {
	srv := servertest.Start(t)
	p := startParty(t, srv, "Ana", "Léa", "Bo")

	p.guide.Guide(protocol.GuideCommand{Cmd: protocol.CmdSpotlight, Hotspot: deer})
	for _, c := range p.everyone() {
		c.ExpectTour("the deer spotlit", func(s protocol.TourState) bool { return s.Spotlight == deer })
	}

	p.guide.Guide(protocol.GuideCommand{Cmd: protocol.CmdSpotlight, Hotspot: "no-such-hotspot"})
	p.guide.ExpectError(protocol.CodeBadCommand)
	// A marker: the next tour event anyone gets must be this one, with
	// the deer still spotlit.
	p.guide.Guide(protocol.GuideCommand{Cmd: protocol.CmdFollow, On: false})
	for i, c := range p.visitors {
		if s := nextTour(t, c); s.Spotlight != deer || s.Follow {
			t.Errorf("visitor %d's next tour state = %+v; want the deer still spotlit and follow off", i, s)
		}
		if m, ok := c.TryNext(); ok && m.Type == protocol.TypeError {
			t.Errorf("visitor %d got the guide's error: %s", i, m.Data)
		}
	}
	_, w := p.join(t, "Late")
	if w.Tour.Spotlight != deer {
		t.Errorf("a late joiner's welcome spotlights %q, want %q", w.Tour.Spotlight, deer)
	}

	p.guide.Guide(protocol.GuideCommand{Cmd: protocol.CmdSpotlight})
	for _, c := range p.everyone() {
		c.ExpectTour("the spotlight closed", func(s protocol.TourState) bool { return s.Spotlight == "" })
	}
}

func TestTourPointer(t *testing.T) {
	srv := servertest.Start(t)
	p := startParty(t, srv, "Ana", "Léa", "Bo")

	at := [3]float32{2.5, 1.8, 0.4}
	p.guide.Guide(protocol.GuideCommand{Cmd: protocol.CmdPointer, On: true, At: &at})
	for i, c := range p.visitors {
		var ptr protocol.Pointer
		c.ExpectType(protocol.TypePointer, &ptr)
		if !ptr.On || ptr.At != at || ptr.ID != p.gw.ID {
			t.Errorf("visitor %d's pointer = %+v; want on at %v from guide %d", i, ptr, at, p.gw.ID)
		}
	}
	p.guide.Guide(protocol.GuideCommand{Cmd: protocol.CmdPointer, On: false})
	for i, c := range p.visitors {
		var ptr protocol.Pointer
		c.Expect("the pointer off", func(m servertest.Message) bool {
			return m.Type == protocol.TypePointer && m.Decode(&ptr) == nil && !ptr.On
		})
		if ptr.ID != p.gw.ID {
			t.Errorf("visitor %d's pointer off = %+v; want it from guide %d", i, ptr, p.gw.ID)
		}
	}

	// A guide who leaves pointing leaves no beam hanging.
	p.guide.Guide(protocol.GuideCommand{Cmd: protocol.CmdPointer, On: true, At: &at})
	p.visitors[0].Expect("the pointer on again", func(m servertest.Message) bool { return m.Type == protocol.TypePointer })
	p.guide.Conn.Close()
	for i, c := range p.visitors {
		c.Expect("the pointer off as the guide leaves", func(m servertest.Message) bool {
			var ptr protocol.Pointer
			return m.Type == protocol.TypePointer && m.Decode(&ptr) == nil && !ptr.On
		})
		if s := c.ExpectTour("no guide", func(s protocol.TourState) bool { return s.Guide == 0 }); s.Code != p.tour.Code {
			t.Errorf("visitor %d: tour %+v", i, s)
		}
	}
}

func TestTourMovesToAnotherScene(t *testing.T) {
	srv := servertest.Start(t)
	p := startParty(t, srv, "Ana", "Léa", "Bo")

	p.guide.Guide(protocol.GuideCommand{Cmd: protocol.CmdSpotlight, Hotspot: deer})
	p.guide.Guide(protocol.GuideCommand{Cmd: protocol.CmdScene, Scene: otherScene})
	for _, c := range p.everyone() {
		s := c.ExpectTour("scene "+otherScene, func(s protocol.TourState) bool { return s.Scene == otherScene })
		if s.Spotlight != "" {
			t.Errorf("after the move the spotlight is %q; want none (the deer is in %s)", s.Spotlight, tourScene)
		}
	}

	// Ana's page loads the new scene and comes back.
	ana := p.visitors[0]
	ana.Conn.Close()
	expectLeave(t, p.guide, p.vw[0].ID)
	again := srv.Dial(t)
	w := again.HelloTour(protocol.Hello{Scene: otherScene, Name: "Ana", Tour: p.tour.Code, Resume: p.vw[0].Resume})
	if w.ID != p.vw[0].ID || w.Scene != otherScene || w.Tour.Scene != otherScene {
		t.Fatalf("Ana back in %s: id %d scene %s; want id %d in %s", otherScene, w.ID, w.Scene, p.vw[0].ID, otherScene)
	}
	var g protocol.Gather
	again.ExpectType(protocol.TypeGather, &g)
	if other := sceneByID(t, otherScene); !other.Contains(g.Pose.Pose()) {
		t.Errorf("Ana stands at %+v, outside %s", g.Pose, otherScene)
	}
	if _, info := srv.TourInfo(t, p.tour.Code); info["scene"] != otherScene {
		t.Errorf("GET /api/tours/%s says scene %v, want %s", p.tour.Code, info["scene"], otherScene)
	}
}

func TestTourMuteAndChatOff(t *testing.T) {
	srv := servertest.Start(t)
	p := startParty(t, srv, "Ana", "Léa", "Bo")
	ana, lea := p.visitors[0], p.visitors[1]
	anaID, leaID := p.vw[0].ID, p.vw[1].ID

	p.guide.Guide(protocol.GuideCommand{Cmd: protocol.CmdMute, ID: anaID, On: true})
	for _, c := range p.everyone() {
		expectMember(t, c, anaID, "Ana muted", func(m protocol.Member) bool { return m.Muted })
	}
	ana.Chat("can anyone hear me?")
	ana.ExpectError(protocol.CodeMuted)
	lea.Chat("look at the deer")
	for _, c := range p.everyone() {
		expectChat(t, c, leaID, "look at the deer")
	}

	p.guide.Guide(protocol.GuideCommand{Cmd: protocol.CmdChat, On: false})
	for _, c := range p.everyone() {
		c.ExpectTour("chat off", func(s protocol.TourState) bool { return s.ChatOff })
	}
	lea.Chat("and now?")
	lea.ExpectError(protocol.CodeChatOff)
	p.guide.Chat("listen, please")
	for _, c := range p.everyone() {
		expectChat(t, c, p.gw.ID, "listen, please")
	}

	p.guide.Guide(protocol.GuideCommand{Cmd: protocol.CmdChat, On: true})
	p.guide.Guide(protocol.GuideCommand{Cmd: protocol.CmdMute, ID: anaID, On: false})
	expectMember(t, ana, anaID, "Ana unmuted", func(m protocol.Member) bool { return !m.Muted })
	ana.Chat("thank you")
	for _, c := range p.everyone() {
		expectChat(t, c, anaID, "thank you")
	}
}

func TestTourRemove(t *testing.T) {
	srv := servertest.Start(t)
	p := startParty(t, srv, "Ana", "Léa", "Bo")
	ana, anaID := p.visitors[0], p.vw[0].ID

	p.guide.Guide(protocol.GuideCommand{Cmd: protocol.CmdRemove, ID: anaID})
	ana.ExpectError(protocol.CodeRemoved)
	if code, _ := ana.ExpectClosed(); code != websocket.ClosePolicyViolation {
		t.Errorf("the removed visitor's connection closed with %d, want %d", code, websocket.ClosePolicyViolation)
	}
	for _, c := range append([]*servertest.Client{p.guide}, p.visitors[1:]...) {
		expectLeave(t, c, anaID)
	}
	e := p.refused(t, protocol.Hello{Name: "Ana", Resume: p.vw[0].Resume})
	if e.Code != protocol.CodeRemoved {
		t.Errorf("the removed visitor's resume got %q (%s), want %q", e.Code, e.Message, protocol.CodeRemoved)
	}
	// The others carry on.
	p.visitors[1].Chat("still here")
	expectChat(t, p.guide, p.vw[1].ID, "still here")
}

func TestTourLock(t *testing.T) {
	srv := servertest.Start(t)
	p := startParty(t, srv, "Ana", "Léa", "Bo")

	p.guide.Guide(protocol.GuideCommand{Cmd: protocol.CmdLock, On: true})
	for _, c := range p.everyone() {
		c.ExpectTour("locked", func(s protocol.TourState) bool { return s.Locked })
	}
	if e := p.refused(t, protocol.Hello{Name: "Late"}); e.Code != protocol.CodeTourLocked {
		t.Errorf("a newcomer to a locked tour got %q (%s), want %q", e.Code, e.Message, protocol.CodeTourLocked)
	}
	if _, info := srv.TourInfo(t, p.tour.Code); info["locked"] != true {
		t.Errorf("GET /api/tours/%s = %v; want locked", p.tour.Code, info)
	}

	p.visitors[1].Conn.Close()
	expectLeave(t, p.guide, p.vw[1].ID)
	back := srv.Dial(t)
	w := back.HelloTour(protocol.Hello{Scene: tourScene, Name: "Léa", Tour: p.tour.Code, Resume: p.vw[1].Resume})
	if w.ID != p.vw[1].ID {
		t.Errorf("Léa resumed into the locked tour as %d, want %d", w.ID, p.vw[1].ID)
	}

	p.guide.Guide(protocol.GuideCommand{Cmd: protocol.CmdLock, On: false})
	p.guide.ExpectTour("unlocked", func(s protocol.TourState) bool { return !s.Locked })
	p.join(t, "Late")
}

func TestTourHandOver(t *testing.T) {
	srv := servertest.Start(t)
	p := startParty(t, srv, "Ana", "Léa", "Bo")
	ana, anaID, oldID := p.visitors[0], p.vw[0].ID, p.gw.ID

	p.guide.Guide(protocol.GuideCommand{Cmd: protocol.CmdHandOver, ID: anaID})
	var role protocol.Role
	ana.ExpectType(protocol.TypeRole, &role)
	if role.Role != protocol.RoleGuide || len(role.Token) < 40 || role.Token == p.tour.Token() {
		t.Fatalf("Ana's role event = %+v; want the guide role with a new token", role)
	}
	for i, c := range p.everyone() {
		// Both changes, in either order.
		var anaGuide, wangVisitor bool
		c.Expect("member events with Ana the guide and Wang a visitor", func(m servertest.Message) bool {
			var ev protocol.MemberEvent
			if m.Type != protocol.TypeMember || m.Decode(&ev) != nil {
				return false
			}
			switch x := ev.Member; {
			case x.ID == anaID && x.Role == protocol.RoleGuide && x.Slot == 0:
				anaGuide = true
			case x.ID == oldID && x.Role == "" && x.Slot > 0:
				wangVisitor = true
			}
			return anaGuide && wangVisitor
		})
		s := c.ExpectTour("guide Ana", func(s protocol.TourState) bool { return s.Guide == anaID })
		if s.GuideName != "Ana" {
			t.Errorf("client %d: guide name %q, want Ana", i, s.GuideName)
		}
		if i > 0 {
			for {
				m, ok := c.TryNext()
				if !ok {
					break
				}
				if m.Type == protocol.TypeRole {
					t.Errorf("client %d got the role event meant for Ana alone", i)
				}
			}
		}
	}

	p.guide.Guide(protocol.GuideCommand{Cmd: protocol.CmdFollow, On: false})
	p.guide.ExpectError(protocol.CodeNotGuide)

	// The old link now makes a visitor, with a note saying why.
	old := srv.Dial(t)
	w := old.HelloTour(protocol.Hello{Scene: tourScene, Name: "Wang2", Tour: p.tour.Code, Token: p.tour.Token()})
	if me, _ := memberOf(w, w.ID); me.Role != "" || w.Tour.Guide != anaID {
		t.Errorf("the old guide link joined as %+v with guide %d; want a visitor, guide %d", me, w.Tour.Guide, anaID)
	}
	old.ExpectError(protocol.CodeNotGuide)

	// The new token makes its holder the guide.
	newGuide := srv.Dial(t)
	w = newGuide.HelloTour(protocol.Hello{Scene: tourScene, Name: "Ana", Tour: p.tour.Code, Token: role.Token})
	if me, _ := memberOf(w, w.ID); me.Role != protocol.RoleGuide || w.Tour.Guide != w.ID {
		t.Fatalf("the new token joined as %+v (tour guide %d); want the guide", me, w.Tour.Guide)
	}
	newGuide.Guide(protocol.GuideCommand{Cmd: protocol.CmdFollow, On: false})
	p.visitors[1].ExpectTour("follow off from the new guide", func(s protocol.TourState) bool { return !s.Follow })
}

func TestTourEnd(t *testing.T) {
	srv := servertest.Start(t)
	p := startParty(t, srv, "Ana", "Léa", "Bo")

	p.guide.Guide(protocol.GuideCommand{Cmd: protocol.CmdEnd})
	for i, c := range p.everyone() {
		var e protocol.Ended
		c.ExpectType(protocol.TypeEnded, &e)
		if e.Message == "" {
			t.Errorf("client %d: the ended event has no message", i)
		}
		if code, _ := c.ExpectClosed(); code != websocket.CloseNormalClosure {
			t.Errorf("client %d: closed with %d, want %d (normal)", i, code, websocket.CloseNormalClosure)
		}
	}
	if status, body := srv.TourInfo(t, p.tour.Code); status != 410 || body["error"] == nil {
		t.Errorf("GET an ended tour = %d %v; want 410 with an error", status, body)
	}
	if e := p.refused(t, protocol.Hello{Name: "Late"}); e.Code != protocol.CodeTourEnded {
		t.Errorf("joining an ended tour got %q, want %q", e.Code, protocol.CodeTourEnded)
	}
	if e := p.refused(t, protocol.Hello{Name: "Wang", Token: p.tour.Token()}); e.Code != protocol.CodeTourEnded {
		t.Errorf("the guide joining an ended tour got %q, want %q", e.Code, protocol.CodeTourEnded)
	}
}

func TestTourHands(t *testing.T) {
	srv := servertest.Start(t)
	p := startParty(t, srv, "Ana", "Léa")
	p.visitors[0].SendJSON(protocol.Hand{Type: protocol.TypeHand, Up: true})
	for _, c := range p.everyone() {
		expectMember(t, c, p.vw[0].ID, "Ana's hand up", func(m protocol.Member) bool { return m.Hand })
	}
	p.visitors[0].SendJSON(protocol.Hand{Type: protocol.TypeHand, Up: false})
	expectMember(t, p.guide, p.vw[0].ID, "Ana's hand down", func(m protocol.Member) bool { return !m.Hand })
}

// TestVisitorsCannotGuide sends every guide command from a visitor: each is
// refused and changes nothing anyone can see.
func TestVisitorsCannotGuide(t *testing.T) {
	srv := servertest.Start(t)
	p := startParty(t, srv, "Ana", "Léa")
	ana, leaID := p.visitors[0], p.vw[1].ID
	at := [3]float32{1, 1, 1}
	cmds := []protocol.GuideCommand{
		{Cmd: protocol.CmdFollow, On: false},
		{Cmd: protocol.CmdGather},
		{Cmd: protocol.CmdSpotlight, Hotspot: deer},
		{Cmd: protocol.CmdPointer, On: true, At: &at},
		{Cmd: protocol.CmdScene, Scene: otherScene},
		{Cmd: protocol.CmdMute, ID: leaID, On: true},
		{Cmd: protocol.CmdRemove, ID: leaID},
		{Cmd: protocol.CmdLock, On: true},
		{Cmd: protocol.CmdChat, On: false},
		{Cmd: protocol.CmdHandOver, ID: leaID},
		{Cmd: protocol.CmdEnd},
	}
	if len(cmds) != len(protocol.GuideCommands) {
		t.Fatalf("the table has %d commands; the protocol has %d", len(cmds), len(protocol.GuideCommands))
	}
	for _, cmd := range cmds {
		ana.Guide(cmd)
		if e := ana.ExpectError(protocol.CodeNotGuide); e.Message == "" {
			t.Errorf("%s: the refusal has no message", cmd.Cmd)
		}
	}
	// Nothing changed: a newcomer sees the tour as it was, Léa still
	// chats, and the tour has not ended.
	_, w := p.join(t, "Late")
	want := *p.gw.Tour
	if *w.Tour != want {
		t.Errorf("after a visitor's commands the tour is %+v; want it unchanged, %+v", *w.Tour, want)
	}
	if me, _ := memberOf(w, leaID); me.Muted || me.Role != "" {
		t.Errorf("Léa is %+v; want an unmuted visitor", me)
	}
	p.visitors[1].Chat("fine")
	expectChat(t, p.guide, leaID, "fine")
	for _, c := range p.everyone() {
		for {
			m, ok := c.TryNext()
			if !ok {
				break
			}
			// (A gather comes with every welcome: it is not checked.)
			if m.Type == protocol.TypePointer || m.Type == protocol.TypeRole || m.Type == protocol.TypeEnded {
				t.Errorf("a visitor's command reached someone: %s", m.Data)
			}
		}
	}
}

// TestMutedVisitorHandedTheRoleCanSpeak: the guide role lifts a mute, or
// the new guide could not talk to the group.
func TestMutedVisitorHandedTheRoleCanSpeak(t *testing.T) {
	srv := servertest.Start(t)
	p := startParty(t, srv, "Ana", "Léa")
	ana, anaID := p.visitors[0], p.vw[0].ID
	p.guide.Guide(protocol.GuideCommand{Cmd: protocol.CmdMute, ID: anaID, On: true})
	expectMember(t, ana, anaID, "Ana muted", func(m protocol.Member) bool { return m.Muted })
	p.guide.Guide(protocol.GuideCommand{Cmd: protocol.CmdHandOver, ID: anaID})
	expectMember(t, p.visitors[1], anaID, "Ana the guide, unmuted", func(m protocol.Member) bool {
		return m.Role == protocol.RoleGuide && !m.Muted
	})
	ana.Chat("follow me")
	expectChat(t, p.visitors[1], anaID, "follow me")
}
