package session

import (
	"io"
	"log/slog"
	"testing"

	"yunyou/protocol"
)

// recordPeer keeps what the session sends it and refuses snapshots while
// refuse is set, like a connection whose queue is full.
type recordPeer struct {
	frames []Frame
	refuse bool
	closed *protocol.Error
}

func (p *recordPeer) Send(f Frame) bool {
	if p.refuse {
		return false
	}
	p.frames = append(p.frames, f)
	return true
}

func (p *recordPeer) Close(e protocol.Error) { p.closed = &e }

func (p *recordPeer) lastSnapshot(t *testing.T) protocol.Snapshot {
	t.Helper()
	for i := len(p.frames) - 1; i >= 0; i-- {
		if p.frames[i].Binary {
			var s protocol.Snapshot
			if err := protocol.DecodeSnapshot(p.frames[i].Data, &s); err != nil {
				t.Fatal(err)
			}
			return s
		}
	}
	t.Fatal("no snapshot sent")
	return protocol.Snapshot{}
}

func testSession(t *testing.T, n int) (*Session, []*Member, []*recordPeer) {
	s := newSession("test/1", "test", protocol.Pose{Y: 1.6}, slog.New(slog.NewTextHandler(io.Discard, nil)))
	var hs []*Member
	var ps []*recordPeer
	for range n {
		p := &recordPeer{}
		h := &Member{session: s, peer: p, name: "v", poses: make(chan protocol.Pose, 1)}
		s.join(h)
		hs, ps = append(hs, h), append(ps, p)
	}
	s.snapshot()
	return s, hs, ps
}

func TestMissedSnapshotIsMadeGoodWithAFullOne(t *testing.T) {
	s, hs, ps := testSession(t, 3)
	ps[2].refuse = true
	hs[0].Pose(protocol.Pose{X: 1, Y: 1.6})
	s.snapshot()
	ps[2].refuse = false
	hs[1].Pose(protocol.Pose{X: 2, Y: 1.6})
	s.snapshot()

	if got := ps[0].lastSnapshot(t); got.Full || len(got.Entries) != 1 || got.Entries[0].Pose.X != 2 {
		t.Errorf("a member who kept up got %+v; want a delta with the one move", got)
	}
	got := ps[2].lastSnapshot(t)
	if !got.Full || len(got.Entries) != 3 || got.Entries[0].Pose.X != 1 {
		t.Errorf("the member who missed a snapshot got %+v; want a full one with both moves", got)
	}
}

func TestMemberRefusingSnapshotsIsDisconnected(t *testing.T) {
	s, hs, ps := testSession(t, 2)
	ps[1].refuse = true
	for i := range maxSnapshotDrops {
		hs[0].Pose(protocol.Pose{X: float32(i+1) * 0.01, Y: 1.6})
		s.snapshot()
		s.announceKicks()
		if i < maxSnapshotDrops-1 && ps[1].closed != nil {
			t.Fatalf("disconnected after %d refused snapshots; want %d", i+1, maxSnapshotDrops)
		}
	}
	if ps[1].closed == nil || ps[1].closed.Code != protocol.CodeTooSlow {
		t.Fatalf("after %d refused snapshots the member was not disconnected as too slow (%v)", maxSnapshotDrops, ps[1].closed)
	}
	if len(s.members) != 1 {
		t.Errorf("%d members remain; want 1", len(s.members))
	}
	last := ps[0].frames[len(ps[0].frames)-1]
	if last.Binary || string(last.Data) != `{"type":"leave","seq":3,"id":2}` {
		t.Errorf("the other member's last frame is %s; want the leave of member 2", last.Data)
	}
}

func TestMemberRefusingAnEventIsDisconnected(t *testing.T) {
	s, hs, ps := testSession(t, 3)
	ps[1].refuse = true
	s.chat(hs[0], "hello")
	s.announceKicks()
	if ps[1].closed == nil {
		t.Fatal("a member who could not take a chat line stayed")
	}
	var types []string
	for _, f := range ps[2].frames[len(ps[2].frames)-2:] {
		types = append(types, string(f.Data))
	}
	want := []string{`{"type":"chat","seq":4,"id":1,"name":"v","text":"hello"}`, `{"type":"leave","seq":5,"id":2}`}
	if types[0] != want[0] || types[1] != want[1] {
		t.Errorf("the others got %q; want the line then the leave %q", types, want)
	}
}
