package catalog_test

import (
	"strings"
	"testing"
	"testing/fstest"

	"yunyou/protocol"
	"yunyou/server/catalog"
)

// Every texture a built-in scene names must be there to serve, or the
// visitor's browser gets a 404 and a bare wall.
func TestBuiltinScenesHaveTheirTextures(t *testing.T) {
	cat, err := catalog.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	if cat.Default() != catalog.DefaultScene {
		t.Errorf("default scene %q; want %q", cat.Default(), catalog.DefaultScene)
	}
	have, err := cat.TextureNames()
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range cat.Scenes() {
		if len(s.Textures) == 0 || len(s.JSON) == 0 {
			t.Errorf("scene %s has no textures or no JSON", s.ID)
		}
		for _, name := range s.Textures {
			if !contains(have, name) {
				t.Errorf("scene %s uses texture %s, which assets lack (have %v)", s.ID, name, have)
			}
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestNewRefusesBrokenScenes(t *testing.T) {
	box := func(x, y, z float32) bool { return x*x+z*z < 4 && y > 0 && y < 3 }
	ok := func(id string) *catalog.Scene {
		return &catalog.Scene{ID: id, JSON: []byte(`{}`), Inside: box, Spawn: protocol.Pose{Y: 1.6}}
	}
	outside := ok("b")
	outside.Spawn.X = 5
	for _, tc := range []struct {
		name   string
		scenes []*catalog.Scene
		want   string
	}{
		{"none", nil, "no scenes"},
		{"twice", []*catalog.Scene{ok("a"), ok("a")}, "twice"},
		{"spawn outside", []*catalog.Scene{ok("a"), outside}, "outside"},
		{"no inside test", []*catalog.Scene{{ID: "a", JSON: []byte(`{}`)}}, "Inside"},
	} {
		if _, err := catalog.New(tc.scenes, fstest.MapFS{}); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: err = %v; want one mentioning %q", tc.name, err, tc.want)
		}
	}
}

func TestTextureNamesStayInTheTexturesDirectory(t *testing.T) {
	fsys := fstest.MapFS{"textures/a.png": {Data: []byte("png")}, "secret.png": {Data: []byte("no")}}
	cat, err := catalog.New([]*catalog.Scene{{ID: "a", JSON: []byte(`{}`), Inside: func(x, y, z float32) bool { return true }}}, fsys)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := cat.Texture("a"); err != nil {
		t.Errorf("texture a: %v", err)
	}
	for _, name := range []string{"../secret", "", "A", "a.png"} {
		if _, err := cat.Texture(name); err == nil {
			t.Errorf("texture %q was found; want an error", name)
		}
	}
}
