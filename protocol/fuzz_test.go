package protocol

import (
	"encoding/json"
	"errors"
	"math"
	"reflect"
	"strings"
	"testing"
)

// The fuzz targets feed each decoder arbitrary bytes, as a hostile client
// or a corrupted link would. A decoder must return an error, never panic,
// and whatever it accepts must encode back to what it decoded. Run one with
//
//	go test -fuzz=FuzzDecodePose ./protocol

func FuzzDecodePose(f *testing.F) {
	for _, p := range []Pose{
		{},
		{X: 1.5, Y: 1.6, Z: -2, Yaw: math.Pi / 2, Pitch: -0.3},
		{X: MaxCoord, Y: -MaxCoord, Z: MaxCoord, Yaw: -math.Pi, Pitch: math.Pi / 2},
	} {
		f.Add(AppendPose(nil, p))
	}
	f.Add([]byte{})
	f.Add([]byte{KindPose})
	f.Add([]byte{KindSnapshot, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0})
	f.Add([]byte{KindPose, 0x7f, 0xff, 0x80, 0x00, 0, 0, 0xff, 0xff, 0x80, 0x00})
	f.Fuzz(func(t *testing.T, frame []byte) {
		p, err := DecodePose(frame)
		if err != nil {
			if p != (Pose{}) {
				t.Errorf("DecodePose returned %+v with error %v", p, err)
			}
			return
		}
		if again := AppendPose(nil, p); string(again) != string(frame) {
			t.Errorf("DecodePose(% x) = %+v, which encodes as % x", frame, p, again)
		}
		if q := Quantize(p); q != p {
			t.Errorf("a decoded pose %+v is not its own quantisation %+v", p, q)
		}
		// Check may refuse a decoded pose (the wire reaches 327.67 m,
		// Check stops at MaxCoord), but only for range, never for NaN.
		for _, v := range []float32{p.X, p.Y, p.Z, p.Yaw, p.Pitch} {
			if math.IsNaN(float64(v)) || math.IsInf(float64(v), 0) {
				t.Errorf("decoded pose %+v has a value that is not finite", p)
			}
		}
	})
}

func FuzzDecodeSnapshot(f *testing.F) {
	f.Add(AppendSnapshot(nil, Snapshot{Tick: 1}))
	f.Add(AppendSnapshot(nil, Snapshot{Tick: 2, Full: true, Entries: crowd(1)}))
	f.Add(AppendSnapshot(nil, Snapshot{Tick: math.MaxUint32, Entries: crowd(3)}))
	f.Add(AppendSnapshot(nil, Snapshot{Full: true, Entries: crowd(MaxSessionMembers)}))
	f.Add([]byte{})
	f.Add([]byte{KindSnapshot, 0xff, 0, 0, 0, 0, 0xff, 0xff})
	f.Add([]byte{KindPose, 0, 0, 0, 0, 0, 0, 0})
	f.Fuzz(func(t *testing.T, frame []byte) {
		// Start from a used snapshot, as a client does, to check that an
		// error leaves it alone and a success replaces all of it.
		before := Snapshot{Tick: 99, Full: true, Entries: crowd(2)}
		dst := before
		dst.Entries = append(make([]Entry, 0, 8), before.Entries...)
		err := DecodeSnapshot(frame, &dst)
		if err != nil {
			if !reflect.DeepEqual(dst, before) {
				t.Errorf("DecodeSnapshot failed (%v) but changed dst to %+v", err, dst)
			}
			return
		}
		if again := AppendSnapshot(nil, dst); string(again) != string(frame) {
			t.Errorf("DecodeSnapshot(% x) = %+v, which encodes as % x", frame, dst, again)
		}
	})
}

func FuzzDecodeControl(f *testing.F) {
	for _, s := range []string{
		`{"type":"hello","version":2,"scene":"mogao-257","name":"Ana"}`,
		`{"type":"hello","version":2,"scene":"mogao-257","name":"张三"}`,
		`{"type":"chat","text":"看这只鹿"}`,
		`{"type":"chat","text":"a\u00e9\n\"b\"\ud83e\udd8c"}`,
		`{"type":"chat","text":"\xff\xfe"}`,
		`{"type":"HELLO","TYPE":"chat","Text":"x"}`,
		`{"type":"welcome","id":1}`,
		`{"type":7}`,
		`{"type":null}`,
		`{}`,
		`null`,
		`[]`,
		`"chat"`,
		``,
		`{"type":"hello","version":1e400}`,
		`{"type":"chat","text":"` + strings.Repeat("<", MaxChatRunes) + `"}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		msg, err := DecodeControl(data)
		if err != nil {
			var pe Error
			if !errors.As(err, &pe) {
				t.Fatalf("DecodeControl(%q) = %v (%T), want a protocol.Error", data, err, err)
			}
			if pe.Type != TypeError || pe.Code == "" || pe.Message == "" {
				t.Errorf("DecodeControl(%q) = %+v, want type, code and message set", data, pe)
			}
			if msg != nil {
				t.Errorf("DecodeControl(%q) returned %#v with its error", data, msg)
			}
			return
		}
		switch m := msg.(type) {
		case *Hello:
			if m.Type != TypeHello {
				t.Errorf("hello decoded with type %q", m.Type)
			}
		case *Chat:
			if m.Type != TypeChat {
				t.Errorf("chat decoded with type %q", m.Type)
			}
		default:
			t.Fatalf("DecodeControl(%q) = %T, want *Hello or *Chat", data, msg)
		}
		// Re-encoding what was accepted must decode to the same message.
		b, err := json.Marshal(msg)
		if err != nil {
			t.Fatalf("decoded %#v does not marshal: %v", msg, err)
		}
		if len(b) > MaxClientMessageBytes {
			// Go escapes <, > and & as six bytes, so a frame near the
			// limit may grow past it; that is the encoder's choice.
			return
		}
		again, err := DecodeControl(b)
		if err != nil {
			t.Fatalf("DecodeControl(%q) = %#v, which re-encodes as %s and then fails: %v", data, msg, b, err)
		}
		if !reflect.DeepEqual(again, msg) {
			t.Errorf("DecodeControl(%q) = %#v, but its re-encoding %s decodes as %#v", data, msg, b, again)
		}
	})
}
