package main

import (
	"bytes"
	"encoding/json"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"yunyou/scenes"
	"yunyou/server/catalog"
	"yunyou/server/servertest"
)

// contentDir writes a content directory: the scene cave-x.json (the sound
// test scene of the scenes package, its north wall showing the curator's
// photograph cave-photo.jpg, its portal leading to Cave 257) and
// textures/cave-photo.jpg of w×h pixels.
func contentDir(t *testing.T, w, h int) string {
	t.Helper()
	data, err := os.ReadFile("../scenes/testdata/broken/base.json")
	if err != nil {
		t.Fatal(err)
	}
	scene := string(data)
	for _, e := range [][2]string{
		{`"id": "base"`, `"id": "cave-x"`},
		{`"to": "other"`, `"to": "mogao-257"`},
		{`"north": {"texture": "mogao-thousand-buddhas"`, `"north": {"texture": "cave-photo"`},
	} {
		if !strings.Contains(scene, e[0]) {
			t.Fatalf("the test scene lacks %s", e[0])
		}
		scene = strings.Replace(scene, e[0], e[1], 1)
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "cave-x.json"), []byte(scene), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(dir, "textures"), 0o755); err != nil {
		t.Fatal(err)
	}
	// A "photograph": a smooth gradient, which JPEG keeps close.
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			img.Set(x, y, color.RGBA{uint8(x * 255 / w), uint8(y * 255 / h), 90, 255})
		}
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 90}); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "textures", "cave-photo.jpg"), buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// The validate subcommand prints every mistake of every file, one line
// each, then a summary, and exits 1; a sound directory gets "N scenes OK"
// and exit code 0.
func TestValidateCommand(t *testing.T) {
	dir := contentDir(t, 64, 32)
	var out bytes.Buffer
	if code := validate([]string{dir}, &out); code != 0 || out.String() != "1 scene OK\n" {
		t.Fatalf("sound directory: exit %d, output %q; want 0, \"1 scene OK\\n\"", code, out.String())
	}

	broken := `{
  "id": "cave-y",
  "title": {"zh": "窟"},
  "era": {"en": "Test"},
  "spawn": {"x": 0, "y": 1.6, "z": 0, "yaw": 0, "pitch": 0},
  "light": {"ambient": [0.2, 0.2, 0.2], "torch": {"color": [1, 1, 1], "intensity": 1, "range": 10}, "fog": {"color": [0, 0, 0], "near": 5, "far": 20}},
  "rooms": [{"type": "box-room", "min": [-2, 0, -2], "max": [2, 3, 2],
    "floor": {"texture": "mogao-floor", "size": [1, 1]},
    "ceiling": {"texture": "mogao-lantern-ceiling", "size": [1, 1]},
    "walls": {"north": {"texture": "cave-photo", "size": [2, 1]}, "south": {"texture": "mogao-floor", "size": [1, 1]},
      "east": {"texture": "no-such-image", "size": [1, 1]}, "west": {"texture": "mogao-floor", "size": [1, 1]}}}],
  "portals": [{"id": "back", "to": "cave-x", "center": [0, 1], "size": [1, 1]}, {"id": "away", "to": "cave-z", "center": [0, -1], "size": [1, 1]}]
}`
	brokenFile := filepath.Join(dir, "cave-y.json")
	if err := os.WriteFile(brokenFile, []byte(broken), 0o644); err != nil {
		t.Fatal(err)
	}
	out.Reset()
	code := validate([]string{dir}, &out)
	want := brokenFile + `:3:12: title: has no English text; add "title": {"en": "..."} (other languages are optional)
` + brokenFile + `:11:27: rooms[0].walls.east.texture: texture "no-such-image" not found; use one of the built-in textures (see assets/textures) or put no-such-image.png in the content directory's textures/
` + brokenFile + `:12:102: portals[1].to: scene "cave-z" not found; use the id of a built-in scene or of a scene file in the content directory: ` + sceneList(t, "cave-x", "cave-y") + `
3 problems in 1 file
`
	if code != 1 || out.String() != want {
		t.Errorf("broken file: exit %d, output\n%s\nwant exit 1, output\n%s", code, out.String(), want)
	}

	// A single file finds the textures beside it too.
	out.Reset()
	if code := validate([]string{filepath.Join(dir, "cave-x.json")}, &out); code != 0 || out.String() != "1 scene OK\n" {
		t.Errorf("one sound file: exit %d, output %q", code, out.String())
	}
}

// A content directory adds its scenes and photographs: the API lists the
// scene with the photograph's URL, and the photograph is served as PNG at
// its size.
func TestContentDirectoryIsServed(t *testing.T) {
	dir := contentDir(t, 96, 48)
	cat, err := catalog.Load(dir)
	if err != nil {
		t.Fatalf("loading %s: %v", dir, err)
	}
	srv := servertest.Start(t, servertest.WithCatalog(cat))
	body := get(t, srv.URL+"/api/scenes")
	var list struct {
		Scenes []struct {
			ID       string   `json:"id"`
			Textures []string `json:"textures"`
		} `json:"scenes"`
	}
	if err := json.Unmarshal(body, &list); err != nil {
		t.Fatal(err)
	}
	var ids []string
	var textures []string
	for _, s := range list.Scenes {
		ids = append(ids, s.ID)
		if s.ID == "cave-x" {
			textures = s.Textures
		}
	}
	if !strings.Contains(strings.Join(textures, " "), "/assets/textures/cave-photo.png") {
		t.Fatalf("scenes %v; cave-x's textures %v lack /assets/textures/cave-photo.png", ids, textures)
	}
	if !strings.Contains(strings.Join(ids, " "), "mogao-257") {
		t.Errorf("the built-in scenes are gone: %v", ids)
	}
	img, err := png.Decode(bytes.NewReader(get(t, srv.URL+"/assets/textures/cave-photo.png")))
	if err != nil {
		t.Fatalf("the photograph is not served as PNG: %v", err)
	}
	if b := img.Bounds(); b.Dx() != 96 || b.Dy() != 48 {
		t.Errorf("the photograph is %v, want 96×48", b)
	}
	// The left edge of the gradient is dark red, the right bright red.
	r0, _, _, _ := img.At(2, 24).RGBA()
	r1, _, _, _ := img.At(93, 24).RGBA()
	if !(r0 < 0x3000 && r1 > 0xd000) {
		t.Errorf("red at the left %#x and right %#x: not the photograph's gradient", r0, r1)
	}
}

// Photographs over MaxTextureSide pixels on a side are refused with the
// file and what to do.
func TestOversizedPhotographIsRefused(t *testing.T) {
	dir := contentDir(t, catalog.MaxTextureSide+1, 8)
	_, err := catalog.Load(dir)
	want := filepath.Join(dir, "textures", "cave-photo.jpg") + ": is 1025×8 pixels, larger than 1024 on a side; scale it down"
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("error %v; want one containing %q", err, want)
	}
}

// The server does not start with a faulty scene in -content, and prints
// the scene's mistakes as validate does.
func TestServerRefusesAnInvalidContentScene(t *testing.T) {
	dir := contentDir(t, 8, 8)
	file := filepath.Join(dir, "cave-x.json")
	data, _ := os.ReadFile(file)
	bad := strings.Replace(string(data), `"dwell": 20`, `"dwell": 0`, 1)
	if err := os.WriteFile(file, []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	err := run([]string{"-content", dir, "-addr", "127.0.0.1:0", "-data", t.TempDir(), "-client", t.TempDir()}, log)
	if err == nil {
		t.Fatal("the server started with a faulty scene")
	}
	var out bytes.Buffer
	if !printSceneErrors(&out, err) {
		t.Fatalf("error %v is not a list of scene mistakes", err)
	}
	want := file + ":56:97: tour[0].dwell: 0 is out of range; give the pause at the stop in seconds, from 1 to 600\n"
	if out.String() != want {
		t.Errorf("printed\n%s\nwant\n%s", out.String(), want)
	}
}

func get(t *testing.T, url string) []byte {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %d %v", url, resp.StatusCode, err)
	}
	return body
}

// sceneList quotes the built-in scene ids and more, sorted, as messages
// list them.
func sceneList(t *testing.T, more ...string) string {
	t.Helper()
	files, err := scenes.BuiltinFiles()
	if err != nil {
		t.Fatal(err)
	}
	ids := more
	for _, f := range files {
		ids = append(ids, strconv.Quote(f.ID()))
	}
	for i := range more {
		ids[i] = strconv.Quote(more[i])
	}
	sort.Strings(ids)
	return strings.Join(ids, ", ")
}
