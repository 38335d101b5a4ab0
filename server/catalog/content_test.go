package catalog_test

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"yunyou/scenes"
	"yunyou/server/catalog"
)

// A content directory's scene replaces the built-in one with the same id,
// and its image replaces the built-in texture with the same name; the
// other built-in scenes stay.
func TestContentReplacesBuiltins(t *testing.T) {
	files, err := scenes.BuiltinFiles()
	if err != nil {
		t.Fatal(err)
	}
	var cave []byte
	for _, f := range files {
		if f.ID() == "mogao-257" {
			cave = f.Data
		}
	}
	if cave == nil {
		t.Fatal("no built-in mogao-257")
	}
	dir := t.TempDir()
	// The first "en" text of the file is the scene's title.
	edited := strings.Replace(string(cave), `"en": "`, `"en": "Cave 257 (curators' copy)", "la": "`, 1)
	if edited == string(cave) {
		t.Fatal("the title edit did not apply")
	}
	if err := os.WriteFile(filepath.Join(dir, "mogao-257.json"), []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(dir, "textures"), 0o755); err != nil {
		t.Fatal(err)
	}
	img := image.NewRGBA(image.Rect(0, 0, 4, 4))
	for i := range img.Pix {
		img.Pix[i] = 0xff
	}
	img.Set(0, 0, color.RGBA{0, 0, 0, 255})
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "textures", "mogao-floor.png"), buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}

	cat, err := catalog.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(cat.Scenes()) != len(files) {
		t.Errorf("%d scenes; want the %d built-in ones, one replaced", len(cat.Scenes()), len(files))
	}
	s, ok := cat.Scene("mogao-257")
	if !ok || s.Title["en"] != "Cave 257 (curators' copy)" {
		t.Errorf("mogao-257's title is %q; want the content directory's", s.Title["en"])
	}
	data, err := cat.Texture("mogao-floor")
	if err != nil || !bytes.Equal(data, buf.Bytes()) {
		t.Errorf("mogao-floor is not the content directory's image (err %v)", err)
	}
}

// A content directory that is not there stops the server with the flag's
// name.
func TestMissingContentDirectory(t *testing.T) {
	_, err := catalog.Load(filepath.Join(t.TempDir(), "nowhere"))
	if err == nil || !strings.Contains(err.Error(), "-content") {
		t.Errorf("error %v; want one naming -content", err)
	}
}
