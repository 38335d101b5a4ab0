package session_test

import (
	"math"
	"strings"
	"testing"

	"yunyou/protocol"
	"yunyou/server/catalog"
	"yunyou/server/servertest"
)

// scene returns the default built-in scene, where these tests walk.
func scene(t *testing.T) *catalog.Scene {
	t.Helper()
	cat, err := catalog.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	s, _ := cat.Scene(cat.Default())
	return s
}

// near returns a pose a few centimetres from the spawn, different for each
// i, and checks it is inside the scene.
func near(t *testing.T, s *catalog.Scene, i int) protocol.Pose {
	t.Helper()
	p := s.Spawn
	p.X += 0.01 * float32(i%40)
	p.Z += 0.01 * float32(i/40%40)
	p.Yaw = float32(math.Mod(float64(i)*0.1, math.Pi))
	if !s.Contains(p) {
		t.Fatalf("test pose %+v is outside scene %s", p, s.ID)
	}
	return p
}

func member(w protocol.Welcome, id uint16) (protocol.Member, bool) {
	for _, m := range w.Members {
		if m.ID == id {
			return m, true
		}
	}
	return protocol.Member{}, false
}

func TestNewcomerGetsWelcomeThenFullSnapshot(t *testing.T) {
	sc := scene(t)
	srv := servertest.Start(t)

	ana := srv.Dial(t)
	wa := ana.Hello(sc.ID, "  Ana ")
	if wa.ID == 0 || wa.Session != sc.ID+"/1" || wa.Scene != sc.ID || wa.Version != protocol.Version {
		t.Fatalf("welcome = %+v; want a non-zero id in session %s/1", wa, sc.ID)
	}
	me, ok := member(wa, wa.ID)
	if !ok || me.Name != "Ana" || len(me.Color) != 7 || me.Color[0] != '#' {
		t.Fatalf("welcome lists %+v; want Ana (trimmed) with a #rrggbb colour", wa.Members)
	}
	m, ok := ana.Next()
	if !ok || !m.Binary || m.Err != nil || !m.Snapshot.Full {
		t.Fatalf("after the welcome got %q (binary %v, err %v); want a full snapshot", m.Data, m.Binary, m.Err)
	}
	if p, ok := m.Pose(wa.ID); !ok || p != protocol.Quantize(sc.Spawn) {
		t.Fatalf("full snapshot %+v; want Ana at the spawn %+v", m.Snapshot, sc.Spawn)
	}

	// A second visitor sees both in the welcome and the full snapshot, in
	// another colour; the first learns of the second by a join event.
	pa := near(t, sc, 7)
	ana.SendPose(pa)
	bo := srv.Dial(t)
	wb := bo.Hello(sc.ID, "Bo")
	if len(wb.Members) != 2 || wb.ID == wa.ID || wb.Session != wa.Session {
		t.Fatalf("Bo's welcome = %+v; want Ana and Bo in %s with distinct ids", wb, wa.Session)
	}
	a, _ := member(wb, wa.ID)
	b, _ := member(wb, wb.ID)
	if a.Color == b.Color {
		t.Errorf("Ana and Bo both wear %s; members present should differ", a.Color)
	}
	full := bo.Expect("a full snapshot", func(m servertest.Message) bool { return m.Binary })
	if !full.Snapshot.Full || len(full.Snapshot.Entries) != 2 {
		t.Fatalf("Bo's first snapshot = %+v; want a full one with both members", full.Snapshot)
	}
	var join protocol.Join
	ana.ExpectType(protocol.TypeJoin, &join)
	if join.Member != b || join.Seq != wb.Seq {
		t.Errorf("Ana got join %+v; want %+v with seq %d as in Bo's welcome", join, b, wb.Seq)
	}
}

func TestMembersSeeEachOthersMovesInDeltas(t *testing.T) {
	sc := scene(t)
	srv := servertest.Start(t)
	ana, bo := srv.Dial(t), srv.Dial(t)
	wa := ana.Hello(sc.ID, "Ana")
	wb := bo.Hello(sc.ID, "Bo")
	// Settle: each has seen the other's spawn pose.
	ana.ExpectPose(wb.ID, sc.Spawn)
	bo.ExpectPose(wa.ID, sc.Spawn)

	for i := 1; i <= 5; i++ {
		p := near(t, sc, i)
		ana.SendPose(p)
		m := bo.ExpectPose(wa.ID, p)
		if m.Snapshot.Full || len(m.Snapshot.Entries) != 1 {
			t.Fatalf("Bo saw Ana's move in %+v; want a delta holding only Ana", m.Snapshot)
		}
		q := near(t, sc, 100+i)
		bo.SendPose(q)
		ana.ExpectPose(wb.ID, q)
	}
}

func TestJoinLeaveAndChatAreOrderedEvents(t *testing.T) {
	sc := scene(t)
	srv := servertest.Start(t)
	ana, bo := srv.Dial(t), srv.Dial(t)
	wa := ana.Hello(sc.ID, "Ana")
	wb := bo.Hello(sc.ID, "Bo")

	// Lines from different visitors are ordered as the session receives
	// them; each waits for its echo so the order here is known.
	var echo protocol.Chat
	ana.Chat("看这只鹿")
	bo.ExpectType(protocol.TypeChat, &echo) // Ana's line
	bo.Chat("  where?  ")
	bo.ExpectType(protocol.TypeChat, &echo) // Bo's own
	bo.Conn.Close()

	isEvent := func(m servertest.Message) bool { return !m.Binary }
	var got []string
	last := wa.Seq
	for len(got) < 4 {
		m := ana.Expect("an event", isEvent)
		var ev struct {
			Type string
			Seq  uint64
			ID   uint16
			Name string
			Text string
		}
		m.Decode(&ev)
		if ev.Seq <= last {
			t.Fatalf("event %s has seq %d after seq %d; seqs must rise", m.Data, ev.Seq, last)
		}
		last = ev.Seq
		switch ev.Type {
		case protocol.TypeChat:
			got = append(got, ev.Type+" "+ev.Name+": "+ev.Text)
		default:
			got = append(got, ev.Type)
		}
		if ev.Type == protocol.TypeChat && ev.Name == "Bo" && ev.Seq != echo.Seq {
			t.Errorf("Ana got Bo's line as seq %d, Bo as %d; everyone must see the same order", ev.Seq, echo.Seq)
		}
		if ev.Type == protocol.TypeLeave && ev.ID != wb.ID {
			t.Errorf("leave names %d; want Bo's id %d", ev.ID, wb.ID)
		}
	}
	want := []string{"join", "chat Ana: 看这只鹿", "chat Bo: where?", "leave"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("Ana saw events %q; want %q", got, want)
	}
}

func TestChatLimits(t *testing.T) {
	sc := scene(t)
	srv := servertest.Start(t)
	ana, bo := srv.Dial(t), srv.Dial(t)
	ana.Hello(sc.ID, "Ana")
	bo.Hello(sc.ID, "Bo")
	for _, tc := range []struct {
		name string
		text string
		ok   bool
	}{
		{"500 characters", strings.Repeat("鹿", protocol.MaxChatRunes), true},
		{"501 characters", strings.Repeat("鹿", protocol.MaxChatRunes+1), false},
		{"only spaces", "   ", false},
		{"short", "hello", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ana.Chat(tc.text)
			if !tc.ok {
				e := ana.ExpectError(protocol.CodeBadChat)
				if e.Message == "" {
					t.Error("the error says nothing to the visitor")
				}
				return
			}
			var c protocol.Chat
			bo.ExpectType(protocol.TypeChat, &c)
			if c.Text != strings.TrimSpace(tc.text) || c.Name != "Ana" {
				t.Errorf("Bo got chat %q from %q; want Ana's line", c.Text, c.Name)
			}
			ana.ExpectType(protocol.TypeChat, nil) // the sender gets its own line too
		})
	}
}

func TestSixtyFifthVisitorStartsASecondInstance(t *testing.T) {
	sc := scene(t)
	srv := servertest.Start(t)
	var first []*servertest.Client
	for i := range protocol.MaxSessionMembers {
		c := srv.Dial(t)
		if w := c.Hello(sc.ID, "v"+string(rune('A'+i%26))); w.Session != sc.ID+"/1" {
			t.Fatalf("visitor %d landed in %s; want %s/1", i+1, w.Session, sc.ID)
		}
		first = append(first, c)
	}
	extra := srv.Dial(t)
	w := extra.Hello(sc.ID, "Sixty-five")
	if w.Session != sc.ID+"/2" || len(w.Members) != 1 {
		t.Fatalf("the 65th visitor landed in %s with %d members; want %s/2 alone", w.Session, len(w.Members), sc.ID)
	}

	// When someone leaves the first instance, the next visitor fills it
	// before the second.
	first[0].Conn.Close()
	first[1].Expect("the leave", func(m servertest.Message) bool { return m.Type == protocol.TypeLeave })
	waitSessions(t, srv, map[string]int{sc.ID + "/1": protocol.MaxSessionMembers - 1, sc.ID + "/2": 1})
	if w := srv.Dial(t).Hello(sc.ID, "Late"); w.Session != sc.ID+"/1" {
		t.Errorf("after a leave the next visitor landed in %s; want the lowest instance with room, %s/1", w.Session, sc.ID)
	}

	// An instance whose last member leaves stops.
	extra.Conn.Close()
	waitSessions(t, srv, map[string]int{sc.ID + "/1": protocol.MaxSessionMembers})
}

func TestAVisitorCanAskForAnInstance(t *testing.T) {
	sc := scene(t)
	srv := servertest.Start(t)
	if w := srv.Dial(t).HelloTo(sc.ID, sc.ID+"/3", "Ana"); w.Session != sc.ID+"/3" {
		t.Fatalf("asking for %s/3 landed in %s", sc.ID, w.Session)
	}
	if w := srv.Dial(t).HelloTo(sc.ID, sc.ID+"/3", "Bo"); w.Session != sc.ID+"/3" || len(w.Members) != 2 {
		t.Fatalf("a friend asking for %s/3 landed in %s with %d members; want Ana's instance", sc.ID, w.Session, len(w.Members))
	}
	// No request, a request for another scene or a silly number: the
	// lowest running instance with room, where people already are.
	for _, want := range []string{"", "other-scene/2", sc.ID + "/0", sc.ID + "/99999", sc.ID + "/x"} {
		if w := srv.Dial(t).HelloTo(sc.ID, want, "Cy"); w.Session != sc.ID+"/3" {
			t.Errorf("asking for %q landed in %s; want the running %s/3", want, w.Session, sc.ID)
		}
	}
	// Asking for an empty instance starts it.
	if w := srv.Dial(t).HelloTo(sc.ID, sc.ID+"/1", "Di"); w.Session != sc.ID+"/1" || len(w.Members) != 1 {
		t.Fatalf("asking for %s/1 landed in %s with %d members; want it started, alone", sc.ID, w.Session, len(w.Members))
	}
	waitSessions(t, srv, map[string]int{sc.ID + "/1": 1, sc.ID + "/3": 7})
}

// waitSessions waits until the server runs exactly the sessions in want.
func waitSessions(t *testing.T, srv *servertest.Server, want map[string]int) {
	t.Helper()
	var got map[string]int
	for range pollTries {
		got = srv.Web.Sessions().Sessions()
		if equal(got, want) {
			return
		}
		pollPause()
	}
	t.Fatalf("sessions = %v; want %v", got, want)
}

func equal(a, b map[string]int) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}
