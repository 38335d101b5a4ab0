// Package interp shows other people moving smoothly although their poses
// arrive only 20 times a second, unevenly: it keeps a short history of each
// person's poses and draws them Delay in the past, between the two poses
// around that moment.
//
//	var b interp.Buffer
//	b.Add(&snapshot, time.Now())          // for every snapshot frame
//	pose, ok := b.Pose(id, time.Now())     // for every drawn frame
//	b.Remove(id)                           // when someone leaves
//
// Delta snapshots hold only the poses that changed, so a person missing
// from a snapshot stands still; a person whose poses stop arriving holds
// their last pose. The package imports neither Ebiten nor the page.
package interp

import (
	"math"
	"time"

	"yunyou/protocol"
)

// Timing of the interpolation.
const (
	// Delay is how far in the past others are drawn: two snapshot intervals,
	// so one late or lost snapshot still leaves a pose on each side.
	Delay = 100 * time.Millisecond
	// TickInterval is the time between two snapshots of a session.
	TickInterval = time.Second / protocol.TickRate
	// maxSamples bounds each person's history: 1.6 s of poses, far more
	// than Delay needs, so a burst of snapshots cannot grow it.
	maxSamples = 32
	// resync is how far a snapshot's arrival may stray from the time its
	// tick predicts before the clock starts again from the arrival.
	resync = 150 * time.Millisecond
	// maxTickGap is the largest tick step trusted to measure time; beyond
	// it (a quiet session, a server restart) the arrival time is used.
	maxTickGap = 2 * protocol.TickRate
	// follow is the share of the gap between a predicted and an observed
	// arrival taken each snapshot, so the timeline tracks a drifting clock
	// without copying the network's jitter.
	follow = 8
)

type sample struct {
	at   time.Time
	pose protocol.Pose
}

// track is one person's recent poses, oldest first.
type track struct {
	samples []sample
}

// Buffer holds the recent poses of everyone in a session. The zero value is
// ready to use. It is not safe for concurrent use: the game loop owns it.
type Buffer struct {
	tracks map[uint16]*track

	clocked   bool
	lastTick  uint32
	lastStamp time.Time
}

// Add records a snapshot that arrived at the given time.
func (b *Buffer) Add(s *protocol.Snapshot, arrival time.Time) {
	if b.tracks == nil {
		b.tracks = make(map[uint16]*track)
	}
	at := b.stamp(s.Tick, arrival)
	for _, e := range s.Entries {
		t := b.tracks[e.ID]
		if t == nil {
			t = &track{samples: make([]sample, 0, maxSamples)}
			b.tracks[e.ID] = t
		}
		t.add(at, e.Pose)
	}
}

// stamp places a snapshot on the local timeline. Ticks are evenly spaced
// on the server, so consecutive ticks give smoother times than arrivals;
// arrivals keep the timeline honest when ticks jump or the clock drifts.
func (b *Buffer) stamp(tick uint32, arrival time.Time) time.Time {
	at := arrival
	if b.clocked {
		if d := int32(tick - b.lastTick); d > 0 && d <= maxTickGap {
			predicted := b.lastStamp.Add(time.Duration(d) * TickInterval)
			if off := arrival.Sub(predicted); off > -resync && off < resync {
				at = predicted.Add(off / follow)
			}
		}
		// Keep the timeline moving forward whatever the ticks say.
		if !at.After(b.lastStamp) {
			at = b.lastStamp.Add(time.Millisecond)
		}
	}
	b.clocked, b.lastTick, b.lastStamp = true, tick, at
	return at
}

func (t *track) add(at time.Time, p protocol.Pose) {
	if n := len(t.samples); n > 0 {
		last := t.samples[n-1]
		// Someone missing from the snapshots in between stood still: hold
		// the last pose until one interval before this one, instead of
		// gliding slowly across the whole pause.
		if hold := at.Add(-TickInterval); at.Sub(last.at) > TickInterval*3/2 {
			t.push(sample{at: hold, pose: last.pose})
		}
	}
	t.push(sample{at: at, pose: p})
}

func (t *track) push(s sample) {
	if len(t.samples) == maxSamples {
		copy(t.samples, t.samples[1:])
		t.samples = t.samples[:maxSamples-1]
	}
	t.samples = append(t.samples, s)
}

// Remove forgets a person, for instance when they leave.
func (b *Buffer) Remove(id uint16) { delete(b.tracks, id) }

// Reset forgets everyone and the timeline, for instance after a reconnect.
func (b *Buffer) Reset() {
	clear(b.tracks)
	b.clocked = false
}

// Pose returns where to draw a person at the given time, and false if no
// pose of theirs has arrived.
func (b *Buffer) Pose(id uint16, now time.Time) (protocol.Pose, bool) {
	t := b.tracks[id]
	if t == nil || len(t.samples) == 0 {
		return protocol.Pose{}, false
	}
	return t.at(now.Add(-Delay)), true
}

func (t *track) at(when time.Time) protocol.Pose {
	s := t.samples
	// Find the first sample after the render time.
	i := 0
	for i < len(s) && !s[i].at.After(when) {
		i++
	}
	switch {
	case i == 0:
		// Before the first known pose: show where they first appeared.
		return s[0].pose
	case i == len(s):
		// After the last known pose: they stopped, hold it.
		return s[len(s)-1].pose
	}
	a, c := s[i-1], s[i]
	f := float32(when.Sub(a.at)) / float32(c.at.Sub(a.at))
	return Lerp(a.pose, c.pose, f)
}

// Lerp interpolates between two poses: positions and pitch linearly, yaw
// along the shorter way round the circle.
func Lerp(a, b protocol.Pose, f float32) protocol.Pose {
	dyaw := float32(math.Remainder(float64(b.Yaw-a.Yaw), 2*math.Pi))
	yaw := float32(math.Remainder(float64(a.Yaw+dyaw*f), 2*math.Pi))
	return protocol.Pose{
		X:     a.X + (b.X-a.X)*f,
		Y:     a.Y + (b.Y-a.Y)*f,
		Z:     a.Z + (b.Z-a.Z)*f,
		Yaw:   yaw,
		Pitch: a.Pitch + (b.Pitch-a.Pitch)*f,
	}
}
