package pipeline

import (
	"image"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/go-gl/mathgl/mgl32"

	"yunyou/scenes"
)

// builtinTextures decodes the textures a scene uses from assets/textures.
func builtinTextures(t *testing.T, s *scenes.Scene) map[string]image.Image {
	t.Helper()
	textures := map[string]image.Image{}
	for _, name := range s.Textures() {
		f, err := os.Open(filepath.Join("..", "..", "..", "assets", "textures", name+".png"))
		if err != nil {
			t.Fatalf("%s: %v", s.ID, err)
		}
		img, err := png.Decode(f)
		f.Close()
		if err != nil {
			t.Fatalf("%s: texture %s: %v", s.ID, name, err)
		}
		textures[name] = img
	}
	return textures
}

// TestBuiltinScenesFitOneAtlas builds the texture atlas of every built-in
// scene: a scene whose textures do not fit cannot be drawn at all.
func TestBuiltinScenesFitOneAtlas(t *testing.T) {
	all, err := scenes.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range all {
		if _, err := BuildAtlas(builtinTextures(t, s)); err != nil {
			t.Errorf("%s: %v", s.ID, err)
		}
	}
}

// extraViews are places worth a look that the spawn views miss.
var extraViews = map[string]map[string]Camera{
	"mogao-16": {
		"library-cave": {Pos: mgl32.Vec3{9.5, 1.6, -1.2}, Yaw: 0, Pitch: 0.05, FovY: 1.4},
		"corridor":     {Pos: mgl32.Vec3{11, 1.6, 0.8}, Yaw: 0.9, Pitch: 0},
	},
}

// TestRenderBuiltinScenes draws every built-in scene from its spawn point
// and from a few other places into PNG files, for a person to look at.
// It runs only when YUNYOU_RENDER_PNG names a directory: software
// rasterising every scene is slow.
func TestRenderBuiltinScenes(t *testing.T) {
	if os.Getenv("YUNYOU_RENDER_PNG") == "" {
		t.Skip("set YUNYOU_RENDER_PNG to a directory to render the built-in scenes")
	}
	all, err := scenes.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	const W, H = 640, 400
	for _, s := range all {
		c, err := s.Compile()
		if err != nil {
			t.Fatalf("%s: %v", s.ID, err)
		}
		textures := builtinTextures(t, s)
		atlas, err := BuildAtlas(textures)
		if err != nil {
			t.Fatalf("%s: %v", s.ID, err)
		}
		world, err := NewWorld(c, atlas.Slots)
		if err != nil {
			t.Fatalf("%s: %v", s.ID, err)
		}
		sp := mgl32.Vec3{s.Spawn.X, s.Spawn.Y, s.Spawn.Z}
		views := map[string]Camera{
			"spawn":   {Pos: sp, Yaw: s.Spawn.Yaw, Pitch: s.Spawn.Pitch},
			"up":      {Pos: sp, Yaw: s.Spawn.Yaw, Pitch: 0.9},
			"back":    {Pos: sp, Yaw: s.Spawn.Yaw + math.Pi, Pitch: 0},
			"left":    {Pos: sp, Yaw: s.Spawn.Yaw + math.Pi/2, Pitch: 0},
			"right":   {Pos: sp, Yaw: s.Spawn.Yaw - math.Pi/2, Pitch: 0},
			"overall": {Pos: mgl32.Vec3{sp.X(), c.Max.Y() - 0.3, sp.Z()}, Yaw: s.Spawn.Yaw, Pitch: -0.5, FovY: 1.7},
		}
		for name, cam := range extraViews[s.ID] {
			views[name] = cam
		}
		var f Frame
		for _, name := range sortedKeys(views) {
			world.Render(&f, views[name], W, H, nil)
			r := rasterise(&f, atlas, c.Light)
			r.savePNG(t, s.ID+"-"+name)
		}
	}
}
