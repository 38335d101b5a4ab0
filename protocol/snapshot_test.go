package protocol

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"reflect"
	"testing"
)

// crowd returns n members standing in a ring, each at a pose that survives
// quantisation unchanged, so decoded snapshots compare equal to it.
func crowd(n int) []Entry {
	entries := make([]Entry, n)
	for i := range entries {
		a := 2 * math.Pi * float64(i) / float64(max(n, 1))
		entries[i] = Entry{
			ID: uint16(i*7 + 1),
			Pose: Quantize(Pose{
				X:     float32(3 * math.Cos(a)),
				Y:     1.6,
				Z:     float32(-4 + 3*math.Sin(a)),
				Yaw:   float32(a),
				Pitch: float32(0.3 * math.Sin(a)),
			}),
		}
	}
	return entries
}

func TestSnapshotRoundTrip(t *testing.T) {
	tests := []struct {
		name string
		in   Snapshot
	}{
		{"empty delta", Snapshot{Tick: 1}},
		{"empty full", Snapshot{Tick: 2, Full: true}},
		{"one mover", Snapshot{Tick: 3, Entries: crowd(1)}},
		{"full session", Snapshot{Tick: 4, Full: true, Entries: crowd(MaxSessionMembers)}},
		{"delta of a full session", Snapshot{Tick: 5, Entries: crowd(MaxSessionMembers)}},
		{"last tick before wrap", Snapshot{Tick: math.MaxUint32, Full: true, Entries: crowd(2)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			frame := AppendSnapshot(nil, tt.in)
			if want := SnapshotHeaderSize + len(tt.in.Entries)*SnapshotEntrySize; len(frame) != want {
				t.Fatalf("AppendSnapshot wrote %d bytes for %d entries, want %d", len(frame), len(tt.in.Entries), want)
			}
			var got Snapshot
			if err := DecodeSnapshot(frame, &got); err != nil {
				t.Fatalf("DecodeSnapshot(AppendSnapshot(...)) = %v", err)
			}
			if got.Tick != tt.in.Tick || got.Full != tt.in.Full {
				t.Errorf("decoded tick %d full %v, want tick %d full %v", got.Tick, got.Full, tt.in.Tick, tt.in.Full)
			}
			if len(got.Entries) != len(tt.in.Entries) {
				t.Fatalf("decoded %d entries, want %d", len(got.Entries), len(tt.in.Entries))
			}
			for i := range got.Entries {
				if got.Entries[i] != tt.in.Entries[i] {
					t.Errorf("entry %d = %+v, want %+v", i, got.Entries[i], tt.in.Entries[i])
				}
			}
		})
	}
}

// TestSnapshotHeaderAndEntries checks that a session encoding straight from
// its state writes the same bytes as AppendSnapshot.
func TestSnapshotHeaderAndEntries(t *testing.T) {
	s := Snapshot{Tick: 77, Full: true, Entries: crowd(5)}
	b := AppendSnapshotHeader(nil, s.Tick, s.Full, len(s.Entries))
	for _, e := range s.Entries {
		b = AppendSnapshotEntry(b, e.ID, e.Pose)
	}
	if want := AppendSnapshot(nil, s); string(b) != string(want) {
		t.Errorf("header+entries wrote % x\nAppendSnapshot wrote % x", b, want)
	}
	if b[0] != KindSnapshot || b[1] != FlagFull {
		t.Errorf("frame starts % x, want kind %d and flag %#x", b[:2], KindSnapshot, FlagFull)
	}
}

func TestDecodeSnapshotReusesStorage(t *testing.T) {
	dst := Snapshot{Entries: make([]Entry, 0, MaxSessionMembers)}
	first := &dst.Entries[:1][0]
	for i, n := range []int{MaxSessionMembers, 3, 0, 10} {
		frame := AppendSnapshot(nil, Snapshot{Tick: uint32(i), Entries: crowd(n)})
		if err := DecodeSnapshot(frame, &dst); err != nil {
			t.Fatalf("decode %d: %v", i, err)
		}
		if len(dst.Entries) != n {
			t.Fatalf("decode %d: %d entries, want %d", i, len(dst.Entries), n)
		}
		if cap(dst.Entries) != MaxSessionMembers || &dst.Entries[:1][0] != first {
			t.Fatalf("decode %d of %d entries allocated new storage; it must reuse dst.Entries", i, n)
		}
	}
	full := AppendSnapshot(nil, Snapshot{Full: true, Entries: crowd(MaxSessionMembers)})
	allocs := testing.AllocsPerRun(100, func() {
		if err := DecodeSnapshot(full, &dst); err != nil {
			t.Fatal(err)
		}
	})
	if allocs != 0 {
		t.Errorf("decoding %d entries into a large-enough dst allocates %.0f times a snapshot, want 0", MaxSessionMembers, allocs)
	}
}

func TestDecodeSnapshotErrors(t *testing.T) {
	good := AppendSnapshot(nil, Snapshot{Tick: 9, Full: true, Entries: crowd(2)})
	edit := func(f func(b []byte) []byte) []byte { return f(append([]byte{}, good...)) }
	tests := []struct {
		name  string
		frame []byte
		want  error
	}{
		{"empty", nil, ErrShort},
		{"header cut", good[:SnapshotHeaderSize-1], ErrShort},
		{"pose kind", edit(func(b []byte) []byte { b[0] = KindPose; return b }), ErrKind},
		{"unknown flag", edit(func(b []byte) []byte { b[1] |= 0x80; return b }), ErrBadValue},
		{"entry cut", good[:len(good)-1], ErrLength},
		{"extra byte", append(append([]byte{}, good...), 0), ErrLength},
		{"count too high", edit(func(b []byte) []byte { binary.BigEndian.PutUint16(b[6:], 3); return b }), ErrLength},
		{"count too low", edit(func(b []byte) []byte { binary.BigEndian.PutUint16(b[6:], 1); return b }), ErrLength},
		{"count 65535 with no entries", edit(func(b []byte) []byte {
			binary.BigEndian.PutUint16(b[6:], math.MaxUint16)
			return b[:SnapshotHeaderSize]
		}), ErrLength},
		{"pitch below -π/2", edit(func(b []byte) []byte {
			binary.BigEndian.PutUint16(b[SnapshotHeaderSize+SnapshotEntrySize+10:], 0x8000)
			return b
		}), ErrBadValue},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := Snapshot{Tick: 1234, Entries: crowd(3)}
			dst := before
			dst.Entries = append([]Entry(nil), before.Entries...)
			err := DecodeSnapshot(tt.frame, &dst)
			if !errors.Is(err, tt.want) {
				t.Fatalf("DecodeSnapshot(% x) = %v, want an error wrapping %v", tt.frame, err, tt.want)
			}
			if !reflect.DeepEqual(dst, before) {
				t.Errorf("a failed decode changed dst to %+v; a client would draw half a snapshot", dst)
			}
		})
	}
}

// ExampleAppendSnapshot shows a session's tick: one encode of the poses that
// changed, which it then writes to every member.
func ExampleAppendSnapshot() {
	moved := []Entry{
		{ID: 3, Pose: Pose{X: 1.5, Y: 1.6, Z: -2, Yaw: math.Pi / 2}},
		{ID: 4, Pose: Pose{X: -0.5, Y: 1.6, Z: -3}},
	}
	frame := AppendSnapshot(nil, Snapshot{Tick: 42, Entries: moved})
	fmt.Println(len(frame), "bytes")

	var got Snapshot
	if err := DecodeSnapshot(frame, &got); err != nil {
		fmt.Println(err)
		return
	}
	for _, e := range got.Entries {
		fmt.Printf("member %d at (%.2f, %.2f, %.2f) yaw %.3f\n", e.ID, e.Pose.X, e.Pose.Y, e.Pose.Z, e.Pose.Yaw)
	}
	// Output:
	// 32 bytes
	// member 3 at (1.50, 1.60, -2.00) yaw 1.571
	// member 4 at (-0.50, 1.60, -3.00) yaw 0.000
}
