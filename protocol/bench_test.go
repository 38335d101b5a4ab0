package protocol

import "testing"

// BenchmarkEncodeSnapshot64 encodes a full session's snapshot into a reused
// buffer, as a session does once a tick.
func BenchmarkEncodeSnapshot64(b *testing.B) {
	s := Snapshot{Tick: 1, Full: true, Entries: crowd(MaxSessionMembers)}
	buf := make([]byte, 0, SnapshotHeaderSize+MaxSessionMembers*SnapshotEntrySize)
	b.ReportAllocs()
	for b.Loop() {
		buf = AppendSnapshot(buf[:0], s)
	}
	b.ReportMetric(float64(len(buf)), "bytes/snapshot")
}

// BenchmarkDecodeSnapshot64 decodes a full session's snapshot into a reused
// Snapshot, as a client does for every frame it receives.
func BenchmarkDecodeSnapshot64(b *testing.B) {
	frame := AppendSnapshot(nil, Snapshot{Tick: 1, Full: true, Entries: crowd(MaxSessionMembers)})
	var dst Snapshot
	b.ReportAllocs()
	b.SetBytes(int64(len(frame)))
	for b.Loop() {
		if err := DecodeSnapshot(frame, &dst); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(frame)), "bytes/snapshot")
}

// BenchmarkDecodeControlChat decodes a typical chat line, which the server
// does for every chat it relays.
func BenchmarkDecodeControlChat(b *testing.B) {
	frame := []byte(`{"type":"chat","text":"看这只九色鹿，它在西壁中层"}`)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := DecodeControl(frame); err != nil {
			b.Fatal(err)
		}
	}
}
