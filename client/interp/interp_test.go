package interp

import (
	"math"
	"testing"
	"time"

	"yunyou/protocol"
)

var t0 = time.Date(2025, 5, 1, 10, 0, 0, 0, time.UTC)

func snap(tick uint32, entries ...protocol.Entry) *protocol.Snapshot {
	return &protocol.Snapshot{Tick: tick, Entries: entries}
}

func at(id uint16, x, z, yaw float32) protocol.Entry {
	return protocol.Entry{ID: id, Pose: protocol.Pose{X: x, Y: 1.6, Z: z, Yaw: yaw}}
}

// tickTime is when tick n arrives when snapshots come exactly on time.
func tickTime(n int) time.Time { return t0.Add(time.Duration(n) * TickInterval) }

func near(a, b, tol float32) bool { return math.Abs(float64(a-b)) <= float64(tol) }

func TestDrawsOthersBetweenTheSnapshotsAroundDelayAgo(t *testing.T) {
	var b Buffer
	// Walking +X at 2 m/s: 0.1 m a tick.
	for n := 0; n <= 10; n++ {
		b.Add(snap(uint32(n), at(4, float32(n)/10, 0, 0)), tickTime(n))
	}
	tests := []struct {
		name  string
		now   time.Time
		wantX float32
	}{
		{"exactly on a snapshot", tickTime(8), 0.6},                      // drawn 100 ms = 2 ticks behind
		{"halfway between two", tickTime(8).Add(TickInterval / 2), 0.65}, // interpolated
		{"a fifth of the way", tickTime(5).Add(TickInterval / 5), 0.32},
		{"before the first pose", tickTime(0), 0},
		{"long after the last pose", tickTime(100), 1.0}, // holds
	}
	for _, tt := range tests {
		p, ok := b.Pose(4, tt.now)
		if !ok {
			t.Fatalf("%s: no pose for a person with snapshots", tt.name)
		}
		if !near(p.X, tt.wantX, 1e-4) {
			t.Errorf("%s: x = %.4f, want %.4f", tt.name, p.X, tt.wantX)
		}
	}
}

func TestYawTurnsTheShortWayRound(t *testing.T) {
	var b Buffer
	// From just left of behind (+170°) to just right of behind (-170°): the
	// short way is 20° through 180°, not 340° through 0°.
	deg := float32(math.Pi / 180)
	b.Add(snap(1, at(2, 0, 0, 170*deg)), tickTime(1))
	b.Add(snap(2, at(2, 0, 0, -170*deg)), tickTime(2))
	p, _ := b.Pose(2, tickTime(2).Add(Delay-TickInterval/2))
	if d := math.Abs(math.Remainder(float64(p.Yaw-math.Pi), 2*math.Pi)); d > 0.01 {
		t.Errorf("halfway yaw = %.1f°, want 180° (the short way)", p.Yaw/deg)
	}
	q := Lerp(protocol.Pose{Yaw: -170 * deg}, protocol.Pose{Yaw: 170 * deg}, 0.25)
	if !near(q.Yaw/deg, -175, 0.01) {
		t.Errorf("a quarter of the way from -170° to 170° = %.2f°, want -175°", q.Yaw/deg)
	}
}

func TestSomeoneWhoPausesStandsStillInsteadOfGliding(t *testing.T) {
	var b Buffer
	b.Add(snap(1, at(5, 0, 0, 0), at(6, 0, 0, 0)), tickTime(1))
	// Person 6 keeps walking; person 5 is absent from the deltas (standing
	// still) for two seconds, then takes one step to x = 1.
	for n := 2; n <= 40; n++ {
		b.Add(snap(uint32(n), at(6, float32(n), 0, 0)), tickTime(n))
	}
	b.Add(snap(41, at(5, 1, 0, 0), at(6, 41, 0, 0)), tickTime(41))

	// Just before the step shows, person 5 must still be at the start, not
	// nearly at x = 1 from crawling across the pause.
	p, _ := b.Pose(5, tickTime(40).Add(Delay-time.Millisecond))
	if p.X != 0 {
		t.Errorf("during the pause x = %.3f, want 0 (standing still)", p.X)
	}
	p, _ = b.Pose(5, tickTime(41).Add(Delay))
	if p.X != 1 {
		t.Errorf("after the step x = %.3f, want 1", p.X)
	}
}

func TestLeaveAndReset(t *testing.T) {
	var b Buffer
	if _, ok := b.Pose(1, t0); ok {
		t.Error("pose for someone never seen")
	}
	b.Add(snap(1, at(1, 1, 1, 0), at(2, 2, 2, 0)), t0)
	b.Remove(1)
	if _, ok := b.Pose(1, t0); ok {
		t.Error("pose for someone who left")
	}
	if _, ok := b.Pose(2, t0); !ok {
		t.Error("removing one person removed another")
	}
	b.Reset()
	if _, ok := b.Pose(2, t0); ok {
		t.Error("pose after Reset")
	}
}

func TestJitteryArrivalsStillGiveSteadyMotion(t *testing.T) {
	var b Buffer
	// 1 m/s along -Z; arrivals late by 0–40 ms in a fixed, uneven pattern.
	jitter := []time.Duration{0, 35, 5, 40, 10, 0, 25, 15, 38, 2}
	for n := 0; n < 100; n++ {
		arr := tickTime(n).Add(jitter[n%len(jitter)] * time.Millisecond)
		b.Add(snap(uint32(n), at(3, 0, -float32(n)/20, 0)), arr)
	}
	// Sample every 10 ms over the middle: the drawn person never steps
	// backwards and never moves faster than twice their real speed.
	prev, _ := b.Pose(3, tickTime(30))
	for now := tickTime(30); now.Before(tickTime(90)); now = now.Add(10 * time.Millisecond) {
		p, _ := b.Pose(3, now)
		step := prev.Z - p.Z
		if step < -1e-5 {
			t.Fatalf("at %v the person stepped backwards by %.4f m", now.Sub(t0), -step)
		}
		if step > 0.02+1e-4 {
			t.Fatalf("at %v the person jumped %.4f m in 10 ms (real speed: 0.01 m)", now.Sub(t0), step)
		}
		prev = p
	}
}

func TestTickJumpsFallBackToArrivalTime(t *testing.T) {
	var b Buffer
	b.Add(snap(1, at(1, 0, 0, 0)), tickTime(1))
	// The session was quiet for a minute: the next tick number may have
	// moved a lot or not at all. Either way the new pose appears Delay
	// after it arrived, not a minute early or late.
	for _, next := range []uint32{2, 1201, 1} {
		var c Buffer
		c.Add(snap(1, at(1, 0, 0, 0)), tickTime(1))
		arrival := tickTime(1).Add(time.Minute)
		c.Add(snap(next, at(1, 5, 0, 0)), arrival)
		if p, _ := c.Pose(1, arrival.Add(Delay-TickInterval-time.Millisecond)); p.X != 0 {
			t.Errorf("next tick %d: x = %.2f before the new pose is due, want 0", next, p.X)
		}
		if p, _ := c.Pose(1, arrival.Add(Delay)); p.X != 5 {
			t.Errorf("next tick %d: x = %.2f when the new pose is due, want 5", next, p.X)
		}
	}
}

func TestHistoryStaysBounded(t *testing.T) {
	var b Buffer
	for n := 0; n < 10*maxSamples; n++ {
		b.Add(snap(uint32(n), at(1, float32(n), 0, 0)), tickTime(n))
	}
	if got := len(b.tracks[1].samples); got > maxSamples {
		t.Errorf("kept %d samples, want at most %d", got, maxSamples)
	}
	last := 10*maxSamples - 1
	if p, _ := b.Pose(1, tickTime(last).Add(Delay)); p.X != float32(last) {
		t.Errorf("latest pose x = %.0f, want %d", p.X, last)
	}
}
