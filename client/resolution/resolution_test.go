package resolution

import (
	"math"
	"testing"
	"time"
)

// device simulates a machine: the wall time of a frame at a given scale.
type device func(scale float64) time.Duration

// fixed is a device whose frames take d whatever the scale.
func fixed(d time.Duration) device { return func(float64) time.Duration { return d } }

// fillBound is a device whose frame time grows with the pixels drawn:
// full at scale 1, on a 60 Hz display (never faster than 1/60 s).
func fillBound(full time.Duration) device {
	return func(s float64) time.Duration {
		return max(time.Second/60, time.Duration(float64(full)*s*s))
	}
}

// sim feeds a controller frames from a device.
type sim struct {
	c   Controller
	now time.Time
	// scales records the scale chosen at every frame.
	scales []float64
}

func newSim() *sim { return &sim{now: time.Unix(1000, 0)} }

// run draws frames on d for the given wall time and returns the last
// scale.
func (s *sim) run(d device, for_ time.Duration) float64 {
	end := s.now.Add(for_)
	scale := s.c.Frame(s.now)
	for s.now.Before(end) {
		s.now = s.now.Add(d(scale))
		scale = s.c.Frame(s.now)
		s.scales = append(s.scales, scale)
	}
	return scale
}

func TestScalePicked(t *testing.T) {
	tests := []struct {
		name string
		dev  device
		for_ time.Duration
		want float64
	}{
		{"a fast device keeps full resolution", fixed(time.Second / 60), time.Minute, 1},
		{"a 120 Hz device keeps full resolution", fixed(time.Second / 120), time.Minute, 1},
		{"between the thresholds nothing changes", fixed(time.Second / 50), time.Minute, 1},
		{"a slow device steps down to the floor", fixed(time.Second / 20), time.Minute, MinScale},
		{"so does a dreadfully slow one", fixed(time.Second / 3), time.Minute, MinScale},
		{"a fill-bound phone settles where it keeps up", fillBound(40 * time.Millisecond), time.Minute, 0.7},
		{"a slower phone settles lower", fillBound(60 * time.Millisecond), time.Minute, 0.55},
		{"a slightly slow device steps down once", fillBound(25 * time.Millisecond), time.Minute, 0.85},
	}
	for _, tt := range tests {
		s := newSim()
		if got := s.run(tt.dev, tt.for_); got != tt.want {
			t.Errorf("%s: scale %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestFirstSecondsAreIgnored(t *testing.T) {
	s := newSim()
	// Loading: slow frames for most of the warm-up, then fast ones.
	s.run(fixed(100*time.Millisecond), Warmup-200*time.Millisecond)
	if got := s.run(fixed(time.Second/60), 10*time.Second); got != 1 {
		t.Errorf("slow frames while loading lowered the scale to %v", got)
	}
}

func TestSlowSpikesAndHiddenTabsAreIgnored(t *testing.T) {
	s := newSim()
	s.run(fixed(time.Second/60), 5*time.Second)
	for i := 0; i < 20; i++ {
		// A garbage-collection pause of 150 ms now and then.
		s.run(fixed(150*time.Millisecond), time.Millisecond)
		s.run(fixed(time.Second/60), 2*time.Second)
		// The tab is hidden for half a minute.
		s.now = s.now.Add(30 * time.Second)
		s.run(fixed(time.Second/60), time.Second)
	}
	if s.c.Changes() != 0 {
		t.Errorf("spikes and gaps changed the scale %d times; now %v", s.c.Changes(), s.c.Scale())
	}
}

func TestStepsBackUpWhenFramesAreFast(t *testing.T) {
	s := newSim()
	if got := s.run(fixed(time.Second/25), 20*time.Second); got != MinScale {
		t.Fatalf("slow phase: scale %v, want %v", got, MinScale)
	}
	// The heavy moment passes (the visitor left a crowded hall).
	if got := s.run(fixed(time.Second/60), time.Minute); got != 1 {
		t.Errorf("after a minute of fast frames: scale %v, want 1", got)
	}
}

// TestDoesNotOscillate runs a device that is too slow at one step and
// comfortably fast at the next: the controller must not keep switching.
func TestDoesNotOscillate(t *testing.T) {
	s := newSim()
	dev := func(scale float64) time.Duration {
		if scale >= 1 {
			return 26 * time.Millisecond
		}
		return time.Second / 60
	}
	s.run(dev, 10*time.Minute)
	if got := s.c.Changes(); got > 12 {
		t.Errorf("the scale changed %d times in 10 minutes", got)
	}
	slow := 0
	for _, sc := range s.scales {
		if sc >= 1 {
			slow++
		}
	}
	if share := float64(slow) / float64(len(s.scales)); share > 0.05 {
		t.Errorf("%.0f%% of frames were drawn at the too slow scale", 100*share)
	}
	if got := s.c.Scale(); got != 0.85 {
		t.Errorf("settled at %v, want 0.85", got)
	}
}

func TestSize(t *testing.T) {
	tests := []struct {
		w, h   int
		scale  float64
		ww, wh int
	}{
		{1280, 720, 1, 1280, 720},
		{1280, 720, 1.5, 1280, 720},
		{1280, 720, 0.85, 1088, 612},
		{1280, 720, 0.4, 512, 288},
		{2, 1, 0.4, 1, 1},
		{1170, 2532, 0.55, 644, 1393},
	}
	for _, tt := range tests {
		w, h := Size(tt.w, tt.h, tt.scale)
		if w != tt.ww || h != tt.wh {
			t.Errorf("Size(%d, %d, %v) = %d×%d, want %d×%d", tt.w, tt.h, tt.scale, w, h, tt.ww, tt.wh)
		}
		// Rounding each side keeps the shape within half a pixel.
		if tt.w > 100 {
			got, want := float64(w)/float64(h), float64(tt.w)/float64(tt.h)
			if math.Abs(got-want) > 1/float64(h) {
				t.Errorf("Size(%d, %d, %v): aspect %v, want %v", tt.w, tt.h, tt.scale, got, want)
			}
		}
	}
}

func TestPinnedScaleIgnoresFrameTimes(t *testing.T) {
	s := newSim()
	s.c.Pin(1)
	if got := s.run(fixed(time.Second/10), time.Minute); got != 1 {
		t.Errorf("pinned at 1, slow frames moved it to %v", got)
	}
	s.c.Pin(0.1)
	if got := s.c.Scale(); got != MinScale {
		t.Errorf("Pin(0.1) gives %v, want the floor %v", got, MinScale)
	}
}

func TestParseScale(t *testing.T) {
	tests := []struct {
		in     string
		scale  float64
		pinned bool
		err    bool
	}{
		{"", 0, false, false},
		{"auto", 0, false, false},
		{"1", 1, true, false},
		{"0.7", 0.7, true, false},
		{"0.1", 0, false, true},
		{"2", 0, false, true},
		{"sharp", 0, false, true},
	}
	for _, tt := range tests {
		scale, pinned, err := ParseScale(tt.in)
		if scale != tt.scale || pinned != tt.pinned || (err != nil) != tt.err {
			t.Errorf("ParseScale(%q) = %v, %v, %v", tt.in, scale, pinned, err)
		}
	}
}
