package scenes

import (
	"errors"
	"strings"
	"testing"
)

// smallScene is a valid scene that the cases below break one way each.
const smallScene = `{
  "id": "small",
  "title": {"en": "Small"},
  "era": {"en": "Now"},
  "spawn": {"x": 1, "y": 1.6, "z": 1, "yaw": 0, "pitch": 0},
  "light": {"ambient": [0.2, 0.2, 0.2], "torch": {"color": [1, 1, 1], "intensity": 1, "range": 10},
            "fog": {"color": [0, 0, 0], "near": 5, "far": 20}},
  "rooms": [{
    "type": "box-room",
    "min": [-3, 0, -3], "max": [3, 3, 3],
    "floor": {"texture": "mogao-floor", "size": [1, 1]},
    "ceiling": {"texture": "mogao-lantern-ceiling", "size": [1.5, 1.5]},
    "walls": {
      "north": {"texture": "mogao-thousand-buddhas", "size": [1.2, 1.2]},
      "south": {"texture": "mogao-thousand-buddhas", "size": [1.2, 1.2]},
      "east": {"texture": "mogao-thousand-buddhas", "size": [1.2, 1.2]},
      "west": {"bands": [
        {"texture": "mogao-yaksha-dado", "size": [3.6, 0.9], "height": 0.9},
        {"texture": "mogao-thousand-buddhas", "size": [1.2, 1.2]}
      ]}
    }
  }],
  "solids": [{
    "type": "central-pillar", "center": [-1, -1], "width": 1, "depth": 1, "height": 3,
    "faces": {
      "north": {"texture": "mogao-pillar-niche", "size": [1, 2]},
      "south": {"texture": "mogao-pillar-niche", "size": [1, 2]},
      "east": {"texture": "mogao-pillar-niche", "size": [1, 2]},
      "west": {"texture": "mogao-pillar-niche", "size": [1, 2]}
    }
  }]
}`

func TestParseSmallScene(t *testing.T) {
	s, err := Parse("small.json", []byte(smallScene))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	if _, err := s.Compile(); err != nil {
		t.Fatalf("Compile: %v", err)
	}
}

// TestParseErrors checks that each kind of mistake is reported with the
// file, the place and a fix a curator can act on.
func TestParseErrors(t *testing.T) {
	tests := []struct {
		name     string
		old, new string   // replace old with new in smallScene
		want     []string // substrings of the message
	}{
		{"malformed JSON", `"era": {"en": "Now"},`, `"era": {"en": "Now"}`,
			[]string{"bad.json:5:3:", "malformed JSON", "missing comma"}},
		{"truncated file", smallScene[200:], "",
			[]string{"bad.json:", "ends too early"}},
		{"unknown primitive", `"type": "box-room"`, `"type": "box-rom"`,
			[]string{"bad.json:9:13: rooms[0].type:", `"box-rom" is not a known room primitive`, `"box-room"`}},
		{"unknown solid", `"type": "central-pillar"`, `"type": "pagoda"`,
			[]string{"solids[0].type:", `"pagoda" is not a known solid primitive`}},
		{"missing texture name", `"floor": {"texture": "mogao-floor", "size": [1, 1]}`, `"floor": {"size": [1, 1]}`,
			[]string{"rooms[0].floor.texture:", "no texture is given", "name a texture"}},
		{"zero texture size", `"east": {"texture": "mogao-thousand-buddhas", "size": [1.2, 1.2]}`, `"east": {"texture": "mogao-thousand-buddhas", "size": [0, 1.2]}`,
			[]string{"rooms[0].walls.east.size:", "[0 1.2] is not two positive sizes", "real size in metres"}},
		{"negative band height", `"height": 0.9`, `"height": -0.9`,
			[]string{"rooms[0].walls.west.bands[0].height:", "not a positive height"}},
		{"bands too tall", `"height": 0.9`, `"height": 3.5`,
			[]string{"rooms[0].walls.west.bands:", "3.5 m high but the surface is 3 m high"}},
		{"room with no size", `"max": [3, 3, 3]`, `"max": [3, 0, 3]`,
			[]string{"rooms[0].max:", "non-positive size 0 along y"}},
		{"pillar with no height", `"height": 3,`, `"height": 0,`,
			[]string{"solids[0].height:", "0 is not a positive size"}},
		{"spawn inside the pillar", `"x": 1, "y": 1.6, "z": 1`, `"x": -1, "y": 1.6, "z": -1`,
			[]string{"bad.json:5:12: spawn:", "inside or touching solids[0]", "move the spawn point"}},
		{"spawn outside the rooms", `"x": 1, "y": 1.6, "z": 1`, `"x": 10, "y": 1.6, "z": 1`,
			[]string{"bad.json:5:12: spawn:", "outside every room"}},
		{"misspelt key", `"height": 3,`, `"heigth": 3,`,
			[]string{"bad.json:24:75:", "heigth: is not a known key", "check the spelling"}},
		{"wrong kind of value", `"width": 1,`, `"width": "1",`,
			[]string{"bad.json:24:60:", "solids[0].width", "must be a number"}},
		{"no English title", `"title": {"en": "Small"}`, `"title": {"zh": "小"}`,
			[]string{"title:", "no English text"}},
	}
	for _, tt := range tests {
		src := strings.Replace(smallScene, tt.old, tt.new, 1)
		if src == smallScene {
			t.Fatalf("%s: the replacement did not change the scene", tt.name)
		}
		_, err := Parse("bad.json", []byte(src))
		if err == nil {
			t.Errorf("%s: no error", tt.name)
			continue
		}
		var se *Error
		if !errors.As(err, &se) {
			t.Errorf("%s: error %T is not *scenes.Error", tt.name, err)
		}
		for _, w := range tt.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s: error %q does not contain %q", tt.name, err, w)
			}
		}
	}
}
