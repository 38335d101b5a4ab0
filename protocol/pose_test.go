package protocol

import (
	"encoding/binary"
	"errors"
	"math"
	"testing"
)

// Quantisation bounds a person could notice: an avatar half a centimetre
// off, or turned by one step of the yaw and pitch scales.
const (
	posTolerance   = 0.005 + 1e-4 // half a centimetre, plus float32 rounding
	yawStep        = 2 * math.Pi / 65536
	pitchStep      = (math.Pi / 2) / 32767
	angleRoundSlop = 1e-6 // float32 rounding of an angle near ±π
)

// angleDiff returns the smallest difference between two angles, so that a
// yaw of 3.14 and one of -3.14 count as close.
func angleDiff(a, b float64) float64 {
	d := math.Mod(a-b, 2*math.Pi)
	if d > math.Pi {
		d -= 2 * math.Pi
	}
	if d < -math.Pi {
		d += 2 * math.Pi
	}
	return math.Abs(d)
}

func TestPoseRoundTrip(t *testing.T) {
	tests := []struct {
		name string
		in   Pose
	}{
		{"origin", Pose{}},
		{"spawn in a cave", Pose{X: 1.234, Y: 1.6, Z: -5.678, Yaw: 0.5, Pitch: -0.2}},
		{"half centimetre rounds", Pose{X: 0.005, Y: -0.005, Z: 0.0149}},
		{"far corner", Pose{X: MaxCoord, Y: -MaxCoord, Z: MaxCoord, Yaw: 1, Pitch: 1}},
		{"looking straight up", Pose{Y: 1.6, Pitch: math.Pi / 2}},
		{"looking straight down", Pose{Y: 1.6, Pitch: -math.Pi / 2}},
		{"yaw just below π", Pose{Yaw: math.Pi - 1e-4}},
		{"yaw just above -π", Pose{Yaw: -math.Pi + 1e-4}},
		{"yaw of several turns", Pose{Yaw: 7*math.Pi + 0.3}},
		{"negative turns", Pose{Yaw: -5*math.Pi - 0.3}},
		{"yaw almost a full turn", Pose{Yaw: 2*math.Pi - 1e-6}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := tt.in.Check(); err != nil {
				t.Fatalf("Check(%+v) = %v, want nil", tt.in, err)
			}
			frame := AppendPose(nil, tt.in)
			if len(frame) != PoseSize {
				t.Fatalf("AppendPose wrote %d bytes, want %d", len(frame), PoseSize)
			}
			got, err := DecodePose(frame)
			if err != nil {
				t.Fatalf("DecodePose(AppendPose(%+v)) = %v", tt.in, err)
			}
			for _, c := range []struct {
				axis    string
				in, out float32
			}{{"x", tt.in.X, got.X}, {"y", tt.in.Y, got.Y}, {"z", tt.in.Z, got.Z}} {
				if d := math.Abs(float64(c.in - c.out)); d > posTolerance {
					t.Errorf("%s = %v after the round trip, want %v (off by %.4f m, over half a centimetre)", c.axis, c.out, c.in, d)
				}
			}
			if d := angleDiff(float64(tt.in.Yaw), float64(got.Yaw)); d > yawStep+angleRoundSlop {
				t.Errorf("yaw = %v after the round trip, want %v (off by %g rad, over one step of %g)", got.Yaw, tt.in.Yaw, d, yawStep)
			}
			if got.Yaw <= -math.Pi-angleRoundSlop || got.Yaw > math.Pi+angleRoundSlop {
				t.Errorf("decoded yaw %v is outside (-π, π]", got.Yaw)
			}
			if d := math.Abs(float64(tt.in.Pitch - got.Pitch)); d > pitchStep+angleRoundSlop {
				t.Errorf("pitch = %v after the round trip, want %v (off by %g rad)", got.Pitch, tt.in.Pitch, d)
			}
			if q := Quantize(tt.in); q != got {
				t.Errorf("Quantize(%+v) = %+v, want what the wire delivers, %+v", tt.in, q, got)
			}
			if again := Quantize(got); again != got {
				t.Errorf("Quantize is not stable: Quantize(%+v) = %+v", got, again)
			}
		})
	}
}

// TestQuantisedValuesAreCanonical checks every value of every field: what a
// decoder accepts, the encoder writes back byte for byte. Without this, two
// clients could disagree on whether a pose changed.
func TestQuantisedValuesAreCanonical(t *testing.T) {
	fields := []string{"x", "y", "z", "yaw", "pitch"}
	for f, name := range fields {
		for q := 0; q < 1<<16; q++ {
			frame := make([]byte, PoseSize)
			frame[0] = KindPose
			binary.BigEndian.PutUint16(frame[1+2*f:], uint16(q))
			p, err := DecodePose(frame)
			if name == "pitch" && int16(q) == math.MinInt16 {
				if !errors.Is(err, ErrBadValue) {
					t.Errorf("pitch %d: DecodePose = %v, want ErrBadValue: no encoder writes it", int16(q), err)
				}
				continue
			}
			if err != nil {
				t.Fatalf("%s %d: DecodePose = %v", name, q, err)
			}
			if again := AppendPose(nil, p); string(again) != string(frame) {
				t.Fatalf("%s %d: decoded %+v, which encodes as % x, not % x", name, q, p, again, frame)
			}
		}
	}
}

func TestPoseCheck(t *testing.T) {
	nan := float32(math.NaN())
	inf := float32(math.Inf(1))
	tests := []struct {
		name string
		p    Pose
		ok   bool
	}{
		{"origin", Pose{}, true},
		{"edge of the range", Pose{X: MaxCoord, Y: -MaxCoord, Z: MaxCoord}, true},
		{"pitch at π/2", Pose{Pitch: math.Pi / 2}, true},
		{"pitch at -π/2", Pose{Pitch: -math.Pi / 2}, true},
		{"any finite yaw wraps", Pose{Yaw: 1000}, true},
		{"NaN x", Pose{X: nan}, false},
		{"NaN yaw", Pose{Yaw: nan}, false},
		{"NaN pitch", Pose{Pitch: nan}, false},
		{"+Inf z", Pose{Z: inf}, false},
		{"-Inf y", Pose{Y: -inf}, false},
		{"Inf yaw", Pose{Yaw: inf}, false},
		{"x beyond range", Pose{X: MaxCoord + 0.5}, false},
		{"z beyond negative range", Pose{Z: -MaxCoord - 0.5}, false},
		{"huge y", Pose{Y: 1e30}, false},
		{"pitch over π/2", Pose{Pitch: math.Pi/2 + 0.01}, false},
		{"pitch under -π/2", Pose{Pitch: -math.Pi/2 - 0.01}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.p.Check()
			if tt.ok {
				if err != nil {
					t.Errorf("Check(%+v) = %v, want nil", tt.p, err)
				}
				return
			}
			if !errors.Is(err, ErrBadValue) {
				t.Fatalf("Check(%+v) = %v, want an error wrapping ErrBadValue", tt.p, err)
			}
		})
	}
}

func TestDecodePoseErrors(t *testing.T) {
	good := AppendPose(nil, Pose{X: 1, Y: 1.6, Z: 2})
	tests := []struct {
		name  string
		frame []byte
		want  error
	}{
		{"empty", nil, ErrShort},
		{"snapshot kind", append([]byte{KindSnapshot}, good[1:]...), ErrKind},
		{"unknown kind", append([]byte{0}, good[1:]...), ErrKind},
		{"one byte short", good[:PoseSize-1], ErrLength},
		{"kind only", good[:1], ErrLength},
		{"one byte long", append(append([]byte{}, good...), 0), ErrLength},
		{"pitch below -π/2", func() []byte {
			b := append([]byte{}, good...)
			binary.BigEndian.PutUint16(b[9:], 0x8000)
			return b
		}(), ErrBadValue},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := DecodePose(tt.frame)
			if !errors.Is(err, tt.want) {
				t.Fatalf("DecodePose(% x) = %+v, %v; want an error wrapping %v", tt.frame, p, err, tt.want)
			}
			if p != (Pose{}) {
				t.Errorf("DecodePose returned pose %+v with its error, want the zero pose", p)
			}
		})
	}
}
