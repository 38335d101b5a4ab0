package session_test

import (
	"testing"

	"yunyou/protocol"
	"yunyou/server/servertest"
	"yunyou/server/wsconn"
)

// TestTourHoldsMaxMembers fills a tour: the next visitor is refused, and
// gets in once someone leaves.
func TestTourHoldsMaxMembers(t *testing.T) {
	if testing.Short() {
		t.Skip("opens over 200 connections")
	}
	srv := servertest.Start(t, servertest.WithConnLimits(wsconn.ConnLimits{MaxConnsPerAddr: 2 * protocol.MaxTourMembers, RatePerAddr: 10 * protocol.MaxTourMembers}))
	p := startParty(t, srv)
	var last *servertest.Client
	var lastID uint16
	for i := 1; i < protocol.MaxTourMembers; i++ {
		c := srv.Dial(t)
		w := c.HelloTour(protocol.Hello{Scene: tourScene, Name: "V" + itoa(uint16(i)), Tour: p.tour.Code})
		last, lastID = c, w.ID
	}
	if e := p.refused(t, protocol.Hello{Name: "One too many"}); e.Code != protocol.CodeTourFull {
		t.Fatalf("visitor %d got %q (%s), want %q", protocol.MaxTourMembers+1, e.Code, e.Message, protocol.CodeTourFull)
	}
	if _, info := srv.TourInfo(t, p.tour.Code); info["members"] != float64(protocol.MaxTourMembers) {
		t.Errorf("GET /api/tours says %v members, want %d", info["members"], protocol.MaxTourMembers)
	}
	last.Conn.Close()
	expectLeave(t, p.guide, lastID)
	p.join(t, "Next")
}

// TestGuideCommandMistakes sends malformed and impossible commands: each
// gets an error that says what is wrong, the connection stays, and the
// visitors notice nothing.
func TestGuideCommandMistakes(t *testing.T) {
	srv := servertest.Start(t)
	p := startParty(t, srv, "Ana", "Léa")
	for _, tc := range []struct {
		name, frame, code string
	}{
		{"unknown command", `{"type":"guide","cmd":"dance"}`, protocol.CodeBadCommand},
		{"no command", `{"type":"guide"}`, protocol.CodeBadCommand},
		{"on as a string", `{"type":"guide","cmd":"follow","on":"yes"}`, protocol.CodeBadMessage},
		{"id as a string", `{"type":"guide","cmd":"mute","id":"Ana","on":true}`, protocol.CodeBadMessage},
		{"id out of range", `{"type":"guide","cmd":"mute","id":70000,"on":true}`, protocol.CodeBadMessage},
		{"mute an unknown id", `{"type":"guide","cmd":"mute","id":999,"on":true}`, protocol.CodeBadCommand},
		{"mute the guide", `{"type":"guide","cmd":"mute","id":` + itoa(p.gw.ID) + `,"on":true}`, protocol.CodeBadCommand},
		{"remove nobody", `{"type":"guide","cmd":"remove"}`, protocol.CodeBadCommand},
		{"hand over to oneself", `{"type":"guide","cmd":"handover","id":` + itoa(p.gw.ID) + `}`, protocol.CodeBadCommand},
		{"pointer without at", `{"type":"guide","cmd":"pointer","on":true}`, protocol.CodeBadCommand},
		{"pointer at huge", `{"type":"guide","cmd":"pointer","on":true,"at":[1e30,0,0]}`, protocol.CodeBadCommand},
		{"pointer beyond float32", `{"type":"guide","cmd":"pointer","on":true,"at":[1e39,0,0]}`, protocol.CodeBadMessage},
		{"pointer at not numbers", `{"type":"guide","cmd":"pointer","on":true,"at":["x",0,0]}`, protocol.CodeBadMessage},
		{"pointer at NaN", `{"type":"guide","cmd":"pointer","on":true,"at":[NaN,0,0]}`, protocol.CodeBadMessage},
		{"scene unknown", `{"type":"guide","cmd":"scene","scene":"mogao-999"}`, protocol.CodeBadCommand},
		{"scene empty", `{"type":"guide","cmd":"scene"}`, protocol.CodeBadCommand},
		{"spotlight unknown", `{"type":"guide","cmd":"spotlight","hotspot":"x"}`, protocol.CodeBadCommand},
		{"hand malformed", `{"type":"hand","up":"yes"}`, protocol.CodeBadMessage},
	} {
		p.guide.SendText(tc.frame)
		e := p.guide.ExpectError(tc.code)
		if len(e.Message) < 10 {
			t.Errorf("%s: the error %q does not say what to fix", tc.name, e.Message)
		}
	}
	// Still connected and still the guide; the visitors' next tour event
	// is this one, with nothing else changed.
	p.guide.Guide(protocol.GuideCommand{Cmd: protocol.CmdFollow, On: false})
	for i, c := range p.visitors {
		s := nextTour(t, c)
		want := *p.gw.Tour
		want.Follow = false
		if s != want {
			t.Errorf("visitor %d's next tour state = %+v; want %+v", i, s, want)
		}
	}
	for i, c := range p.visitors {
		for {
			m, ok := c.TryNext()
			if !ok {
				break
			}
			if m.Type == protocol.TypeError || m.Type == protocol.TypePointer {
				t.Errorf("visitor %d got %s", i, m.Data)
			}
		}
	}

	// A hand outside a tour, and guide commands in a public session.
	pub := srv.Dial(t)
	pub.Hello(tourScene, "Zoe")
	pub.SendJSON(protocol.Hand{Type: protocol.TypeHand, Up: true})
	pub.ExpectError(protocol.CodeOutOfOrder)
	pub.Guide(protocol.GuideCommand{Cmd: protocol.CmdEnd})
	pub.ExpectError(protocol.CodeNotGuide)
	pub.Chat("still here")
	pub.ExpectType(protocol.TypeChat, nil)

	// Before the hello.
	early := srv.Dial(t)
	early.SendJSON(protocol.Hand{Type: protocol.TypeHand, Up: true})
	early.ExpectError(protocol.CodeOutOfOrder)
	early.Guide(protocol.GuideCommand{Cmd: protocol.CmdEnd})
	early.ExpectError(protocol.CodeOutOfOrder)
}
