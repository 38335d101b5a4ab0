package presence

import (
	"encoding/json"
	"image/color"
	"testing"
	"time"

	"yunyou/client/interp"
	"yunyou/protocol"
)

var now = time.Date(2025, 5, 1, 10, 0, 0, 0, time.UTC)

func text(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func snapshot(full bool, entries ...protocol.Entry) []byte {
	return protocol.AppendSnapshot(nil, protocol.Snapshot{Tick: 7, Full: full, Entries: entries})
}

func welcomed(t *testing.T) *Presence {
	t.Helper()
	var p Presence
	ev, err := p.HandleText(text(t, protocol.Welcome{
		Type: protocol.TypeWelcome, Version: protocol.Version, ID: 3, Session: "mogao-257/1", Scene: "mogao-257",
		Members: []protocol.Member{{ID: 3, Name: "Ana", Color: "#40c4ff"}, {ID: 1, Name: "Bo", Color: "#e040fb"}},
	}))
	if err != nil || ev.Type != protocol.TypeWelcome || ev.Member.Name != "Ana" {
		t.Fatalf("welcome: event %+v, err %v; want a welcome naming Ana", ev, err)
	}
	return &p
}

func TestWelcomeThenSnapshotShowsEveryoneElse(t *testing.T) {
	p := welcomed(t)
	if !p.Joined() || p.Self() != 3 || p.Session() != "mogao-257/1" || p.Scene() != "mogao-257" || p.Count() != 2 {
		t.Fatalf("after welcome: joined %v self %d session %q scene %q count %d",
			p.Joined(), p.Self(), p.Session(), p.Scene(), p.Count())
	}
	if peers := p.Peers(now, nil); len(peers) != 0 {
		t.Errorf("peers before any snapshot: %+v; nobody has a pose yet", peers)
	}
	bo := protocol.Pose{X: 1, Y: 1.6, Z: -2, Yaw: 0.5}
	if err := p.HandleBinary(snapshot(true,
		protocol.Entry{ID: 1, Pose: bo},
		protocol.Entry{ID: 3, Pose: protocol.Pose{X: 9, Y: 1.6}}), now); err != nil {
		t.Fatal(err)
	}
	peers := p.Peers(now.Add(interp.Delay), nil)
	if len(peers) != 1 {
		t.Fatalf("peers = %+v, want only Bo (the client itself is not a peer)", peers)
	}
	got := peers[0]
	if got.Name != "Bo" || got.ID != 1 || got.RGBA != (color.RGBA{0xe0, 0x40, 0xfb, 0xff}) {
		t.Errorf("peer = %+v, want Bo #e040fb", got)
	}
	if q := protocol.Quantize(bo); got.Pose != q {
		t.Errorf("Bo's pose = %+v, want %+v", got.Pose, q)
	}
}

func TestJoinLeaveAndChat(t *testing.T) {
	p := welcomed(t)
	ev, err := p.HandleText(text(t, protocol.Join{Type: protocol.TypeJoin, Member: protocol.Member{ID: 9, Name: "李明", Color: "#ffab40"}}))
	if err != nil || ev.Type != protocol.TypeJoin || ev.Member.Name != "李明" || p.Count() != 3 {
		t.Fatalf("join: %+v %v count %d", ev, err, p.Count())
	}
	if err := p.HandleBinary(snapshot(false, protocol.Entry{ID: 9, Pose: protocol.Pose{Y: 1.6}}), now); err != nil {
		t.Fatal(err)
	}
	if peers := p.Peers(now, nil); len(peers) != 1 || peers[0].Name != "李明" {
		t.Fatalf("peers after join + snapshot = %+v", peers)
	}

	ev, _ = p.HandleText(text(t, protocol.Chat{Type: protocol.TypeChat, Seq: 5, ID: 9, Name: "李明", Text: "看这只鹿"}))
	if ev.Type != protocol.TypeChat || ev.Text != "看这只鹿" || ev.Member.Name != "李明" || ev.Member.Color != "#ffab40" {
		t.Errorf("chat event = %+v, want 李明's line with their colour", ev)
	}

	ev, _ = p.HandleText(text(t, protocol.Leave{Type: protocol.TypeLeave, ID: 9}))
	if ev.Type != protocol.TypeLeave || ev.Member.Name != "李明" {
		t.Errorf("leave event = %+v, want it to name who left", ev)
	}
	if peers := p.Peers(now, nil); len(peers) != 0 || p.Count() != 2 {
		t.Errorf("after leave: peers %+v, count %d", peers, p.Count())
	}
	// A chat from someone who already left still shows their name.
	ev, _ = p.HandleText(text(t, protocol.Chat{Type: protocol.TypeChat, ID: 9, Name: "李明", Text: "再见"}))
	if ev.Member.Name != "李明" {
		t.Errorf("chat from a leaver: %+v", ev)
	}
}

func TestErrorsAndOddFrames(t *testing.T) {
	p := welcomed(t)
	ev, err := p.HandleText(text(t, protocol.NewError(protocol.CodeBadName, "the name is empty")))
	if err != nil || ev.Type != protocol.TypeError || ev.Err.Code != protocol.CodeBadName || ev.Err.Message != "the name is empty" {
		t.Errorf("error event = %+v, %v", ev, err)
	}
	if ev, err := p.HandleText([]byte(`{"type":"hotspot","id":"deer"}`)); err != nil || ev.Type != "" {
		t.Errorf("unknown type: %+v %v; want it ignored", ev, err)
	}
	if _, err := p.HandleText([]byte(`not json`)); err == nil {
		t.Error("no error for a text frame that is not JSON")
	}
	if err := p.HandleBinary([]byte{protocol.KindSnapshot, 0, 0}, now); err == nil {
		t.Error("no error for a truncated snapshot")
	}
}

func TestResetForgetsTheSession(t *testing.T) {
	p := welcomed(t)
	_ = p.HandleBinary(snapshot(true, protocol.Entry{ID: 1, Pose: protocol.Pose{}}), now)
	p.Reset()
	if p.Joined() || p.Count() != 0 || len(p.Peers(now, nil)) != 0 || p.Self() != 0 {
		t.Errorf("after Reset: joined %v count %d peers %d self %d", p.Joined(), p.Count(), len(p.Peers(now, nil)), p.Self())
	}
}

func TestParseColor(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want color.RGBA
	}{
		{"#e040fb", color.RGBA{0xe0, 0x40, 0xfb, 0xff}},
		{"#000000", color.RGBA{0, 0, 0, 0xff}},
		{"red", fallbackColor},
		{"#12345", fallbackColor},
		{"#zzzzzz", fallbackColor},
	} {
		if got := ParseColor(tt.in); got != tt.want {
			t.Errorf("ParseColor(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

// A full session, every member moving: what the game asks each frame.
func fullSession(t testing.TB) *Presence {
	var p Presence
	w := protocol.Welcome{Type: protocol.TypeWelcome, ID: 1, Session: "mogao-257/1", Scene: "mogao-257"}
	for id := uint16(1); id <= protocol.MaxSessionMembers; id++ {
		w.Members = append(w.Members, protocol.Member{ID: id, Name: "Visitor", Color: "#40c4ff"})
	}
	data, _ := json.Marshal(w)
	if _, err := p.HandleText(data); err != nil {
		t.Fatal(err)
	}
	for tick := uint32(1); tick <= 10; tick++ {
		s := protocol.Snapshot{Tick: tick}
		for id := uint16(1); id <= protocol.MaxSessionMembers; id++ {
			s.Entries = append(s.Entries, protocol.Entry{ID: id, Pose: protocol.Pose{X: float32(tick) / 10, Y: 1.6}})
		}
		if err := p.HandleBinary(protocol.AppendSnapshot(nil, s), now.Add(time.Duration(tick)*interp.TickInterval)); err != nil {
			t.Fatal(err)
		}
	}
	return &p
}

func TestPeersEveryFrameDoesNotAllocate(t *testing.T) {
	p := fullSession(t)
	buf := make([]Peer, 0, protocol.MaxSessionMembers)
	allocs := testing.AllocsPerRun(100, func() {
		buf = p.Peers(now.Add(400*time.Millisecond), buf[:0])
	})
	if len(buf) != protocol.MaxSessionMembers-1 {
		t.Fatalf("%d peers, want %d", len(buf), protocol.MaxSessionMembers-1)
	}
	if allocs != 0 {
		t.Errorf("Peers allocates %.0f times a frame; the draw loop must not allocate", allocs)
	}
}

func BenchmarkPeersFullSession(b *testing.B) {
	p := fullSession(b)
	buf := make([]Peer, 0, protocol.MaxSessionMembers)
	b.ReportAllocs()
	for b.Loop() {
		buf = p.Peers(now.Add(400*time.Millisecond), buf[:0])
	}
}
