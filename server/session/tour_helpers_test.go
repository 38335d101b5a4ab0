package session_test

import (
	"math"
	"strconv"
	"testing"

	"yunyou/protocol"
	"yunyou/server/catalog"
	"yunyou/server/servertest"
)

// tourScene is where the tours of these tests start; otherScene is where
// the guide takes the group.
const (
	tourScene  = "mogao-257"
	otherScene = "mogao-249"

	// deer is a hotspot of tourScene (scenes/mogao-257.json).
	deer = "nine-coloured-deer"

	// gatherReach is how far from the guide a gathered visitor may stand:
	// a group of a few people stands within a few metres; this leaves
	// room for walls that push places aside.
	gatherReach = 12
)

// party is a tour with its guide and visitors, all connected.
type party struct {
	srv      *servertest.Server
	tour     servertest.Tour
	guide    *servertest.Client
	gw       protocol.Welcome
	visitors []*servertest.Client
	vw       []protocol.Welcome
}

// startParty creates a tour on srv led by "Wang" and connects the guide,
// then one visitor for each name. Every client has seen every join when it
// returns, so later events follow them.
func startParty(t *testing.T, srv *servertest.Server, names ...string) *party {
	t.Helper()
	p := &party{srv: srv, tour: srv.CreateTour(t, tourScene, "Wang")}
	p.guide = srv.Dial(t)
	p.gw = p.guide.HelloTour(protocol.Hello{Scene: tourScene, Name: "Wang", Tour: p.tour.Code, Token: p.tour.Token()})
	for _, n := range names {
		c := srv.Dial(t)
		w := c.HelloTour(protocol.Hello{Scene: tourScene, Name: n, Tour: p.tour.Code})
		c.ExpectType(protocol.TypeGather, nil) // where to stand, after every welcome
		p.visitors = append(p.visitors, c)
		p.vw = append(p.vw, w)
	}
	for i, w := range p.vw {
		expectJoin(t, p.guide, w.ID)
		for _, c := range p.visitors[:i] {
			expectJoin(t, c, w.ID)
		}
	}
	return p
}

// everyone returns the guide and the visitors.
func (p *party) everyone() []*servertest.Client {
	return append([]*servertest.Client{p.guide}, p.visitors...)
}

// join connects a new visitor named name and returns its welcome.
func (p *party) join(t *testing.T, name string) (*servertest.Client, protocol.Welcome) {
	t.Helper()
	c := p.srv.Dial(t)
	return c, c.HelloTour(protocol.Hello{Scene: tourScene, Name: name, Tour: p.tour.Code})
}

// refused connects a new client with h (Tour filled in) and returns the
// error that refuses it; the connection then closes.
func (p *party) refused(t *testing.T, h protocol.Hello) protocol.Error {
	t.Helper()
	if h.Tour == "" {
		h.Tour = p.tour.Code
	}
	if h.Scene == "" {
		h.Scene = tourScene
	}
	c := p.srv.Dial(t)
	e := c.HelloTourRefused(h)
	c.ExpectClosed()
	return e
}

func expectJoin(t *testing.T, c *servertest.Client, id uint16) protocol.Member {
	t.Helper()
	var j protocol.Join
	c.Expect("the join of member "+itoa(id), func(m servertest.Message) bool {
		return m.Type == protocol.TypeJoin && m.Decode(&j) == nil && j.Member.ID == id
	})
	return j.Member
}

func expectLeave(t *testing.T, c *servertest.Client, id uint16) {
	t.Helper()
	c.Expect("the leave of member "+itoa(id), func(m servertest.Message) bool {
		var l protocol.Leave
		return m.Type == protocol.TypeLeave && m.Decode(&l) == nil && l.ID == id
	})
}

// expectMember waits for a member event about id and returns the member.
func expectMember(t *testing.T, c *servertest.Client, id uint16, what string, match func(protocol.Member) bool) protocol.Member {
	t.Helper()
	var ev protocol.MemberEvent
	c.Expect("a member event: "+what, func(m servertest.Message) bool {
		ev = protocol.MemberEvent{}
		return m.Type == protocol.TypeMember && m.Decode(&ev) == nil && ev.Member.ID == id && match(ev.Member)
	})
	return ev.Member
}

// expectChat waits for the chat line text from id.
func expectChat(t *testing.T, c *servertest.Client, id uint16, text string) {
	t.Helper()
	c.Expect("chat "+text, func(m servertest.Message) bool {
		var ch protocol.Chat
		return m.Type == protocol.TypeChat && m.Decode(&ch) == nil && ch.ID == id && ch.Text == text
	})
}

// nextTour returns the next tour event's state, whatever it says: a test
// that sends a marker command after one that must change nothing checks
// that the marker's event is the first to come.
func nextTour(t *testing.T, c *servertest.Client) protocol.TourState {
	t.Helper()
	var ev protocol.TourEvent
	c.ExpectType(protocol.TypeTour, &ev)
	return ev.Tour
}

func memberOf(w protocol.Welcome, id uint16) (protocol.Member, bool) {
	for _, m := range w.Members {
		if m.ID == id {
			return m, true
		}
	}
	return protocol.Member{}, false
}

// sceneByID returns a built-in scene.
func sceneByID(t *testing.T, id string) *catalog.Scene {
	t.Helper()
	cat, err := catalog.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	s, ok := cat.Scene(id)
	if !ok {
		t.Fatalf("no built-in scene %s", id)
	}
	return s
}

// step returns a pose a little way from the scene's spawn, inside it.
func step(t *testing.T, s *catalog.Scene, dx, dz float32) protocol.Pose {
	t.Helper()
	p := s.Spawn
	p.X += dx
	p.Z += dz
	p.Yaw = 0.5
	if !s.Contains(p) {
		t.Fatalf("test pose %+v is outside scene %s", p, s.ID)
	}
	return p
}

func dist(a, b protocol.Pose) float64 {
	return math.Hypot(float64(a.X-b.X), float64(a.Z-b.Z))
}

func itoa(id uint16) string { return strconv.Itoa(int(id)) }
