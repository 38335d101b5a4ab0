package e2e

import (
	"fmt"
	"image"
	"math"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/go-gl/mathgl/mgl32"

	"yunyou/assets"
	"yunyou/scenes"
	"yunyou/server/servertest"
)

const firstScene = "mogao-257"

// cave returns the compiled first scene, for poses and bounds.
func cave(t *testing.T) (*scenes.Scene, *scenes.Compiled) {
	t.Helper()
	all, err := scenes.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range all {
		if s.ID == firstScene {
			c, err := s.Compile()
			if err != nil {
				t.Fatal(err)
			}
			return s, c
		}
	}
	t.Fatalf("no built-in scene %q", firstScene)
	return nil, nil
}

// bounds returns the smallest box holding every polygon of the scene.
func bounds(c *scenes.Compiled) (lo, hi mgl32.Vec3) {
	lo = mgl32.Vec3{math.MaxFloat32, math.MaxFloat32, math.MaxFloat32}
	hi = lo.Mul(-1)
	for _, p := range c.Polygons {
		for _, v := range p.Verts {
			for i := range 3 {
				lo[i] = min(lo[i], v.Pos[i])
				hi[i] = max(hi[i], v.Pos[i])
			}
		}
	}
	return lo, hi
}

// forward is the horizontal direction a yaw looks along (yaw 0 looks toward
// -Z, yaw π/2 toward -X).
func forward(yaw float64) mgl32.Vec3 {
	return mgl32.Vec3{float32(-math.Sin(yaw)), 0, float32(-math.Cos(yaw))}
}

func pageURL(base, name string, p pose) string {
	q := url.Values{}
	q.Set("name", name)
	q.Set("scene", firstScene)
	q.Set("pose", fmt.Sprintf("%.2f,%.2f,%.2f,%.4f,%.4f", p.X, p.Y, p.Z, p.Yaw, p.Pitch))
	return base + "/?" + q.Encode()
}

func TestPageLoadsAndShowsTheCave(t *testing.T) {
	srv := servertest.Start(t, servertest.WithClientDir(clientDir))
	v := openVisitor(t, srv.URL+"/?name=Ana")

	s := v.state()
	if s.Scene != firstScene {
		t.Errorf("scene = %q, want %q", s.Scene, firstScene)
	}
	if !strings.HasPrefix(s.Session, firstScene+"/") {
		t.Errorf("session = %q, want a public instance of %s", s.Session, firstScene)
	}
	if s.FrameMs <= 0 {
		t.Errorf("frameMs = %v, want the client's measured CPU time per frame", s.FrameMs)
	}
	if got := v.text("#progress-text"); got != "" && !strings.Contains(got, "100") {
		t.Errorf("progress still shows %q after loading", got)
	}

	img := v.screenshot("cave")
	if spread := luminanceSpread(img); spread < 12 {
		t.Errorf("the screen is nearly flat (luminance spread %.1f): the cave is not drawn", spread)
	}
	shares := paletteShare(img, assets.MogaoPalette)
	present := 0
	for i, sh := range shares {
		if sh >= 0.002 {
			present++
		}
		t.Logf("palette %v: %.2f%% of pixels", assets.MogaoPalette[i], 100*sh)
	}
	if present < 3 {
		t.Errorf("only %d of the Mogao palette's colours are on screen (want at least 3): the murals are not visible", present)
	}
}

func TestKeysWalkAndAWallStopsTheWalk(t *testing.T) {
	scene, compiled := cave(t)
	_, hi := bounds(compiled)
	srv := servertest.Start(t, servertest.WithClientDir(clientDir))

	// Stand at the spawn point and face east (+X), toward the entrance wall.
	start := pose{X: float64(scene.Spawn.X), Y: float64(scene.Spawn.Y), Z: float64(scene.Spawn.Z), Yaw: -math.Pi / 2}
	v := openVisitor(t, pageURL(srv.URL, "Walker", start))
	before := v.state().Pose
	if math.Abs(before.X-start.X) > 0.05 || math.Abs(before.Z-start.Z) > 0.05 {
		t.Fatalf("the page did not start at the pose in its URL: got %+v, want %+v", before, start)
	}

	// Walking speed is 1.4 m/s; a slow machine drops frames, so ask only
	// for a clear step.
	v.holdKey("KeyW", "w", 87, 1200*time.Millisecond)
	mid := v.state().Pose
	if walked := mid.X - before.X; walked < 0.2 {
		t.Fatalf("holding W for 1.2 s moved the visitor %.2f m east, want a walk", walked)
	}

	// Keep walking far longer than the wall is away: the wall must stop us.
	distance := float64(hi.X()) - mid.X
	v.holdKey("KeyW", "w", 87, time.Duration((distance/0.8+2)*float64(time.Second)))
	end := v.state().Pose
	if end.X >= float64(hi.X()) {
		t.Fatalf("walked through the east wall: x = %.2f, wall at %.2f", end.X, hi.X())
	}
	if gap := float64(hi.X()) - end.X; gap > 0.6 {
		t.Errorf("stopped %.2f m short of the east wall; walking should reach it", gap)
	}

	// The arrow keys walk too: back away from the wall.
	v.holdKey("ArrowDown", "ArrowDown", 40, 1200*time.Millisecond)
	if back := v.state().Pose; end.X-back.X < 0.2 {
		t.Errorf("holding ArrowDown moved the visitor %.2f m back, want a walk", end.X-back.X)
	}
}

// clearView finds a spot near the spawn point and a direction from which a
// visitor sees a second visitor d metres ahead with nothing in between.
func clearView(t *testing.T, scene *scenes.Scene, c *scenes.Compiled, d float32) (eye pose, other mgl32.Vec3) {
	t.Helper()
	from := mgl32.Vec3{scene.Spawn.X, scene.Spawn.Y, scene.Spawn.Z}
	for i := range 16 {
		yaw := float64(i) * math.Pi / 8
		to := from.Add(forward(yaw).Mul(d))
		// Slide stops at anything solid: reaching the spot means the way,
		// and so the view, is clear.
		if got := c.Slide(from, to, 0.3); got.Sub(to).Len() < 0.01 {
			return pose{X: float64(from.X()), Y: float64(from.Y()), Z: float64(from.Z()), Yaw: yaw}, to
		}
	}
	t.Fatalf("no clear %.1f m line of sight from the spawn point", d)
	return pose{}, mgl32.Vec3{}
}

func TestTwoVisitorsSeeEachOther(t *testing.T) {
	scene, compiled := cave(t)
	srv := servertest.Start(t, servertest.WithClientDir(clientDir))

	eye, spot := clearView(t, scene, compiled, 3)
	ana := openVisitor(t, pageURL(srv.URL, "Ana", eye))
	// Bo stands 3 m ahead of Ana, facing her.
	bo := openVisitor(t, pageURL(srv.URL, "Bo", pose{X: float64(spot.X()), Y: eye.Y, Z: float64(spot.Z()), Yaw: eye.Yaw + math.Pi}))

	ana.waitFor("Ana sees Bo in her peers", `JSON.parse(window.yunyou.state()).peers.some(p => p.name === "Bo")`)
	bo.waitFor("Bo sees Ana in his peers", `JSON.parse(window.yunyou.state()).peers.some(p => p.name === "Ana")`)

	as := ana.state()
	if as.Session != bo.state().Session {
		t.Fatalf("Ana is in %q and Bo in %q: visitors of one scene should share a session", as.Session, bo.state().Session)
	}
	var boSeen peer
	for _, p := range as.Peers {
		if p.Name == "Bo" {
			boSeen = p
		}
	}
	// Bo's pose reached Ana (drawn ~100 ms in the past, so allow for it).
	ana.waitFor("Bo's avatar reaches his position on Ana's screen", fmt.Sprintf(
		`JSON.parse(window.yunyou.state()).peers.some(p => p.name === "Bo" && Math.hypot(p.pose.x - %f, p.pose.z - %f) < 0.1)`,
		spot.X(), spot.Z()))

	col, ok := parseHex(boSeen.Color)
	if !ok {
		t.Fatalf("Bo's colour %q is not #rrggbb", boSeen.Color)
	}
	img := ana.screenshot("ana-sees-bo")
	centre := image.Rect(viewW/4, 0, viewW*3/4, viewH)
	if n := countNear(img, centre, col, 40); n < 400 {
		t.Errorf("Ana's screen shows %d pixels of Bo's colour %s in the middle, want his avatar (≥400)", n, boSeen.Color)
	}
	if label := ana.text(".avatar-name"); !strings.Contains(label, "Bo") {
		t.Errorf("Ana's page labels avatars %q, want Bo's name above his avatar", label)
	}
}

func TestChatReachesTheOtherVisitorAsText(t *testing.T) {
	srv := servertest.Start(t, servertest.WithClientDir(clientDir))
	ana := openVisitor(t, srv.URL+"/?name=Ana")
	bo := openVisitor(t, srv.URL+"/?name=Bo")
	bo.waitFor("Bo sees Ana", `JSON.parse(window.yunyou.state()).peers.some(p => p.name === "Ana")`)

	const line = "看这只九色鹿 <b>look</b> <img src=x onerror=window.pwned=1>"
	ana.typeLine("#chat-input", line)
	bo.waitFor("Ana's line appears in Bo's chat", fmt.Sprintf(
		`[...document.querySelectorAll("#chat-log .chat-line")].some(e => e.textContent.includes(%q))`, "看这只九色鹿"))

	log := bo.text("#chat-log")
	if !strings.Contains(log, "<img src=x onerror=window.pwned=1>") || !strings.Contains(log, "Ana") {
		t.Errorf("Bo's chat shows %q, want Ana's name and her line exactly as typed", log)
	}
	bo.waitFor("markup in chat stays text", `document.querySelector("#chat-log img") === null && document.querySelector("#chat-log b") === null && window.pwned === undefined`)
	ana.waitFor("Ana sees her own line", `document.querySelector("#chat-log").textContent.includes("看这只九色鹿")`)
}

func TestALinkToTheViewOpensTheSameView(t *testing.T) {
	scene, _ := cave(t)
	srv := servertest.Start(t, servertest.WithClientDir(clientDir))
	start := pose{X: float64(scene.Spawn.X) - 1, Y: float64(scene.Spawn.Y), Z: float64(scene.Spawn.Z) + 0.5, Yaw: 2.2, Pitch: 0.3}
	ana := openVisitor(t, pageURL(srv.URL, "Ana", start))
	ana.waitFor("the page offers a link to this view", `JSON.parse(window.yunyou.state()).link !== ""`)
	link := ana.state().Link
	if !strings.HasPrefix(link, srv.URL+"/?") || !strings.Contains(link, "scene="+firstScene) {
		t.Fatalf("the view's link is %q; want this server's page with the scene and pose", link)
	}
	bo := openVisitor(t, link+"&name=Bo")
	got := bo.state().Pose
	if math.Hypot(got.X-start.X, got.Z-start.Z) > 0.02 || math.Abs(got.Yaw-start.Yaw) > 0.01 || math.Abs(got.Pitch-start.Pitch) > 0.01 {
		t.Errorf("the link opened the view at %+v; Ana stood at %+v", got, start)
	}
}
