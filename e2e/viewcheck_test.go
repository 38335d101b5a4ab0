package e2e

// Checks of screenshots against the expected view of the test room, and
// the visitor helpers the render tests use.

import (
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// Pixel classification thresholds.
const (
	// minBrightness is the r+g+b sum below which a pixel is too dark to
	// have a recognisable colour. The background where nothing is drawn
	// (the fog colour, 26 per channel) is darker; the darkest lit surface
	// (green at ambient light only, 0.7×200) is brighter.
	minBrightness = 100
	// sameHue is the least cosine between two colours, as RGB vectors,
	// for them to count as one colour lit differently.
	sameHue = 0.99
	// greyness is the largest spread between a pixel's channels for it to
	// count as grey or white (the grid wall).
	greyness = 25
	// edgeMargin keeps comparisons this many pixels away from where the
	// expected surface changes, where rounding decides.
	edgeMargin = 3
	// sampleStep samples every third pixel in each direction: plenty to
	// see any mistake a person would notice, and quick.
	sampleStep = 3
)

// hue reports whether c is want's colour at some brightness.
func hue(c color.Color, want color.RGBA) bool {
	r, g, b := rgb(c)
	return r+g+b >= minBrightness && cosine(r, g, b, float64(want.R), float64(want.G), float64(want.B)) >= sameHue
}

// surfaceColours are the texture colours of the flat surfaces; the grid
// wall has none.
var surfaceColours = map[int]color.RGBA{
	surfFloor: floorBrown, surfCeiling: ceilingBlue, surfPillar: pillarMagenta,
	surfNorth: wallGreen, surfEast: wallGreen, surfWest: wallGreen,
}

// looks names what a pixel shows, the way a person would say it.
func looks(c color.Color) string {
	for _, k := range []struct {
		name string
		c    color.RGBA
	}{{"green (wall)", wallGreen}, {"magenta (pillar)", pillarMagenta}, {"blue (ceiling)", ceilingBlue}, {"brown (floor)", floorBrown}} {
		if hue(c, k.c) {
			return k.name
		}
	}
	r, g, b := rgb(c)
	switch {
	case r+g+b < minBrightness:
		return "dark (background: nothing drawn)"
	case max(r, g, b)-min(r, g, b) < greyness:
		return "grey or white (grid wall)"
	}
	return fmt.Sprintf("another colour (%.0f,%.0f,%.0f)", r, g, b)
}

// tally counts, per expected surface, what the screenshot shows at
// sampled pixels away from edges.
type tally map[int]map[string]int

func compareView(img image.Image, view [][]int) tally {
	t := tally{}
	for y := edgeMargin; y < viewH-edgeMargin; y += sampleStep {
		for x := edgeMargin; x < viewW-edgeMargin; x += sampleStep {
			if !interior(view, x, y, edgeMargin) {
				continue
			}
			s := view[y][x]
			if t[s] == nil {
				t[s] = map[string]int{}
			}
			t[s][looks(img.At(x, y))]++
		}
	}
	return t
}

// total is the number of pixels sampled where surface s is expected.
func (t tally) total(s int) int {
	n := 0
	for _, c := range t[s] {
		n += c
	}
	return n
}

// share is the part of surface s's pixels that look like what.
func (t tally) share(s int, what string) float64 {
	if n := t.total(s); n > 0 {
		return float64(t[s][what]) / float64(n)
	}
	return 0
}

// describe lists what surface s's pixels show, most common first.
func (t tally) describe(s int) string {
	n := t.total(s)
	whats := make([]string, 0, len(t[s]))
	for what := range t[s] {
		whats = append(whats, what)
	}
	sort.Slice(whats, func(i, j int) bool { return t[s][whats[i]] > t[s][whats[j]] })
	parts := make([]string, len(whats))
	for i, what := range whats {
		parts[i] = fmt.Sprintf("%.1f%% %s", 100*float64(t[s][what])/float64(n), what)
	}
	return strings.Join(parts, ", ")
}

// saveExpected writes the ray-cast view beside the screenshots, each
// surface in its texture colour (the grid wall grey), for a person
// comparing the two.
func saveExpected(t *testing.T, name string, view [][]int) {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, viewW, viewH))
	for y := range viewH {
		for x := range viewW {
			c, ok := surfaceColours[view[y][x]]
			if !ok {
				c = color.RGBA{160, 160, 160, 255}
			}
			img.SetRGBA(x, y, c)
		}
	}
	path := filepath.Join(artifactDir(t), name+"-expected.png")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, img); err != nil {
		t.Fatal(err)
	}
}

// minShare is the least part of a surface's pixels, away from edges, that
// must show its colour: a wrongly ordered or missing polygon takes far
// more, a stray rounded pixel far less.
const minShare = 0.99

// labelShown reports whether the page shows a name label reading name.
func (v *visitor) labelShown(name string) bool {
	v.t.Helper()
	shown, err := chromedp.Run(v.ctx, chromedp.Evaluate[bool](fmt.Sprintf(`[...document.querySelectorAll(".avatar-name")]
		.filter(e => e.textContent.trim() === %q)
		.some(e => { const s = getComputedStyle(e), r = e.getBoundingClientRect();
			return s.display !== "none" && s.visibility !== "hidden" && r.width > 0 && r.height > 0 &&
				r.right > 0 && r.bottom > 0 && r.left < innerWidth && r.top < innerHeight; })`, name)))
	if err != nil {
		v.t.Fatalf("reading the name labels: %v", err)
	}
	return shown
}

// peerAt waits until the visitor's page draws the named peer at p and
// returns the peer's colour.
func (v *visitor) peerAt(name string, p pose) color.RGBA {
	v.t.Helper()
	v.waitFor(fmt.Sprintf("%s is drawn at (%.1f, %.1f)", name, p.X, p.Z), fmt.Sprintf(
		`JSON.parse(window.yunyou.state()).peers.some(p => p.name === %q && Math.hypot(p.pose.x - %f, p.pose.z - %f) < 0.05)`,
		name, p.X, p.Z))
	for _, pr := range v.state().Peers {
		// A visitor who reloaded may linger a moment under their old id.
		if pr.Name == name && math.Hypot(pr.Pose.X-p.X, pr.Pose.Z-p.Z) < 0.05 {
			c, ok := parseHex(pr.Color)
			if !ok {
				v.t.Fatalf("%s's colour %q is not #rrggbb", name, pr.Color)
			}
			return c
		}
	}
	v.t.Fatalf("%s left", name)
	return color.RGBA{}
}

// goTo loads url in the visitor's tab, as a reload with a new address.
func (v *visitor) goTo(url string) {
	v.t.Helper()
	if err := chromedp.Do(v.ctx, chromedp.Navigate(url)); err != nil {
		v.t.Fatalf("opening %s: %v", url, err)
	}
	v.waitFor("the client draws the scene and is connected again",
		`(() => { const s = window.yunyou && JSON.parse(window.yunyou.state()); return !!s && s.frames > 10 && s.connected && s.session !== ""; })()`)
}

// countHue counts the pixels of c's colour inside rect whose four
// neighbours have it too: a figure's pixels, not the thin blend of two
// other colours along an edge (green and blue mix to cyan).
func countHue(img image.Image, rect image.Rectangle, c color.RGBA) int {
	n := 0
	rect = rect.Intersect(img.Bounds().Inset(1))
	for y := rect.Min.Y; y < rect.Max.Y; y++ {
		for x := rect.Min.X; x < rect.Max.X; x++ {
			if hue(img.At(x, y), c) && hue(img.At(x-1, y), c) && hue(img.At(x+1, y), c) &&
				hue(img.At(x, y-1), c) && hue(img.At(x, y+1), c) {
				n++
			}
		}
	}
	return n
}

// pillarPixels counts the pixels of c's colour where the expected view
// has the pillar.
func pillarPixels(img image.Image, view [][]int, c color.RGBA) int {
	n := 0
	for y := range viewH {
		for x := range viewW {
			if view[y][x] == surfPillar && hue(img.At(x, y), c) {
				n++
			}
		}
	}
	return n
}

// line is y = a + b·x fitted through points by least squares.
type line struct{ a, b float64 }

func fitLine(xs, ys []float64) (l line, maxResidual float64) {
	var sx, sy, sxx, sxy float64
	n := float64(len(xs))
	for i := range xs {
		sx += xs[i]
		sy += ys[i]
		sxx += xs[i] * xs[i]
		sxy += xs[i] * ys[i]
	}
	l.b = (n*sxy - sx*sy) / (n*sxx - sx*sx)
	l.a = (sy - l.b*sx) / n
	for i := range xs {
		maxResidual = math.Max(maxResidual, math.Abs(ys[i]-l.at(xs[i])))
	}
	return l, maxResidual
}

func (l line) at(x float64) float64 { return l.a + l.b*x }

// darkRuns returns the darkness-weighted middles of the dark runs in a
// row of luminances (at the given columns): the grid lines crossing it. A
// run cut off by the end of the row is left out: its middle is unknown.
func darkRuns(row []float64, cols []int) []float64 {
	const reach = 40 // pixels either side for the local white level
	var out []float64
	var sum, wsum float64
	start := 0
	flush := func(end int) {
		if wsum > 0 && start > 0 && end < len(row) {
			out = append(out, sum/wsum)
		}
		sum, wsum = 0, 0
	}
	for i := range row {
		if i > 0 && cols[i] != cols[i-1]+1 {
			flush(i)
		}
		white := 0.0
		for j := max(0, i-reach); j < min(len(row), i+reach+1); j++ {
			white = math.Max(white, row[j])
		}
		if d := white - row[i]; d > 0.3*white {
			if wsum == 0 {
				start = i
			}
			sum += d * float64(cols[i])
			wsum += d
			continue
		}
		flush(i)
	}
	flush(len(row))
	return out
}

func nearest(xs []float64, x float64) float64 {
	best := math.Inf(1)
	for _, v := range xs {
		best = math.Min(best, math.Abs(v-x))
	}
	return best
}

func fmtList(xs []float64) string {
	s := "["
	for i, x := range xs {
		if i > 0 {
			s += " "
		}
		s += fmt.Sprintf("%.1f", x)
	}
	return s + "]"
}
