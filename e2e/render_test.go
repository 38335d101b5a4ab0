package e2e

// The render tests open the test room (testscene_test.go) in headless
// Chromium with the real client and server, photograph the view and
// compare it with what plain geometry says a person must see there: the
// same view ray-cast by the test (saved beside each screenshot as
// NAME-expected.png).

import (
	"image"
	"image/color"
	"math"
	"testing"

	"github.com/go-gl/mathgl/mgl32"
)

func TestDepthOrderPillarInFrontOfWalls(t *testing.T) {
	srv, room := startTestRoom(t)
	for _, tc := range []struct {
		name   string
		at     pose
		behind int // the wall the pillar stands in front of
	}{
		{"from the east", pose{X: 5, Y: 1.6, Z: 0, Yaw: math.Pi / 2}, surfWest},
		{"from the west", pose{X: -5, Y: 1.6, Z: 0, Yaw: -math.Pi / 2}, surfEast},
		{"from the south-east diagonal", pose{X: 2.5, Y: 1.6, Z: 2.5, Yaw: math.Pi / 4}, surfNorth},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v := openVisitor(t, sceneURL(srv.URL, testSceneID, "Ana", tc.at))
			img := v.viewShot("view")
			view := room.expectedView(tc.at)
			saveExpected(t, "view", view)
			got := compareView(img, view)
			if n := got.total(surfPillar); n < 2000 {
				t.Fatalf("the test pose sees only %d sample pixels of the pillar: aim it at the pillar", n)
			}
			magenta := got.share(surfPillar, "magenta (pillar)")
			t.Logf("%s: where the pillar stands: %s", tc.name, got.describe(surfPillar))
			t.Logf("%s: where the %s is: %s", tc.name, surfNames[tc.behind], got.describe(tc.behind))
			if magenta < minShare {
				t.Errorf("%s, the pillar is drawn behind the %s: where the pillar stands the screen shows %s",
					tc.name, surfNames[tc.behind], got.describe(surfPillar))
			}
			if green := got.share(tc.behind, "green (wall)"); green < minShare {
				t.Errorf("%s, the %s around the pillar is not drawn as it should be: it shows %s",
					tc.name, surfNames[tc.behind], got.describe(tc.behind))
			}
		})
	}
}

func TestOcclusionPillarHidesAVisitorBehindIt(t *testing.T) {
	srv, room := startTestRoom(t)
	// Ana looks west at the pillar. Bo first stands 1.9 m behind its far
	// face, on her line of sight, then in front of it, 2.5 m from her.
	anaAt := pose{X: 5, Y: 1.6, Z: 0, Yaw: math.Pi / 2}
	behind := pose{X: float64(room.pillarLo.X()) - 1.9, Y: 1.6, Z: 0, Yaw: -math.Pi / 2}
	front := pose{X: anaAt.X - 2.5, Y: 1.6, Z: 0, Yaw: -math.Pi / 2}
	const (
		// maxStray is how many pixels of Bo's colour may show while he is
		// hidden: none, give or take a pixel rounded at the pillar's edge.
		maxStray = 10
		// minBody is the least number of his pixels when he stands in
		// front: his body is about 95×300 pixels at 2.5 m.
		minBody = 5000
	)
	view := room.expectedView(anaAt)
	saveExpected(t, "ana", view)

	ana := openVisitor(t, sceneURL(srv.URL, testSceneID, "Ana", anaAt))
	bo := openVisitor(t, sceneURL(srv.URL, testSceneID, "Bo", behind))
	boColour := ana.peerAt("Bo", behind)
	ana.waitFrames(3)
	labelHidden := !ana.labelShown("Bo")
	img := ana.viewShot("bo-behind-the-pillar")
	stray := countHue(img, img.Bounds(), boColour)
	t.Logf("Bo behind the pillar: %d pixels of his colour %v on Ana's screen, label hidden: %v", stray, boColour, labelHidden)
	if stray > maxStray {
		t.Errorf("Bo stands behind the pillar, yet Ana's screen shows %d pixels of his colour: the pillar does not hide him", stray)
	}
	if !labelHidden {
		t.Errorf("Bo stands behind the pillar, yet his name label shows on Ana's screen")
	}
	// Seeing none of Bo means something only if the pillar is there.
	if got := compareView(img, view); got.share(surfPillar, "magenta (pillar)") < 0.9 {
		t.Errorf("Ana's screen does not show the pillar where it stands (%s)", got.describe(surfPillar))
	}

	// Bo comes round to the front of the pillar.
	bo.goTo(sceneURL(srv.URL, testSceneID, "Bo", front))
	boColour = ana.peerAt("Bo", front)
	ana.waitFrames(3)
	labelShown := ana.labelShown("Bo")
	img = ana.viewShot("bo-in-front-of-the-pillar")
	body := countHue(img, img.Bounds(), boColour)
	overPillar := pillarPixels(img, view, boColour)
	t.Logf("Bo in front of the pillar: %d pixels of his colour, %d of them over the pillar, label shown: %v", body, overPillar, labelShown)
	if body < minBody {
		t.Errorf("Bo stands 2.5 m in front of Ana, yet her screen shows only %d pixels of his colour (want ≥ %d): he is not drawn", body, minBody)
	}
	if overPillar < minBody/2 {
		t.Errorf("Bo stands in front of the pillar, yet only %d pixels of his colour cover it: the pillar is drawn over him", overPillar)
	}
	if !labelShown {
		t.Errorf("Bo stands in plain view, yet Ana's page shows no name label for him")
	}
}

// Near-plane view: 5 cm from the north wall, looking west along it, then
// turned 40° away from it into the room and 45° up toward its top edge.
// The wall fills the right of the screen, the ceiling and the rest of the
// room the left. The wall's east end lies behind the eye, so the near
// plane cuts the wall polygon. (Turned less, the wall would come nearer
// than the near plane on screen and the view would legitimately see
// through it.)
var nearWallPose = pose{X: 5, Y: 1.6, Z: -2.95, Yaw: (90 + 40) * math.Pi / 180, Pitch: 45 * math.Pi / 180}

func TestClipNearPlaneKeepsWallEdgeStraight(t *testing.T) {
	srv, room := startTestRoom(t)
	at := nearWallPose
	cam := newCamera(at)
	view := room.expectedView(at)
	saveExpected(t, "near-wall", view)

	v := openVisitor(t, sceneURL(srv.URL, testSceneID, "Ana", at))
	img := v.viewShot("near-wall")

	// The wall is drawn wherever it should be: a polygon cut by the near
	// plane must not vanish or leave a hole.
	got := compareView(img, view)
	t.Logf("where the north wall is: %s", got.describe(surfNorth))
	if n := got.total(surfNorth); n < 5000 {
		t.Fatalf("the test pose sees only %d sample pixels of the north wall: aim it at the wall", n)
	}
	if n := got.total(surfNone); n > 0 {
		t.Fatalf("from the test pose %d sample pixels of the wall are nearer than the near plane: turn further from the wall", n)
	}
	if got.share(surfNorth, "green (wall)") < minShare {
		t.Errorf("the wall 5 cm in front of the eye is not drawn where it should be: it shows %s", got.describe(surfNorth))
	}

	// The wall's top edge: where green meets the ceiling's blue. Find the
	// screen line the edge must lie on, then sample the boundary along it.
	var ends []mgl32.Vec2
	for x := room.lo.X(); x <= room.hi.X(); x += 0.01 {
		if px, py, ok := cam.project(mgl32.Vec3{x, room.hi.Y(), room.lo.Z()}); ok && px >= 0 && py >= 0 && px < viewW && py < viewH {
			ends = append(ends, mgl32.Vec2{float32(px), float32(py)})
		}
	}
	if len(ends) < 2 {
		t.Fatalf("the wall's top edge is not in the test view: aim higher")
	}
	p0, p1 := ends[0], ends[len(ends)-1]
	xs, ys, missing := traceEdge(img, p0, p1)
	along, across := 0, 1
	if steep(p0, p1) {
		along, across = 1, 0
	}
	samples := len(xs) + missing
	if samples < 200 {
		t.Fatalf("the top edge crosses only %d sample places of the test view: choose a pose that shows more of it", samples)
	}
	if float64(missing) > 0.02*float64(samples) {
		t.Errorf("the wall's top edge is broken: in %d of %d places along it there is no clean boundary between wall and ceiling", missing, samples)
	}
	if len(xs) < 2 {
		return
	}
	fit, residual := fitLine(xs, ys)
	var off float64
	for i := range xs {
		want := float64(p0[across]) + (xs[i]-float64(p0[along]))/float64(p1[along]-p0[along])*float64(p1[across]-p0[across])
		off = math.Max(off, math.Abs(fit.at(xs[i])-want))
	}
	t.Logf("top edge: %d samples, line fit max residual %.2f px, at most %.2f px from where geometry puts it", len(xs), residual, off)
	if residual > maxEdgeResidual {
		t.Errorf("the wall's top edge is bent: it strays up to %.1f px from a straight line (allowed %.1f)", residual, maxEdgeResidual)
	}
	if off > maxEdgeOffset {
		t.Errorf("the wall's top edge is in the wrong place: up to %.1f px from where the wall's corners put it (allowed %.1f); the wall is warped", off, maxEdgeOffset)
	}
}

// Tolerances for the wall's top edge, in pixels: rasterising a straight
// edge rounds it by half a pixel; a warped wall bends or moves it by tens.
const (
	maxEdgeResidual = 2.0
	maxEdgeOffset   = 4.0
)

// steep reports whether the screen line from p0 to p1 runs more up and
// down than across.
func steep(p0, p1 mgl32.Vec2) bool {
	return math.Abs(float64(p1.Y()-p0.Y())) > math.Abs(float64(p1.X()-p0.X()))
}

// traceEdge finds the boundary between the wall's green and the ceiling's
// blue near the screen line from p0 to p1: one position across the line
// every second pixel along its longer extent (columns for a flat line,
// rows for a steep one). missing counts the places with no clean boundary.
func traceEdge(img image.Image, p0, p1 mgl32.Vec2) (along, across []float64, missing int) {
	const window = 15 // pixels either side of the expected edge
	a0, c0 := 0, 1    // indices of the along and across coordinates
	size := viewH
	if steep(p0, p1) {
		a0, c0, size = 1, 0, viewW
	}
	pixel := func(a, c int) color.Color {
		if a0 == 1 {
			return img.At(c, a)
		}
		return img.At(a, c)
	}
	lo, hi := int(min(p0[a0], p1[a0]))+8, int(max(p0[a0], p1[a0]))-8
	for a := lo; a <= hi; a += 2 {
		frac := (float32(a) - p0[a0]) / (p1[a0] - p0[a0])
		want := int(p0[c0] + frac*(p1[c0]-p0[c0]))
		found := false
		for c := max(want-window, 3); c < min(want+window, size-4); c++ {
			if isEdge(pixel, a, c) {
				along, across = append(along, float64(a)), append(across, float64(c)+0.5)
				found = true
				break
			}
		}
		if !found {
			missing++
		}
	}
	return along, across, missing
}

// isEdge reports whether the pixels across the edge at (a, c) change from
// wall to ceiling or back between c and c+1, with three clean pixels on
// either side.
func isEdge(at func(a, c int) color.Color, a, c int) bool {
	side := func(c int) int {
		switch px := at(a, c); {
		case hue(px, wallGreen):
			return surfNorth
		case hue(px, ceilingBlue):
			return surfCeiling
		}
		return surfNone
	}
	first, second := side(c), side(c+1)
	if first == surfNone || second == surfNone || first == second {
		return false
	}
	for k := 1; k <= 2; k++ {
		if side(c-k) != first || side(c+1+k) != second {
			return false
		}
	}
	return true
}

// Grid view: 1 m from the south wall, which carries the grid, looking
// along it 78° from its normal: the wall recedes across the left of the
// screen from near to 14 m away.
var gridPose = pose{X: 6, Y: 1.6, Z: 2, Yaw: math.Pi - 78*math.Pi/180}

func TestPerspectiveCorrectGridOnGrazingWall(t *testing.T) {
	srv, room := startTestRoom(t)
	at := gridPose
	cam := newCamera(at)
	view := room.expectedView(at)
	saveExpected(t, "grid", view)

	v := openVisitor(t, sceneURL(srv.URL, testSceneID, "Ana", at))
	img := v.viewShot("grid")
	lum := func(x, y int) float64 {
		r, g, b := rgb(img.At(x, y))
		return 0.2126*r + 0.7152*g + 0.0722*b
	}
	wallZ := room.hi.Z()
	top := room.hi.Y()
	half := float32(gridRepeat * gridLineTexels / gridTexels / 2) // half a line's width in metres

	// A horizontal grid line (centred 2 m below the top of the wall): in
	// each column, the middle of the dark band near where it must be.
	lineY := top - 4*gridRepeat
	var xs, ys []float64
	columns := 0
	for x := 0; x < viewW; x++ {
		surf, hit, _ := room.cast(cam, cam.ray(x, viewH/2))
		if surf != surfSouth {
			continue
		}
		_, yTop, ok1 := cam.project(mgl32.Vec3{hit.X(), lineY + half, wallZ})
		_, yBot, ok2 := cam.project(mgl32.Vec3{hit.X(), lineY - half, wallZ})
		if !ok1 || !ok2 {
			continue
		}
		pad := math.Max(6, yBot-yTop)
		y0, y1 := int(yTop-pad), int(yBot+pad)
		if y0 < 0 || y1 >= viewH {
			continue
		}
		columns++
		white := math.Max(lum(x, y0), lum(x, y1))
		var sum, wsum, darkest float64
		for y := y0; y <= y1; y++ {
			darkest = math.Max(darkest, white-lum(x, y))
		}
		// A vertical line crossing here darkens the whole window; far
		// away the line fades into grey. Neither says where the band is.
		if white < minWhite || darkest < 0.3*white || white-math.Min(lum(x, y0), lum(x, y1)) > 0.2*darkest {
			continue
		}
		for y := y0; y <= y1; y++ {
			if d := white - lum(x, y); d > 0.2*darkest {
				sum += d * float64(y)
				wsum += d
			}
		}
		xs, ys = append(xs, float64(x)), append(ys, sum/wsum)
	}
	if columns < 400 {
		t.Fatalf("the grid line 2 m up the wall should cross %d columns of the test view: aim along the grid wall", columns)
	}
	if len(xs) < columns/2 {
		t.Errorf("the grid line 2 m up the wall shows where perspective puts it in only %d of %d columns: the grid is misplaced or bent; textures are not perspective-correct", len(xs), columns)
	} else {
		fit, residual := fitLine(xs, ys)
		t.Logf("horizontal grid line: found in %d of %d columns from x=%.0f to %.0f, slope %.3f, max residual %.2f px", len(xs), columns, xs[0], xs[len(xs)-1], fit.b, residual)
		if residual > maxGridResidual {
			t.Errorf("a straight grid line on the wall looks bent: it strays up to %.1f px from a straight line (allowed %.1f); textures are not perspective-correct", residual, maxGridResidual)
		}
	}

	// The vertical grid lines along the eye-level row: their spacing must
	// shrink steadily with distance, as perspective foreshortens them.
	y := viewH / 2
	var row []float64
	var cols []int
	for x := 0; x < viewW; x++ {
		if surf, _, _ := room.cast(cam, cam.ray(x, y)); surf == surfSouth && interior(view, x, y, edgeMargin) {
			row = append(row, lum(x, y))
			cols = append(cols, x)
		}
	}
	lines := darkRuns(row, cols)
	var gaps []float64
	for i := 1; i < len(lines); i++ {
		gap := math.Abs(lines[i] - lines[i-1])
		if gap < minGridGap {
			break // too far away to tell lines apart
		}
		gaps = append(gaps, gap)
	}
	// Where perspective puts them: lines are centred every gridRepeat
	// metres from the wall's east end.
	var want []float64
	for k := 0; k < 200; k++ {
		if px, _, ok := cam.project(mgl32.Vec3{room.hi.X() - float32(k)*gridRepeat, float32(at.Y), wallZ}); ok && px >= 0 && px < viewW {
			want = append(want, px)
		}
	}
	t.Logf("vertical grid lines at x = %s; geometry puts them at %s; gaps %s", fmtList(lines), fmtList(want[:min(len(want), len(lines))]), fmtList(gaps))
	if len(gaps) < 5 {
		t.Fatalf("found only %d clear gaps between vertical grid lines (want ≥ 5): is the grid wall on screen?", len(gaps))
	}
	for i := 1; i < len(gaps); i++ {
		if gaps[i] >= gaps[i-1] {
			t.Errorf("the grid's vertical lines do not close up with distance: gap %d is %.1f px after %.1f px (gaps %s); textures are not perspective-correct",
				i, gaps[i], gaps[i-1], fmtList(gaps))
			break
		}
	}
	if r := gaps[0] / gaps[len(gaps)-1]; r < 2 {
		t.Errorf("the grid's vertical lines are almost evenly spaced (nearest gap / farthest gap = %.2f, want ≥ 2): the wall looks flat-on, not receding", r)
	}
	worst, worstAt := 0.0, 0
	for i, x := range lines[:len(gaps)+1] {
		if d := nearest(want, x); d > worst {
			worst, worstAt = d, i
		}
	}
	t.Logf("vertical grid lines: at most %.2f px from where perspective puts them", worst)
	if worst > maxGridOffset {
		t.Errorf("vertical grid line %d is at x=%.1f, %.1f px from where perspective puts a line (allowed %.1f): the texture slides along the wall",
			worstAt, lines[worstAt], worst, maxGridOffset)
	}
}

// Grid tolerances in pixels.
const (
	// maxGridResidual: a band's middle, found from shades of grey, is
	// exact to a fraction of a pixel; affine texturing bends a line by
	// many pixels where the wall's triangles meet.
	maxGridResidual = 1.5
	// minGridGap: closer lines blur into grey at the mip level chosen.
	minGridGap = 8
	// minWhite is the least luminance of the grid's white under the
	// room's light (ambient 0.7 of 240 is 168).
	minWhite = 120
	// maxGridOffset allows for rounding and the half-texel blur of the
	// texture filter.
	maxGridOffset = 2.5
)
