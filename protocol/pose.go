package protocol

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
)

// Binary frame kinds: the first byte of every binary frame.
const (
	KindPose     byte = 1 // client → server: the sender's pose
	KindSnapshot byte = 2 // server → client: members' poses
)

// Snapshot flags.
const (
	// FlagFull marks a snapshot that holds every member's pose, not only the
	// ones that changed: the first one a newcomer gets, and the one a client
	// gets after it missed a snapshot.
	FlagFull byte = 1 << 0
)

// Quantisation. Positions are centimetres in an int16 (±327 m covers the
// largest hall with its terrace); yaw is a full turn in a uint16; pitch is
// ±π/2 in an int16.
const (
	posScale   = 100
	yawScale   = 65536 / (2 * math.Pi)
	pitchScale = 32767 / (math.Pi / 2)

	// MaxCoord is the largest coordinate, in metres, that a pose can carry.
	MaxCoord = math.MaxInt16 / posScale

	// PoseSize is the length of an encoded pose frame.
	PoseSize = 1 + quantSize
	// SnapshotHeaderSize is the length of a snapshot before its entries.
	SnapshotHeaderSize = 1 + 1 + 4 + 2
	// SnapshotEntrySize is the length of one member's entry in a snapshot.
	SnapshotEntrySize = 2 + quantSize

	quantSize = 2 + 2 + 2 + 2 + 2
)

// Pose is where a person stands and looks. Y is up; the eye is at Y. Yaw is
// the turn about Y in radians (0 looks toward -Z, π/2 toward -X); Pitch is
// the look up (+) or down (-) in radians, within ±π/2.
type Pose struct {
	X, Y, Z    float32
	Yaw, Pitch float32
}

// Entry is one member's pose in a snapshot.
type Entry struct {
	ID   uint16
	Pose Pose
}

// Snapshot is one tick's worth of poses.
type Snapshot struct {
	Tick    uint32
	Full    bool
	Entries []Entry
}

// Errors returned by the binary decoders.
var (
	ErrShort    = errors.New("frame too short")
	ErrKind     = errors.New("unknown binary frame kind")
	ErrLength   = errors.New("frame length does not match its contents")
	ErrBadValue = errors.New("value out of range")
)

// Check reports whether the pose can be encoded: finite numbers, coordinates
// within ±MaxCoord metres and pitch within ±π/2.
func (p Pose) Check() error {
	for _, v := range [...]float32{p.X, p.Y, p.Z, p.Yaw, p.Pitch} {
		if math.IsNaN(float64(v)) || math.IsInf(float64(v), 0) {
			return fmt.Errorf("%w: pose has a value that is not a finite number", ErrBadValue)
		}
	}
	for _, v := range [...]float32{p.X, p.Y, p.Z} {
		if v < -MaxCoord || v > MaxCoord {
			return fmt.Errorf("%w: coordinate %.2f m is beyond ±%d m", ErrBadValue, v, MaxCoord)
		}
	}
	if p.Pitch < -math.Pi/2-1e-3 || p.Pitch > math.Pi/2+1e-3 {
		return fmt.Errorf("%w: pitch %.3f rad is beyond ±π/2", ErrBadValue, p.Pitch)
	}
	return nil
}

// AppendPose appends a client's pose frame to b. The pose must pass Check.
func AppendPose(b []byte, p Pose) []byte {
	b = append(b, KindPose)
	return appendQuant(b, p)
}

// DecodePose decodes a client's pose frame.
func DecodePose(b []byte) (Pose, error) {
	if len(b) < 1 {
		return Pose{}, ErrShort
	}
	if b[0] != KindPose {
		return Pose{}, fmt.Errorf("%w %d; a client sends only poses (kind %d) as binary", ErrKind, b[0], KindPose)
	}
	if len(b) != PoseSize {
		return Pose{}, fmt.Errorf("%w: pose frame is %d bytes, want %d", ErrLength, len(b), PoseSize)
	}
	if err := checkQuant(b[1:]); err != nil {
		return Pose{}, err
	}
	return readQuant(b[1:]), nil
}

// AppendSnapshot appends a snapshot frame to b.
func AppendSnapshot(b []byte, s Snapshot) []byte {
	b = AppendSnapshotHeader(b, s.Tick, s.Full, len(s.Entries))
	for _, e := range s.Entries {
		b = AppendSnapshotEntry(b, e.ID, e.Pose)
	}
	return b
}

// AppendSnapshotHeader starts a snapshot of n entries; follow it with n
// calls of AppendSnapshotEntry. Together they let a session encode straight
// from its own state without building a Snapshot.
func AppendSnapshotHeader(b []byte, tick uint32, full bool, n int) []byte {
	var flags byte
	if full {
		flags |= FlagFull
	}
	b = append(b, KindSnapshot, flags)
	b = binary.BigEndian.AppendUint32(b, tick)
	return binary.BigEndian.AppendUint16(b, uint16(n))
}

// AppendSnapshotEntry appends one member's entry to a snapshot.
func AppendSnapshotEntry(b []byte, id uint16, p Pose) []byte {
	b = binary.BigEndian.AppendUint16(b, id)
	return appendQuant(b, p)
}

// DecodeSnapshot decodes a snapshot frame. It reuses dst.Entries' storage.
func DecodeSnapshot(b []byte, dst *Snapshot) error {
	if len(b) < SnapshotHeaderSize {
		return fmt.Errorf("%w: snapshot of %d bytes is shorter than its %d-byte header", ErrShort, len(b), SnapshotHeaderSize)
	}
	if b[0] != KindSnapshot {
		return fmt.Errorf("%w %d, want a snapshot (kind %d)", ErrKind, b[0], KindSnapshot)
	}
	if b[1]&^FlagFull != 0 {
		return fmt.Errorf("%w: unknown snapshot flags %#x", ErrBadValue, b[1])
	}
	n := int(binary.BigEndian.Uint16(b[6:8]))
	if want := SnapshotHeaderSize + n*SnapshotEntrySize; len(b) != want {
		return fmt.Errorf("%w: snapshot of %d entries is %d bytes, want %d", ErrLength, n, len(b), want)
	}
	for p := b[SnapshotHeaderSize:]; len(p) > 0; p = p[SnapshotEntrySize:] {
		if err := checkQuant(p[2:]); err != nil {
			return fmt.Errorf("snapshot entry for member %d: %w", binary.BigEndian.Uint16(p), err)
		}
	}
	dst.Full = b[1]&FlagFull != 0
	dst.Tick = binary.BigEndian.Uint32(b[2:6])
	dst.Entries = dst.Entries[:0]
	for p := b[SnapshotHeaderSize:]; len(p) > 0; p = p[SnapshotEntrySize:] {
		dst.Entries = append(dst.Entries, Entry{ID: binary.BigEndian.Uint16(p), Pose: readQuant(p[2:])})
	}
	return nil
}

// Quantize returns the pose as it will arrive after encoding: compare
// quantised poses to decide whether a pose changed enough to send.
func Quantize(p Pose) Pose {
	var buf [quantSize]byte
	return readQuant(appendQuant(buf[:0], p))
}

func appendQuant(b []byte, p Pose) []byte {
	b = binary.BigEndian.AppendUint16(b, uint16(quantPos(p.X)))
	b = binary.BigEndian.AppendUint16(b, uint16(quantPos(p.Y)))
	b = binary.BigEndian.AppendUint16(b, uint16(quantPos(p.Z)))
	yaw := math.Mod(float64(p.Yaw), 2*math.Pi)
	if yaw < 0 {
		yaw += 2 * math.Pi
	}
	b = binary.BigEndian.AppendUint16(b, uint16(int(math.Round(yaw*yawScale))&0xffff))
	pitch := math.Max(-math.Pi/2, math.Min(math.Pi/2, float64(p.Pitch)))
	return binary.BigEndian.AppendUint16(b, uint16(int16(math.Round(pitch*pitchScale))))
}

// minPitch is the lowest quantised pitch an encoder writes: -π/2 maps to
// -32767, so -32768 would decode to a pitch below -π/2 that encodes back to
// other bytes. Decoders refuse it to keep every accepted frame canonical.
const minPitch = -math.MaxInt16

// checkQuant reports whether a quantised pose could have come from
// appendQuant. Every position and yaw value can; one pitch value cannot.
func checkQuant(b []byte) error {
	if q := int16(binary.BigEndian.Uint16(b[8:])); q < minPitch {
		return fmt.Errorf("%w: quantised pitch %d is below -π/2 (%d)", ErrBadValue, q, minPitch)
	}
	return nil
}

func readQuant(b []byte) Pose {
	yaw := float64(binary.BigEndian.Uint16(b[6:])) / yawScale
	if yaw > math.Pi {
		yaw -= 2 * math.Pi
	}
	return Pose{
		X:     float32(int16(binary.BigEndian.Uint16(b[0:]))) / posScale,
		Y:     float32(int16(binary.BigEndian.Uint16(b[2:]))) / posScale,
		Z:     float32(int16(binary.BigEndian.Uint16(b[4:]))) / posScale,
		Yaw:   float32(yaw),
		Pitch: float32(float64(int16(binary.BigEndian.Uint16(b[8:]))) / pitchScale),
	}
}

func quantPos(v float32) int16 {
	q := math.Round(float64(v) * posScale)
	return int16(math.Max(math.MinInt16, math.Min(math.MaxInt16, q)))
}
