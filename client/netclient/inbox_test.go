package netclient

import (
	"testing"

	"yunyou/protocol"
)

func snapshotFrame(tick uint32, full bool, entries ...protocol.Entry) []byte {
	return protocol.AppendSnapshot(nil, protocol.Snapshot{Tick: tick, Full: full, Entries: entries})
}

func TestBacklogOfSnapshotsIsMergedKeepingTheLatestPoses(t *testing.T) {
	var in inbox
	// A hidden tab: nothing drains while a chat and many snapshots arrive.
	in.push(1, Event{Kind: Message, Data: []byte(`{"type":"chat"}`)})
	in.push(1, Event{Kind: Message, Binary: true, Data: snapshotFrame(1, true,
		protocol.Entry{ID: 1, Pose: protocol.Pose{X: 1}}, protocol.Entry{ID: 2, Pose: protocol.Pose{X: 2}})})
	for tick := uint32(2); tick < 500; tick++ {
		in.push(1, Event{Kind: Message, Binary: true, Data: snapshotFrame(tick, false,
			protocol.Entry{ID: 2, Pose: protocol.Pose{X: float32(tick) / 10}})})
	}
	in.push(1, Event{Kind: Message, Binary: true, Data: snapshotFrame(500, false,
		protocol.Entry{ID: 3, Pose: protocol.Pose{X: 3}})})

	got := in.drain()
	if len(got) > mergeBacklog+1 {
		t.Fatalf("%d frames waiting, want at most %d after merging", len(got), mergeBacklog+1)
	}
	if string(got[0].ev.Data) != `{"type":"chat"}` {
		t.Errorf("first frame %q, want the chat kept in order", got[0].ev.Data)
	}
	var last protocol.Snapshot
	if err := protocol.DecodeSnapshot(got[len(got)-1].ev.Data, &last); err != nil {
		t.Fatal(err)
	}
	poses := map[uint16]float32{}
	for _, e := range last.Entries {
		poses[e.ID] = e.Pose.X
	}
	if last.Tick != 500 || poses[2] != 49.9 || poses[3] != 3 {
		t.Errorf("merged snapshot tick %d poses %v; want tick 500, person 2 at 49.9, person 3 at 3", last.Tick, poses)
	}
}

func TestOverflowClosesTheConnectionOnce(t *testing.T) {
	var in inbox
	for i := 0; i < maxBacklog+100; i++ {
		in.push(1, Event{Kind: Message, Data: []byte("chat")})
	}
	got := in.drain()
	if len(got) != maxBacklog+1 || got[maxBacklog].ev.Kind != Closed || got[maxBacklog].ev.Err != errBacklog {
		t.Fatalf("%d frames, last %+v; want %d then one close", len(got), got[len(got)-1].ev, maxBacklog)
	}
	in.push(2, Event{Kind: Opened})
	if got := in.drain(); len(got) != 1 {
		t.Errorf("a new connection's events were dropped: %+v", got)
	}
}
