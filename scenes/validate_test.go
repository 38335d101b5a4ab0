package scenes

import (
	"os"
	"strings"
	"testing"
)

// known is what the broken scenes may refer to: the built-in textures and
// a second scene for portals.
func knownForTests() Known {
	tex := map[string]bool{}
	for _, n := range []string{"mogao-floor", "mogao-lantern-ceiling", "mogao-thousand-buddhas", "mogao-yaksha-dado",
		"mogao-deer-jataka", "mogao-pillar-niche"} {
		tex[n] = true
	}
	return Known{Textures: tex, Scenes: map[string]bool{"base": true, "other": true}, ID: "base"}
}

func TestValidateBaseSceneIsSound(t *testing.T) {
	data, err := os.ReadFile("testdata/broken/base.json")
	if err != nil {
		t.Fatal(err)
	}
	s, errs := Validate("base.json", data, knownForTests())
	if len(errs) > 0 {
		t.Fatalf("the unbroken scene has mistakes:\n%v", errs)
	}
	if len(s.Hotspots) != 2 || len(s.Portals) != 1 || len(s.Tour) != 2 {
		t.Errorf("read %d hotspots, %d portals, %d tour stops; want 2, 1, 2", len(s.Hotspots), len(s.Portals), len(s.Tour))
	}
}

// TestValidateMessages breaks the sound scene testdata/broken/base.json
// one way each and checks the exact lines a curator reads: the place of
// the value, the field, what is wrong and how to fix it, every mistake of
// the file, in file order.
func TestValidateMessages(t *testing.T) {
	data, err := os.ReadFile("testdata/broken/base.json")
	if err != nil {
		t.Fatal(err)
	}
	base := string(data)
	tests := []struct {
		name  string
		edits [][2]string // replace [0] with [1], each once
		want  []string
	}{
		{"malformed JSON", [][2]string{{"\"era\": {\"en\": \"Test scene, not a heritage site\"},", "\"era\": {\"en\": \"Test scene, not a heritage site\"}"}}, []string{
			"base.json:5:3: malformed JSON: missing comma: expected ',' or '}' after the value of \"era\" but found '\"'; check for a missing comma, quote or bracket just before this place",
		}},
		{"truncated file", [][2]string{{"\"dwell\": 15}\n  ]\n}", "\"dwell\": 15}\n  ]"}}, []string{
			"base.json:59:1: malformed JSON: the file ends too early: missing comma: expected ',' or '}' after the value of \"tour\" but found the end of the file; check for a missing comma, quote or bracket just before this place",
		}},
		{"trailing comma", [][2]string{{"\"yaw\": 1.5708, \"pitch\": 0},\n  \"light\"", "\"yaw\": 1.5708, \"pitch\": 0,},\n  \"light\""}}, []string{
			"base.json:5:65: malformed JSON: a comma before '}' (JSON allows no trailing comma); check for a missing comma, quote or bracket just before this place",
		}},
		{"unknown keys everywhere", [][2]string{{"\"summary\": {\"en\": \"A story band.\"", "\"sumary\": {\"en\": \"A story band.\""}, {"\"dwell\": 20", "\"dwel\": 20"}}, []string{
			"base.json:40:7: hotspots[0].sumary: is not a known key; check the spelling: the keys allowed here are \"id\", \"image\", \"position\", \"summary\", \"text\", \"title\"",
			"base.json:56:88: tour[0].dwel: is not a known key; check the spelling: the keys allowed here are \"dwell\", \"hotspot\", \"pose\"",
		}},
		{"wrong kinds of value", [][2]string{{"\"width\": 1,", "\"width\": \"1\","}, {"\"position\": [-3, 1.5, 1]", "\"position\": [-3, 1.5]"}}, []string{
			"base.json:27:60: solids[0].width: is text but must be a number; write a value of the right kind (numbers without quotes, text in quotes, lists in [ ], objects in { })",
			"base.json:38:19: hotspots[0].position: has 2 values but needs 3; write exactly 3 numbers, e.g. [1, 2, 3]",
		}},
		{"unknown room primitive", [][2]string{{"\"type\": \"box-room\"", "\"type\": \"box-rom\""}}, []string{
			"base.json:12:13: rooms[0].type: \"box-rom\" is not a known room primitive; the known room primitives are: \"box-room\"",
		}},
		{"unknown solid primitive", [][2]string{{"\"type\": \"central-pillar\"", "\"type\": \"pagoda\""}}, []string{
			// The list grows with the primitives; it is every type
			// solidChecks knows, sorted.
			"base.json:27:13: solids[0].type: \"pagoda\" is not a known solid primitive; the known solid primitives are: " + quoteList(solidChecks),
		}},
		{"unknown ceiling shape", [][2]string{{"\"ceiling\": {\"texture\": \"mogao-lantern-ceiling\", \"size\": [1.5, 1.5]}", "\"ceiling\": {\"front\": \"east\", \"parts\": [{\"shape\": \"dome\", \"surface\": {\"texture\": \"mogao-lantern-ceiling\", \"size\": [1.5, 1.5]}}]}"}}, []string{
			"base.json:15:54: rooms[0].ceiling.parts[0].shape: \"dome\" is not a known ceiling shape; use one of \"flat\", \"gable\", \"truncated-pyramid\" or \"coffered\"",
		}},
		{"texture not found", [][2]string{{"{\"texture\": \"mogao-deer-jataka\", \"size\": [4, 1]}", "{\"texture\": \"mogao-deer\", \"size\": [4, 1]}"}, {"\"image\": {\"texture\": \"mogao-pillar-niche\"", "\"image\": {\"texture\": \"photo-1\""}}, []string{
			"base.json:22:21: rooms[0].walls.west.bands[1].texture: texture \"mogao-deer\" not found; use one of the built-in textures (see assets/textures) or put mogao-deer.png in the content directory's textures/",
			"base.json:48:28: hotspots[1].image.texture: texture \"photo-1\" not found; use one of the built-in textures (see assets/textures) or put photo-1.png in the content directory's textures/",
		}},
		{"spawn inside the pillar", [][2]string{{"\"x\": 2, \"y\": 1.6, \"z\": 0", "\"x\": -1, \"y\": 1.6, \"z\": -1.2"}}, []string{
			"base.json:5:12: spawn: (-1, 1.6, -1.2) is inside or touching solids[0]; move the spawn point at least 0.25 m away from solids[0]",
		}},
		{"tour walks through the pillar", [][2]string{{"{\"x\": 1, \"y\": 1.6, \"z\": -1, \"yaw\"", "{\"x\": -2.5, \"y\": 1.6, \"z\": -2.5, \"yaw\""}}, []string{
			"base.json:57:14: tour[1].pose: the straight walk from tour[0] (1, 1) is blocked at (-0.32, -0.32) by a wall or solid; routes are walked in straight lines: add a stop before this one (a waypoint: \"dwell\": 1, no hotspot) that walks round it",
		}},
		{"spawn outside every room", [][2]string{{"\"x\": 2, \"y\": 1.6, \"z\": 0", "\"x\": 12, \"y\": 1.6, \"z\": 0"}}, []string{
			"base.json:5:12: spawn: (12, 1.6, 0) is outside every room; put the spawn point inside a room, eye height about 1.6 m above the floor",
		}},
		{"hotspot off the wall", [][2]string{{"\"position\": [-3, 1.5, 1]", "\"position\": [-2.8, 1.5, 1]"}}, []string{
			"base.json:38:19: hotspots[0].position: [-2.8 1.5 1] is not on a surface; put the point within 5 cm of a wall, pillar face, floor or ceiling (the nearest surface is rooms[0].walls.west.bands[1], 0.20 m away)",
		}},
		{"hotspot beside the pillar", [][2]string{{"\"position\": [-0.5, 1.5, -1]", "\"position\": [-0.5, 1.5, 0.2]"}}, []string{
			"base.json:45:19: hotspots[1].position: [-0.5 1.5 0.2] is not on a surface; put the point within 5 cm of a wall, pillar face, floor or ceiling (the nearest surface is solids[0].faces.south, 0.70 m away)",
		}},
		{"duplicate hotspot id", [][2]string{{"\"id\": \"niche\"", "\"id\": \"deer\""}}, []string{
			"base.json:44:13: hotspots[1].id: \"deer\" is already the id of hotspots[0]; give every hotspot of the scene its own id",
			"base.json:57:81: tour[1].hotspot: hotspot \"niche\" not found; use the id of one of the scene's hotspots: \"deer\"",
		}},
		{"language missing in one hotspot", [][2]string{{"\"title\": {\"en\": \"The niche\", \"zh\": \"龛\"}", "\"title\": {\"en\": \"The niche\"}"}, {"\"text\": {\"en\": \"The deer saves a drowning man.\", \"zh\": \"九色鹿救溺人。\"}", "\"text\": {\"en\": \"The deer saves a drowning man.\", \"zh\": \"九色鹿救溺人。\", \"fr\": \"Le cerf sauve un homme.\"}"}}, []string{
			"base.json:46:16: hotspots[1].title: has no \"zh\" text but hotspots[0] (deer) has one; add \"zh\" to it, or remove \"zh\" from every hotspot's title",
		}},
		{"hotspot title without English", [][2]string{{"\"title\": {\"en\": \"The deer\", \"zh\": \"鹿王\"}", "\"title\": {\"zh\": \"鹿王\"}"}, {"\"title\": {\"en\": \"The niche\", \"zh\": \"龛\"}", "\"title\": {\"zh\": \"龛\"}"}}, []string{
			"base.json:39:16: hotspots[0].title: has no English text; add \"title\": {\"en\": \"...\"} (other languages are optional)",
			"base.json:46:16: hotspots[1].title: has no English text; add \"title\": {\"en\": \"...\"} (other languages are optional)",
		}},
		{"portal to an unknown scene", [][2]string{{"\"to\": \"other\"", "\"to\": \"mogao-999\""}}, []string{
			"base.json:52:30: portals[0].to: scene \"mogao-999\" not found; use the id of a built-in scene or of a scene file in the content directory: \"base\", \"other\"",
		}},
		{"portal area outside the rooms", [][2]string{{"\"center\": [2, 2], \"size\": [1, 1]", "\"center\": [2.8, 2], \"size\": [1, 1]"}}, []string{
			"base.json:52:5: portals[0]: the corner (3.3, 1.5) of the area is outside every room; move \"center\" or shrink \"size\" so the whole floor area lies inside the rooms",
		}},
		{"tour stop hotspot unknown", [][2]string{{"\"hotspot\": \"niche\", \"dwell\": 15", "\"hotspot\": \"nich\", \"dwell\": 15"}}, []string{
			"base.json:57:81: tour[1].hotspot: hotspot \"nich\" not found; use the id of one of the scene's hotspots: \"deer\", \"niche\"",
		}},
		{"tour dwell out of range", [][2]string{{"\"dwell\": 20", "\"dwell\": 0"}, {"\"dwell\": 15", "\"dwell\": 900"}}, []string{
			"base.json:56:97: tour[0].dwell: 0 is out of range; give the pause at the stop in seconds, from 1 to 600",
			"base.json:57:99: tour[1].dwell: 900 is out of range; give the pause at the stop in seconds, from 1 to 600",
		}},
		{"sizes out of range", [][2]string{{"\"size\": [1, 1]},\n    \"ceiling\"", "\"size\": [-1, 1]},\n    \"ceiling\""}, {"\"height\": 3,", "\"height\": 800,"}, {"\"center\": [2, 2], \"size\": [1, 1]", "\"center\": [2, 2], \"size\": [0, 1]"}}, []string{
			"base.json:14:49: rooms[0].floor.size: [-1 1] is not two positive sizes; give the real size in metres of one repeat of the image: \"size\": [width, height], e.g. [1.2, 1.2]",
			"base.json:27:85: solids[0].height: 800 m is far too large; give the size in metres, at most 300",
			"base.json:52:65: portals[0].size: [0 1] is not two positive sizes; give the floor area's [width, depth] in metres, each from 0.01 to 300",
		}},
		{"room absurdly large", [][2]string{{"\"max\": [3, 3, 3]", "\"max\": [3, 3, 900]"}}, []string{
			"base.json:13:32: rooms[0].max: [3 3 900] is out of range; keep coordinates within ±300 m",
		}},
		{"title missing en", [][2]string{{"\"title\": {\"en\": \"Test cave\", \"zh\": \"测试窟\"}", "\"title\": {\"zh\": \"测试窟\"}"}}, []string{
			"base.json:3:12: title: has no English text; add \"title\": {\"en\": \"...\"} (other languages are optional)",
		}},
		{"id not the file name", [][2]string{{"\"id\": \"base\"", "\"id\": \"base-2\""}}, []string{
			"base.json:2:9: id: is \"base-2\" but the file is named base.json; set \"id\": \"base\" or rename the file to base-2.json",
		}},
		{"spawn looks past straight up", [][2]string{{"\"yaw\": 1.5708, \"pitch\": 0},\n  \"light\"", "\"yaw\": 1.5708, \"pitch\": 2},\n  \"light\""}}, []string{
			"base.json:5:63: spawn.pitch: 2 looks past straight up or down; use radians within ±1.5708",
		}},
		{"several mistakes sorted by place", [][2]string{{"\"dwell\": 15", "\"dwell\": -1"}, {"\"id\": \"base\"", "\"id\": \"Base\""}, {"\"near\": 5, \"far\": 20", "\"near\": 30, \"far\": 20"}}, []string{
			"base.json:2:9: id: \"Base\" is not a valid scene id; use lower-case letters, digits and hyphens, e.g. \"mogao-257\"",
			"base.json:9:12: light.fog: near 30 and far 20 do not make a fog range; give near and far distances in metres with 0 ≤ near < far, e.g. \"near\": 5, \"far\": 20",
			"base.json:57:99: tour[1].dwell: -1 is out of range; give the pause at the stop in seconds, from 1 to 600",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := base
			for _, e := range tt.edits {
				next := strings.Replace(src, e[0], e[1], 1)
				if next == src {
					t.Fatalf("the edit %q did not change the scene", e[0])
				}
				src = next
			}
			s, errs := Validate("base.json", []byte(src), knownForTests())
			if s != nil && len(errs) > 0 {
				t.Errorf("returned a scene along with mistakes")
			}
			var got []string
			for _, e := range errs {
				got = append(got, e.String())
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got\n\t%s\nwant\n\t%s", strings.Join(got, "\n\t"), strings.Join(tt.want, "\n\t"))
			}
		})
	}
}

// The complete example in README.md is a sound scene.
func TestReadmeExampleIsSound(t *testing.T) {
	doc, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(doc), "## A complete small scene\n\n```json\n")
	example, _, ok2 := strings.Cut(rest, "```")
	if !ok || !ok2 {
		t.Fatal("README.md has no complete example scene")
	}
	known := knownForTests()
	known.ID, known.Scenes = "example", map[string]bool{"example": true, "mogao-257": true}
	if _, errs := Validate("README.md example", []byte(example), known); len(errs) > 0 {
		t.Errorf("the example has mistakes:\n%v", errs)
	}
}

// What only building the geometry shows (an opening wider than its wall)
// is reported at the field, like every other mistake.
func TestValidateReportsCompilerMistakesAtTheField(t *testing.T) {
	data, err := os.ReadFile("testdata/broken/base.json")
	if err != nil {
		t.Fatal(err)
	}
	src := strings.Replace(string(data), `"walls": {`, `"openings": [{"wall": "east", "offset": 0, "width": 9, "height": 2}],
    "walls": {`, 1)
	_, errs := Validate("base.json", []byte(src), knownForTests())
	if len(errs) != 1 || !strings.HasPrefix(errs[0].String(), "base.json:16:18: rooms[0].openings[0]: ") || errs[0].Fix == "" {
		t.Errorf("got %v; want one mistake at base.json:16:18: rooms[0].openings[0] with a fix", errs)
	}
}
