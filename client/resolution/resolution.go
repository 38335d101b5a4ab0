// Package resolution chooses the resolution the world is drawn at from
// how long frames really take, so a slow device (a phone filling a large
// screen) keeps a fluid frame rate by drawing fewer pixels, and a fast one
// keeps full sharpness.
//
//	var c resolution.Controller
//	// at the start of every frame:
//	scale := c.Frame(time.Now())         // 1, 0.85, 0.7, 0.55 or 0.4
//	w, h := resolution.Size(screenW, screenH, scale)
//
// The controller measures the wall time between frames (what the visitor
// sees, whatever the cause: CPU, GPU or fill rate), smooths it, and steps
// the scale down when frames stay slower than SlowInterval for DownAfter,
// and up when they stay faster than FastInterval for a while. Between the
// two thresholds it holds still; a step up that proves too slow makes the
// next attempt wait four times longer, so it does not oscillate between
// two steps.
package resolution

import (
	"fmt"
	"math"
	"strconv"
	"time"
)

// Steps are the scales the controller chooses from, full resolution first.
// Each step draws about 70 % of the pixels of the one above, a change a
// visitor hardly sees but a fill-rate-bound GPU feels.
var Steps = [...]float64{1, 0.85, 0.7, 0.55, 0.4}

// MinScale is the smallest scale: below it text-like detail in the murals
// turns to mush.
const MinScale = 0.4

const (
	// SlowInterval: frames slower than this (45 a second) look sluggish.
	SlowInterval = time.Second / 45
	// FastInterval: frames faster than this (58 a second) mean a 60 Hz
	// display is kept up with; there is room to draw more pixels.
	FastInterval = time.Second / 58
	// Warmup is ignored after the first frame: loading, compiling shaders
	// and uploading textures make the first frames slow on any device.
	Warmup = 3 * time.Second
	// MaxGap is the longest interval counted as a frame. A longer one is a
	// hidden tab (browsers stop drawing it), a paused page or a debugger,
	// not slow drawing; a very slow device still draws a few frames a
	// second and is measured.
	MaxGap = time.Second
	// DownAfter is how long frames must stay slow before the scale steps
	// down: longer than a burst of garbage collection or a texture upload.
	DownAfter = time.Second
	// UpAfter is how long frames must stay fast before the scale first
	// steps up again.
	UpAfter = 3 * time.Second
	// MaxUpWait bounds the wait before stepping up after failed attempts:
	// a device whose load changed (the visitor left a crowded hall) gets
	// its sharpness back within a few minutes, and a device that cannot
	// keep up shows at most one slow second every few minutes.
	MaxUpWait = 5 * time.Minute
	// upBackoff multiplies the wait before the next step up when a step
	// up had to be undone.
	upBackoff = 4
	// failedUpWithin: a step down this soon after a step up undoes it.
	failedUpWithin = 10 * time.Second
	// settle is ignored after every change of scale: the first frames at
	// a new size allocate a new buffer and the smoothing must forget the
	// old size's frames.
	settle = 500 * time.Millisecond
	// smoothing is the weight of each new frame interval in the running
	// average: about the last eight frames count.
	smoothing = 1.0 / 8
)

// Controller picks the scale to draw at. The zero value starts at full
// resolution. It is not safe for concurrent use.
type Controller struct {
	level     int       // index in Steps
	started   bool      // a frame was seen
	last      time.Time // previous frame
	ignoreTil time.Time // frames before this are not measured
	avg       float64   // smoothed interval in seconds; 0 = none yet
	slowSince time.Time // start of the current slow run, zero if none
	fastSince time.Time // start of the current fast run, zero if none
	upWait    time.Duration
	lastUp    time.Time // when the scale last stepped up
	changes   int
	pinned    float64 // a fixed scale set by Pin, 0 if none
}

// Pin fixes the scale at s (kept within MinScale..1) whatever the frame
// times: for screenshots that must be pixel-exact, or a kiosk whose
// screen is known.
func (c *Controller) Pin(s float64) { c.pinned = min(max(s, MinScale), 1) }

// ParseScale reads the page address's scale parameter: "" or "auto"
// leaves the scale to the controller (pinned is false); a number from
// MinScale to 1 pins it.
func ParseScale(v string) (scale float64, pinned bool, err error) {
	if v == "" || v == "auto" {
		return 0, false, nil
	}
	s, err := strconv.ParseFloat(v, 64)
	if err != nil || !(s >= MinScale && s <= 1) {
		return 0, false, fmt.Errorf("scale %q is not \"auto\" or a number from %g to 1", v, float64(MinScale))
	}
	return s, true, nil
}

// Frame records that a frame starts at now and returns the scale to draw
// it at.
func (c *Controller) Frame(now time.Time) float64 {
	if c.pinned > 0 {
		return c.pinned
	}
	if !c.started {
		c.started = true
		c.last = now
		c.ignoreTil = now.Add(Warmup)
		c.upWait = UpAfter
		return c.Scale()
	}
	dt := now.Sub(c.last)
	c.last = now
	switch {
	case dt <= 0:
		return c.Scale()
	case dt > MaxGap:
		// Not a frame but an absence: start measuring afresh.
		c.forget()
		return c.Scale()
	case now.Before(c.ignoreTil):
		return c.Scale()
	}
	if c.avg == 0 {
		c.avg = dt.Seconds()
	} else {
		c.avg += (dt.Seconds() - c.avg) * smoothing
	}
	avg := time.Duration(c.avg * float64(time.Second))

	if avg > SlowInterval {
		c.fastSince = time.Time{}
		if c.slowSince.IsZero() {
			c.slowSince = now
		}
		if now.Sub(c.slowSince) >= DownAfter && c.level < len(Steps)-1 {
			if !c.lastUp.IsZero() && now.Sub(c.lastUp) < failedUpWithin {
				c.upWait = min(c.upWait*upBackoff, MaxUpWait)
			}
			c.change(now, c.level+1)
		}
	} else {
		c.slowSince = time.Time{}
		if avg < FastInterval {
			if c.fastSince.IsZero() {
				c.fastSince = now
			}
			if now.Sub(c.fastSince) >= c.upWait && c.level > 0 {
				c.lastUp = now
				c.change(now, c.level-1)
			}
		} else {
			c.fastSince = time.Time{}
		}
	}
	return c.Scale()
}

// change moves to another step and restarts the measurement.
func (c *Controller) change(now time.Time, level int) {
	c.level = level
	c.changes++
	c.forget()
	c.ignoreTil = now.Add(settle)
}

// forget drops the running measurement.
func (c *Controller) forget() {
	c.avg = 0
	c.slowSince, c.fastSince = time.Time{}, time.Time{}
}

// Scale returns the current scale: one of Steps, or the pinned one.
func (c *Controller) Scale() float64 {
	if c.pinned > 0 {
		return c.pinned
	}
	return Steps[c.level]
}

// Interval returns the smoothed frame interval, 0 while not measuring.
func (c *Controller) Interval() time.Duration {
	return time.Duration(c.avg * float64(time.Second))
}

// Changes returns how many times the scale has changed.
func (c *Controller) Changes() int { return c.changes }

// Size returns the size in pixels to draw a w×h picture at the given
// scale: each side scaled and rounded, at least one pixel, and exactly
// w×h at scale 1 or above.
func Size(w, h int, scale float64) (int, int) {
	if scale >= 1 {
		return w, h
	}
	sw := max(1, int(math.Round(float64(w)*scale)))
	sh := max(1, int(math.Round(float64(h)*scale)))
	return min(sw, w), min(sh, h)
}
