package pipeline

import (
	"bytes"
	"image"
	"image/png"
	"io/fs"
	"testing"

	"yunyou/assets"
	"yunyou/scenes"
)

// TestBuiltinSceneAtlasLayouts packs every built-in scene's textures, at
// their own sizes, and checks that the atlas stays within MaxAtlasSide and
// that no mip level of any texture overlaps another or its gutter: a
// scene that does not fit cannot be drawn, and an overlap shows as
// another texture's pixels on a wall.
func TestBuiltinSceneAtlasLayouts(t *testing.T) {
	all, err := scenes.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range all {
		textures := map[string]image.Image{}
		sizes := map[string][2]int{}
		for _, name := range s.Textures() {
			data, err := fs.ReadFile(assets.Textures, "textures/"+name+".png")
			if err != nil {
				t.Fatalf("%s: %v", s.ID, err)
			}
			img, err := png.Decode(bytes.NewReader(data))
			if err != nil {
				t.Fatalf("%s: texture %s: %v", s.ID, name, err)
			}
			textures[name] = img
			sizes[name] = [2]int{img.Bounds().Dx(), img.Bounds().Dy()}
		}
		a, err := BuildAtlas(textures)
		if err != nil {
			t.Errorf("%s: %v", s.ID, err)
			continue
		}
		b := a.Image.Bounds()
		t.Logf("%s: %d textures in a %d×%d atlas (%.1f MB)", s.ID, len(textures), b.Dx(), b.Dy(), float64(4*b.Dx()*b.Dy())/(1<<20))
		checkLayout(t, s.ID, a, sizes)
	}
}
