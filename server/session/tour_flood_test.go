package session_test

import (
	"testing"

	"yunyou/protocol"
	"yunyou/server/servertest"
	"yunyou/server/wsconn"
)

// TestHandFloodSpoilsNobodysTour has a visitor raise and lower a hand as
// fast as a socket allows: it is told to slow down, and the guide and the
// other visitors stay in the tour, receiving only the few hand changes the
// limit lets through.
func TestHandFloodSpoilsNobodysTour(t *testing.T) {
	srv := servertest.Start(t)
	p := startParty(t, srv, "Ana", "Bo")
	flooder := p.visitors[0]
	const sent = 2000
	for i := range sent {
		// The server may drop the flooder before the loop ends (its
		// queue full of refusals): that is fine, and ends the flood.
		if err := flooder.Conn.WriteJSON(protocol.Hand{Type: protocol.TypeHand, Up: i%2 == 0}); err != nil {
			break
		}
	}
	flooder.ExpectError(protocol.CodeTooFast)

	// Everyone else is still in and hears the tour: the guide's chat
	// reaches Bo, after at most a handful of Ana's hand changes.
	p.guide.Chat("still here")
	bo := p.visitors[1]
	changes := 0
	for {
		m, ok := bo.Next()
		if !ok {
			t.Fatalf("Bo's connection ended during Ana's flood: %v", bo.Err())
		}
		if m.Type == protocol.TypeMember {
			changes++
		}
		if m.Type == protocol.TypeChat {
			break
		}
	}
	if changes == 0 || changes > 10 {
		t.Errorf("Bo received %d of Ana's %d hand changes; want the few the limit allows (1 to 10)", changes, sent)
	}
	expectChat(t, p.guide, p.gw.ID, "still here")
}

// TestVisitorCommandFloodIsLimited has a visitor send guide commands in a
// loop: each is refused, then the connection is told to slow down, and the
// tour goes on.
func TestVisitorCommandFloodIsLimited(t *testing.T) {
	srv := servertest.Start(t)
	p := startParty(t, srv, "Ana")
	ana := p.visitors[0]
	for range 500 {
		if err := ana.Conn.WriteJSON(protocol.GuideCommand{Type: protocol.TypeGuide, Cmd: protocol.CmdEnd}); err != nil {
			t.Fatalf("the server dropped a visitor sending 500 commands: %v", err)
		}
	}
	seen := map[string]bool{}
	for !seen[protocol.CodeNotGuide] || !seen[protocol.CodeTooFast] {
		m := ana.Expect("refusals", func(m servertest.Message) bool { return m.Type == protocol.TypeError })
		var e protocol.Error
		m.Decode(&e)
		seen[e.Code] = true
	}
	p.guide.Chat("the tour goes on")
	expectChat(t, ana, p.gw.ID, "the tour goes on")
}

// TestJoinLeaveLoopsDoNotGrowATour has a stranger join and leave a tour
// many times: the tour keeps a bounded list of people who may come back,
// its newcomers still get places, and the guide still gets in.
func TestJoinLeaveLoopsDoNotGrowATour(t *testing.T) {
	if testing.Short() {
		t.Skip("opens about 500 connections")
	}
	srv := servertest.Start(t, servertest.WithConnLimits(wsconn.ConnLimits{MaxConnsPerAddr: 1000, RatePerAddr: 5000}))
	p := startParty(t, srv)
	const loops = 2*protocol.MaxTourMembers + 100 // past the cap on people away
	for i := range loops {
		c := srv.Dial(t)
		c.HelloTour(protocol.Hello{Scene: tourScene, Name: "Loop" + itoa(uint16(i)), Tour: p.tour.Code})
		c.Conn.Close()
	}
	c, w := p.join(t, "Late")
	me, _ := memberOf(w, w.ID)
	if me.Slot < 1 || me.Slot > 2*protocol.MaxTourMembers+1 {
		t.Errorf("after %d joins and leaves a newcomer gets slot %d; want one within the kept places", loops, me.Slot)
	}
	c.ExpectType(protocol.TypeGather, nil)
	// The store keeps the guide, the people away (at most the cap) and
	// the newcomer, not every stranger who ever passed.
	if _, info := srv.TourInfo(t, p.tour.Code); info["members"] != float64(2) {
		t.Errorf("GET /api/tours says %v members connected, want 2", info["members"])
	}
}

// TestGuideGetsIntoAFullTour fills an open tour with strangers: the guide,
// with the guide link, still gets the seat kept for the guide.
func TestGuideGetsIntoAFullTour(t *testing.T) {
	if testing.Short() {
		t.Skip("opens over 200 connections")
	}
	srv := servertest.Start(t, servertest.WithConnLimits(wsconn.ConnLimits{MaxConnsPerAddr: 2 * protocol.MaxTourMembers, RatePerAddr: 10 * protocol.MaxTourMembers}))
	p := startParty(t, srv)
	p.guide.Conn.Close()
	for i := range protocol.MaxTourMembers {
		c := srv.Dial(t)
		c.HelloTour(protocol.Hello{Scene: tourScene, Name: "S" + itoa(uint16(i)), Tour: p.tour.Code})
	}
	if e := p.refused(t, protocol.Hello{Scene: tourScene, Name: "One more"}); e.Code != protocol.CodeTourFull {
		t.Fatalf("a stranger beyond %d got %q; want %q", protocol.MaxTourMembers, e.Code, protocol.CodeTourFull)
	}
	if e := p.refused(t, protocol.Hello{Scene: tourScene, Name: "Faker", Token: "not-the-token"}); e.Code != protocol.CodeTourFull {
		t.Fatalf("a stranger with a made-up token got %q; want %q", e.Code, protocol.CodeTourFull)
	}
	g := srv.Dial(t)
	w := g.HelloTour(protocol.Hello{Scene: tourScene, Name: "Wang", Tour: p.tour.Code, Token: p.tour.Token()})
	if w.Tour == nil || w.Tour.Guide != w.ID {
		t.Fatalf("the guide's welcome into the full tour: %+v; want the guide role", w.Tour)
	}
}
