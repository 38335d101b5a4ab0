package session_test

import (
	"context"
	"testing"
	"time"

	"yunyou/protocol"
	"yunyou/server/servertest"
)

func TestTourVisitorResumes(t *testing.T) {
	srv := servertest.Start(t)
	p := startParty(t, srv, "Ana", "Léa", "Bo")
	ana, before := p.visitors[0], p.vw[0]
	me, _ := memberOf(before, before.ID)

	ana.Conn.Close() // the phone lost its network
	for _, c := range append([]*servertest.Client{p.guide}, p.visitors[1:]...) {
		expectLeave(t, c, before.ID)
	}
	again := srv.Dial(t)
	// A page that resumes may send another name; the tour keeps the one
	// everybody knows.
	w := again.HelloTour(protocol.Hello{Scene: tourScene, Name: "Ana B", Tour: p.tour.Code, Resume: before.Resume})
	back, _ := memberOf(w, w.ID)
	if w.ID != before.ID || back.Name != me.Name || back.Slot != me.Slot || back.Color != me.Color {
		t.Fatalf("Ana came back as %+v (id %d); want %+v (id %d)", back, w.ID, me, before.ID)
	}
	if w.Resume == "" || w.Resume == before.Resume {
		t.Errorf("the resumed welcome's secret %q; want a new one", w.Resume)
	}
	for _, c := range append([]*servertest.Client{p.guide}, p.visitors[1:]...) {
		if j := expectJoin(t, c, before.ID); j.Name != me.Name || j.Slot != me.Slot {
			t.Errorf("the others see Ana back as %+v; want %+v", j, me)
		}
	}

	// The secret of the new welcome works; a made-up one makes a newcomer.
	again.Conn.Close()
	expectLeave(t, p.guide, before.ID)
	third := srv.Dial(t)
	if w2 := third.HelloTour(protocol.Hello{Scene: tourScene, Name: "Ana", Tour: p.tour.Code, Resume: w.Resume}); w2.ID != before.ID {
		t.Errorf("resuming with the newest secret gave id %d, want %d", w2.ID, before.ID)
	}
	stranger := srv.Dial(t)
	if w3 := stranger.HelloTour(protocol.Hello{Scene: tourScene, Name: "Eve", Tour: p.tour.Code, Resume: before.Resume}); w3.ID == before.ID {
		t.Errorf("an old, replaced resume secret still gave Ana's id")
	}
}

// TestTourResumeReplacesALiveConnection covers a page that reconnects
// before the server noticed its old connection died.
func TestTourResumeReplacesALiveConnection(t *testing.T) {
	srv := servertest.Start(t)
	p := startParty(t, srv, "Ana", "Léa")
	again := srv.Dial(t)
	w := again.HelloTour(protocol.Hello{Scene: tourScene, Name: "Ana", Tour: p.tour.Code, Resume: p.vw[0].Resume})
	if w.ID != p.vw[0].ID {
		t.Fatalf("the second connection got id %d, want Ana's %d", w.ID, p.vw[0].ID)
	}
	p.visitors[0].ExpectClosed()
	n := 0
	for _, m := range w.Members {
		if m.ID == w.ID {
			n++
		}
	}
	if n != 1 || len(w.Members) != 3 {
		t.Errorf("the welcome lists %+v; want the guide, Léa and Ana once", w.Members)
	}
}

func TestTourGuideDropsAndComesBack(t *testing.T) {
	for _, tc := range []struct {
		name   string
		resume bool // the page kept the resume secret
		drop   bool // the old connection died; else it is another tab
	}{
		{"with resume secret", true, true},
		{"guide link only", false, true},
		{"guide link in a second tab", false, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := servertest.Start(t)
			p := startParty(t, srv, "Ana", "Léa")
			if tc.drop {
				p.guide.Conn.Close()
				for _, c := range p.visitors {
					c.ExpectTour("no guide", func(s protocol.TourState) bool { return s.Guide == 0 })
				}
			}
			h := protocol.Hello{Scene: tourScene, Name: "Wang", Tour: p.tour.Code, Token: p.tour.Token()}
			if tc.resume {
				h.Resume = p.gw.Resume
			}
			g := srv.Dial(t)
			w := g.HelloTour(h)
			me, _ := memberOf(w, w.ID)
			if w.ID != p.gw.ID || me.Role != protocol.RoleGuide || w.Tour.Guide != w.ID {
				t.Fatalf("the guide came back as %+v (id %d, tour guide %d); want guide id %d", me, w.ID, w.Tour.Guide, p.gw.ID)
			}
			if !tc.drop {
				// The newer tab wins; the older one is told why it closed.
				p.guide.ExpectError(protocol.CodeOutOfOrder)
				p.guide.ExpectClosed()
			}
			for _, c := range p.visitors {
				c.ExpectTour("the guide back", func(s protocol.TourState) bool { return s.Guide == p.gw.ID })
			}
			// Nobody was left behind as a second Wang.
			for _, m := range w.Members {
				if m.Name == "Wang" && m.ID != w.ID {
					t.Errorf("the welcome lists another Wang: %+v", w.Members)
				}
			}
			g.Guide(protocol.GuideCommand{Cmd: protocol.CmdFollow, On: false})
			p.visitors[0].ExpectTour("follow off", func(s protocol.TourState) bool { return !s.Follow })
		})
	}
}

// TestTourSurvivesRestart stops the server mid-tour and starts another on
// the same data: everyone resumes where they were.
func TestTourSurvivesRestart(t *testing.T) {
	dir := t.TempDir()
	srv1 := servertest.Start(t, servertest.WithDataDir(dir))
	p := startParty(t, srv1, "Ana", "Léa")
	leaID := p.vw[1].ID
	p.guide.Guide(protocol.GuideCommand{Cmd: protocol.CmdFollow, On: true})
	p.guide.Guide(protocol.GuideCommand{Cmd: protocol.CmdSpotlight, Hotspot: deer})
	p.guide.Guide(protocol.GuideCommand{Cmd: protocol.CmdMute, ID: leaID, On: true})
	for _, c := range p.everyone() {
		expectMember(t, c, leaID, "Léa muted", func(m protocol.Member) bool { return m.Muted })
	}

	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv1.Shutdown(ctx); err != nil {
		t.Fatalf("stopping the first server: %v", err)
	}
	for _, c := range p.everyone() {
		c.ExpectError(protocol.CodeRestarting)
		c.ExpectClosed()
	}

	srv2 := servertest.Start(t, servertest.WithDataDir(dir))
	// A newcomer who comes first after the restart gets an id nobody
	// holds, not one of those who will resume.
	_, nw := p2join(t, srv2, p.tour.Code, "Bo")
	for _, old := range []uint16{p.gw.ID, p.vw[0].ID, p.vw[1].ID} {
		if nw.ID == old {
			t.Errorf("a newcomer after the restart got id %d, already Wang's, Ana's or Léa's", nw.ID)
		}
	}
	for i, name := range []string{"Ana", "Léa"} {
		c := srv2.Dial(t)
		w := c.HelloTour(protocol.Hello{Scene: tourScene, Name: name, Tour: p.tour.Code, Resume: p.vw[i].Resume})
		me, _ := memberOf(w, w.ID)
		was, _ := memberOf(p.vw[i], p.vw[i].ID)
		if w.ID != p.vw[i].ID || me.Name != was.Name || me.Slot != was.Slot || me.Role != "" {
			t.Errorf("%s came back as %+v (id %d); want %+v (id %d)", name, me, w.ID, was, p.vw[i].ID)
		}
		if !w.Tour.Follow || w.Tour.Spotlight != deer {
			t.Errorf("%s's tour after the restart = %+v; want follow on and the deer spotlit", name, *w.Tour)
		}
		if me.Muted != (name == "Léa") {
			t.Errorf("%s after the restart: muted = %v", name, me.Muted)
		}
		if name == "Léa" {
			c.Chat("hello again")
			c.ExpectError(protocol.CodeMuted)
		}
	}
	g := srv2.Dial(t)
	w := g.HelloTour(protocol.Hello{Scene: tourScene, Name: "Wang", Tour: p.tour.Code, Token: p.tour.Token(), Resume: p.gw.Resume})
	if me, _ := memberOf(w, w.ID); w.ID != p.gw.ID || me.Role != protocol.RoleGuide || w.Tour.Guide != w.ID {
		t.Errorf("the guide came back as %+v (id %d, tour guide %d); want the guide, id %d", me, w.ID, w.Tour.Guide, p.gw.ID)
	}
}

func p2join(t *testing.T, srv *servertest.Server, code, name string) (*servertest.Client, protocol.Welcome) {
	t.Helper()
	c := srv.Dial(t)
	return c, c.HelloTour(protocol.Hello{Scene: tourScene, Name: name, Tour: code})
}
