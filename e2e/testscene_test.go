package e2e

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
	"net/url"
	"testing"
	"testing/fstest"

	"github.com/chromedp/chromedp"
	"github.com/go-gl/mathgl/mgl32"

	"yunyou/protocol"
	"yunyou/scenes"
	"yunyou/server/catalog"
	"yunyou/server/servertest"
)

// The render tests use a room of their own rather than a cave: every
// surface has one flat, distinctive colour (or a plain grid), so what is
// on screen can be told apart at a glance and by a few lines of code.
const testSceneID = "render-test-room"

// Surface colours of the test room. Lighting scales brightness only (the
// ambient light and the torch are white, the fog too far away to reach
// anything), so pixels are recognised by chromaticity.
var (
	wallGreen     = color.RGBA{0, 200, 0, 255}
	pillarMagenta = color.RGBA{255, 0, 255, 255}
	ceilingBlue   = color.RGBA{0, 0, 230, 255}
	floorBrown    = color.RGBA{200, 120, 40, 255}
	gridWhite     = color.RGBA{240, 240, 240, 255}
	gridBlack     = color.RGBA{0, 0, 0, 255}
)

// Grid texture layout: a square tile of gridTexels texels, white, with
// black lines gridLineTexels wide centred on the tile's edges. Centring
// the lines on the edges keeps them centred at every mip level (each level
// averages 2×2 texels), so a line's middle never shifts with distance.
const (
	gridTexels     = 64
	gridLineTexels = 8
	// gridRepeat is the real size in metres of one tile on the wall.
	gridRepeat = 0.5
)

// testSceneJSON is the test room: 16 m east–west, 6 m north–south, 4 m
// high, a 1.2 m square pillar in the middle from floor to ceiling. The
// south wall carries the grid, the other walls are green. Light is mostly
// ambient and the fog starts beyond the room, so colours stay flat.
const testSceneJSON = `{
  "format": 1,
  "id": "render-test-room",
  "title": {"en": "Render test room"},
  "era": {"en": "Test scene of flat colours"},
  "spawn": {"x": 6, "y": 1.6, "z": 0, "yaw": 1.5708, "pitch": 0},
  "light": {
    "ambient": [0.7, 0.7, 0.7],
    "torch": {"color": [1, 1, 1], "intensity": 0.3, "range": 40},
    "fog": {"color": [0.1, 0.1, 0.1], "near": 100, "far": 200}
  },
  "rooms": [
    {
      "type": "box-room",
      "name": "test room",
      "min": [-8, 0, -3],
      "max": [8, 4, 3],
      "floor": {"texture": "test-floor-brown", "size": [1, 1]},
      "ceiling": {"texture": "test-ceiling-blue", "size": [1, 1]},
      "walls": {
        "north": {"texture": "test-wall-green", "size": [1, 1]},
        "south": {"texture": "test-wall-grid", "size": [0.5, 0.5]},
        "east": {"texture": "test-wall-green", "size": [1, 1]},
        "west": {"texture": "test-wall-green", "size": [1, 1]}
      }
    }
  ],
  "solids": [
    {
      "type": "central-pillar",
      "name": "magenta pillar",
      "center": [0, 0],
      "width": 1.2,
      "depth": 1.2,
      "height": 4,
      "faces": {
        "north": {"texture": "test-pillar-magenta", "size": [1, 1]},
        "south": {"texture": "test-pillar-magenta", "size": [1, 1]},
        "east": {"texture": "test-pillar-magenta", "size": [1, 1]},
        "west": {"texture": "test-pillar-magenta", "size": [1, 1]}
      }
    }
  ]
}`

// testRoom is the parsed test scene with the numbers the tests aim by.
type testRoom struct {
	scene *scenes.Scene
	// lo and hi are the room's corners; pillarLo and pillarHi the pillar's.
	lo, hi             mgl32.Vec3
	pillarLo, pillarHi mgl32.Vec3
}

// loadTestRoom parses the test scene; the tests take every position from
// it, so the JSON is the one place the room is described.
func loadTestRoom(t *testing.T) *testRoom {
	t.Helper()
	s, err := scenes.Parse("render test room", []byte(testSceneJSON))
	if err != nil {
		t.Fatalf("the test room is not a valid scene: %v", err)
	}
	r := s.Rooms[0]
	p := s.Solids[0]
	return &testRoom{
		scene:    s,
		lo:       mgl32.Vec3{r.Min[0], r.Min[1], r.Min[2]},
		hi:       mgl32.Vec3{r.Max[0], r.Max[1], r.Max[2]},
		pillarLo: mgl32.Vec3{p.Center[0] - p.Depth/2, r.Min[1], p.Center[1] - p.Width/2},
		pillarHi: mgl32.Vec3{p.Center[0] + p.Depth/2, r.Min[1] + p.Height, p.Center[1] + p.Width/2},
	}
}

// testTextures returns the test room's textures as PNG files laid out the
// way the catalog reads them.
func testTextures(t *testing.T) fstest.MapFS {
	t.Helper()
	solid := func(c color.RGBA) image.Image {
		img := image.NewRGBA(image.Rect(0, 0, 16, 16))
		for i := 0; i < len(img.Pix); i += 4 {
			img.Pix[i], img.Pix[i+1], img.Pix[i+2], img.Pix[i+3] = c.R, c.G, c.B, c.A
		}
		return img
	}
	grid := image.NewRGBA(image.Rect(0, 0, gridTexels, gridTexels))
	onLine := func(i int) bool { return i < gridLineTexels/2 || i >= gridTexels-gridLineTexels/2 }
	for y := range gridTexels {
		for x := range gridTexels {
			c := gridWhite
			if onLine(x) || onLine(y) {
				c = gridBlack
			}
			grid.SetRGBA(x, y, c)
		}
	}
	images := map[string]image.Image{
		"test-wall-green":     solid(wallGreen),
		"test-pillar-magenta": solid(pillarMagenta),
		"test-ceiling-blue":   solid(ceilingBlue),
		"test-floor-brown":    solid(floorBrown),
		"test-wall-grid":      grid,
	}
	files := fstest.MapFS{}
	for name, img := range images {
		var buf bytes.Buffer
		if err := png.Encode(&buf, img); err != nil {
			t.Fatalf("encoding texture %s: %v", name, err)
		}
		files["textures/"+name+".png"] = &fstest.MapFile{Data: buf.Bytes()}
	}
	return files
}

// startTestRoom starts the real server offering only the test room, with
// the built client.
func startTestRoom(t *testing.T) (*servertest.Server, *testRoom) {
	t.Helper()
	room := loadTestRoom(t)
	s := room.scene
	textures := testTextures(t)
	for _, name := range s.Textures() {
		if _, ok := textures["textures/"+name+".png"]; !ok {
			t.Fatalf("the test room uses texture %s but the test makes no image for it", name)
		}
	}
	cat, err := catalog.New([]*catalog.Scene{{
		ID:       s.ID,
		Title:    s.Title,
		Era:      s.Era,
		Textures: s.Textures(),
		Spawn:    protocol.Pose{X: s.Spawn.X, Y: s.Spawn.Y, Z: s.Spawn.Z, Yaw: s.Spawn.Yaw, Pitch: s.Spawn.Pitch},
		JSON:     []byte(testSceneJSON),
		Inside:   s.Contains,
	}}, textures)
	if err != nil {
		t.Fatalf("building the test catalog: %v", err)
	}
	return servertest.Start(t, servertest.WithClientDir(clientDir), servertest.WithCatalog(cat)), room
}

// sceneURL is the address that opens scene at pose p and joins as name.
// It pins the drawing resolution to the screen's (scale=1): the client
// would otherwise lower it on a slow machine, and the browser's upscaling
// would blend neighbouring colours at every edge.
func sceneURL(base, scene, name string, p pose) string {
	q := url.Values{}
	q.Set("name", name)
	q.Set("scene", scene)
	q.Set("scale", "1")
	q.Set("pose", fmt.Sprintf("%.3f,%.3f,%.3f,%.4f,%.4f", p.X, p.Y, p.Z, p.Yaw, p.Pitch))
	return base + "/?" + q.Encode()
}

// hideOverlays is a style that hides the page's text over the canvas
// (title, chat, help, name labels) so a screenshot shows the 3D view alone.
const hideOverlays = `(() => {
	const s = document.createElement("style");
	s.id = "render-test-hide-overlays";
	s.textContent = "body > *:not(canvas) { visibility: hidden !important; }";
	document.head.append(s);
	return true;
})()`

const showOverlays = `(() => { document.getElementById("render-test-hide-overlays")?.remove(); return true; })()`

// viewShot captures the 3D view without the page's overlays, saved under
// name like screenshot.
func (v *visitor) viewShot(name string) image.Image {
	v.t.Helper()
	if _, err := chromedp.Run(v.ctx, chromedp.Evaluate[bool](hideOverlays)); err != nil {
		v.t.Fatalf("hiding the overlays: %v", err)
	}
	img := v.screenshot(name)
	if _, err := chromedp.Run(v.ctx, chromedp.Evaluate[bool](showOverlays)); err != nil {
		v.t.Fatalf("showing the overlays again: %v", err)
	}
	if b := img.Bounds(); b.Dx() != viewW || b.Dy() != viewH {
		v.t.Fatalf("the screenshot is %dx%d, want the %dx%d viewport", b.Dx(), b.Dy(), viewW, viewH)
	}
	return img
}

// waitFrames waits until the client has drawn n more frames, so a change
// (a moved visitor, a new label) has reached the screen.
func (v *visitor) waitFrames(n int) {
	v.t.Helper()
	from := v.state().Frames
	v.waitFor(fmt.Sprintf("%d more frames are drawn", n),
		fmt.Sprintf(`JSON.parse(window.yunyou.state()).frames >= %d`, from+n))
}

// clientFovY is the client's vertical field of view on a landscape screen
// (baseFovY in client/game.go). The tests use it to aim: to know where on
// screen a point of the room must appear.
const clientFovY = 65 * math.Pi / 180

// clientNear is the client's near plane distance in metres (nearPlane in
// client/game.go): nothing nearer than this is drawn.
const clientNear = 0.05

// camera is a pinhole camera with the client's conventions (yaw 0 looks
// toward -Z, +π/2 toward -X, pitch up positive) over the test viewport.
// It is written out here, independently of the renderer, so the tests
// check the renderer against plain geometry.
type camera struct {
	eye, fwd, right, up mgl32.Vec3
	tanX, tanY          float64
}

func newCamera(p pose) camera {
	sy, cy := math.Sincos(p.Yaw)
	sp, cp := math.Sincos(p.Pitch)
	fwd := mgl32.Vec3{float32(-sy * cp), float32(sp), float32(-cy * cp)}
	right := mgl32.Vec3{float32(cy), 0, float32(-sy)}
	tanY := math.Tan(clientFovY / 2)
	return camera{
		eye: mgl32.Vec3{float32(p.X), float32(p.Y), float32(p.Z)}, fwd: fwd, right: right, up: right.Cross(fwd),
		tanX: tanY * viewW / viewH, tanY: tanY,
	}
}

// project returns where q appears on screen in pixels from the top left,
// and whether it is in front of the eye.
func (c camera) project(q mgl32.Vec3) (x, y float64, ok bool) {
	d := q.Sub(c.eye)
	w := float64(d.Dot(c.fwd))
	if w <= 1e-6 {
		return 0, 0, false
	}
	nx := float64(d.Dot(c.right)) / w / c.tanX
	ny := float64(d.Dot(c.up)) / w / c.tanY
	return (nx + 1) / 2 * viewW, (1 - ny) / 2 * viewH, true
}

// ray returns the direction through the centre of pixel (px, py).
func (c camera) ray(px, py int) mgl32.Vec3 {
	nx := (float64(px)+0.5)/viewW*2 - 1
	ny := 1 - (float64(py)+0.5)/viewH*2
	return c.fwd.Add(c.right.Mul(float32(nx * c.tanX))).Add(c.up.Mul(float32(ny * c.tanY)))
}

// Surfaces of the test room, as the ray caster names them.
const (
	surfNone = iota
	surfFloor
	surfCeiling
	surfNorth
	surfSouth
	surfEast
	surfWest
	surfPillar
)

var surfNames = [...]string{"nothing", "floor", "ceiling", "north wall", "south wall", "east wall", "west wall", "pillar"}

// cast returns the surface the ray from the eye along d meets first, the
// point where it does and how far in front of the eye that point is
// (along the view direction, as the near plane measures). A surface
// nearer than the near plane is cut away: the ray then meets nothing.
func (r *testRoom) cast(c camera, d mgl32.Vec3) (surf int, hit mgl32.Vec3, depth float64) {
	// The eye is inside the room: the ray leaves it through the nearest
	// wall, floor or ceiling plane ahead.
	best := math.Inf(1)
	for axis := range 3 {
		if d[axis] == 0 {
			continue
		}
		bound, s := r.lo[axis], 0
		if d[axis] > 0 {
			bound = r.hi[axis]
		}
		switch {
		case axis == 0 && d[axis] > 0:
			s = surfEast
		case axis == 0:
			s = surfWest
		case axis == 1 && d[axis] > 0:
			s = surfCeiling
		case axis == 1:
			s = surfFloor
		case axis == 2 && d[axis] > 0:
			s = surfSouth
		default:
			s = surfNorth
		}
		if tt := float64((bound - c.eye[axis]) / d[axis]); tt > 0 && tt < best {
			best, surf = tt, s
		}
	}
	// The pillar, if the ray enters it before leaving the room (slab test).
	enter, exit := 0.0, math.Inf(1)
	for axis := range 3 {
		if d[axis] == 0 {
			if c.eye[axis] < r.pillarLo[axis] || c.eye[axis] > r.pillarHi[axis] {
				enter, exit = 1, 0
			}
			continue
		}
		t0 := float64((r.pillarLo[axis] - c.eye[axis]) / d[axis])
		t1 := float64((r.pillarHi[axis] - c.eye[axis]) / d[axis])
		enter, exit = math.Max(enter, math.Min(t0, t1)), math.Min(exit, math.Max(t0, t1))
	}
	if enter <= exit && enter > 0 && enter < best {
		best, surf = enter, surfPillar
	}
	if math.IsInf(best, 1) {
		return surfNone, mgl32.Vec3{}, 0
	}
	hit = c.eye.Add(d.Mul(float32(best)))
	depth = float64(hit.Sub(c.eye).Dot(c.fwd))
	if depth < clientNear {
		return surfNone, hit, depth
	}
	return surf, hit, depth
}

// expectedView casts a ray through every pixel: what a correct renderer
// must show where.
func (r *testRoom) expectedView(p pose) [][]int {
	c := newCamera(p)
	view := make([][]int, viewH)
	for y := range viewH {
		view[y] = make([]int, viewW)
		for x := range viewW {
			view[y][x], _, _ = r.cast(c, c.ray(x, y))
		}
	}
	return view
}

// interior reports whether every pixel within margin of (x, y) is expected
// to show the same surface: away from edges, where rounding decides.
func interior(view [][]int, x, y, margin int) bool {
	s := view[y][x]
	for dy := -margin; dy <= margin; dy += margin {
		for dx := -margin; dx <= margin; dx += margin {
			xx, yy := x+dx, y+dy
			if xx < 0 || yy < 0 || xx >= viewW || yy >= viewH || view[yy][xx] != s {
				return false
			}
		}
	}
	return true
}
