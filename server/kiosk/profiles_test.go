package kiosk

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

var testScenes = []string{"mogao-249", "mogao-257", "palace-taihe"}

func TestParseNamesEachMistake(t *testing.T) {
	tests := []struct {
		name, file string
		want       []string // the lines of the message, in order
	}{
		{"malformed JSON", "{\"kiosks\": [\n  {\"name\": \"hall\",}\n]}",
			[]string{`kiosks.json:2:20: is not valid JSON: invalid character '}' looking for beginning of object key string; a kiosks file is {"kiosks": [...]}; check the brackets, quotes and commas near there`}},
		{"not an object", `[1]`,
			[]string{`kiosks.json: is not a JSON object; a kiosks file is {"kiosks": [...]}`}},
		{"no kiosks field", `{"kiosk": []}`,
			[]string{
				`kiosks.json: kiosk: is not a field of a kiosks file; the file holds one field, "kiosks": a list of kiosks`,
				`kiosks.json: kiosks: is missing; write {"kiosks": [{"name": "hall", "scenes": [...]}]}`,
			}},
		{"empty list", `{"kiosks": []}`,
			[]string{`kiosks.json: kiosks: lists no kiosks; add at least one kiosk, or start the server without -kiosks to use only the built-in default`}},
		{"unknown scene", `{"kiosks": [{"name": "hall", "scenes": ["mogao-257", "mogao-999"]}]}`,
			[]string{`kiosks.json: kiosks[0] "hall": scenes[1]: "mogao-999" is not a scene; the scenes are mogao-249, mogao-257, palace-taihe`}},
		{"unknown language", `{"kiosks": [{"name": "hall", "languages": ["zh", "de"]}]}`,
			[]string{`kiosks.json: kiosks[0] "hall": languages[1]: "de" is not a language Yunyou speaks; use some of zh, en, fr, es, ru, ar`}},
		{"language twice", `{"kiosks": [{"name": "hall", "languages": ["zh", "en", "zh"]}]}`,
			[]string{`kiosks.json: kiosks[0] "hall": languages[2]: "zh" is listed twice; list each language once`}},
		{"idle timeout too short", `{"kiosks": [{"name": "hall", "idleTimeout": 2}]}`,
			[]string{`kiosks.json: kiosks[0] "hall": idleTimeout: 2 is out of range; use a whole number of seconds from 5 to 3600 (default 60)`}},
		{"idle timeout too long", `{"kiosks": [{"name": "hall", "idleTimeout": 7200}]}`,
			[]string{`kiosks.json: kiosks[0] "hall": idleTimeout: 7200 is out of range; use a whole number of seconds from 5 to 3600 (default 60)`}},
		{"idle timeout not a number", `{"kiosks": [{"name": "hall", "idleTimeout": "60"}]}`,
			[]string{`kiosks.json: kiosks[0] "hall": idleTimeout: "60" is not a number; give the seconds without a touch before the attract loop returns, 5 to 3600`}},
		{"duplicate names", `{"kiosks": [{"name": "hall"}, {"name": "cave"}, {"name": "hall"}]}`,
			[]string{`kiosks.json: kiosks[2] "hall": name: "hall" is already the name of kiosks[0]; give each kiosk its own name`}},
		{"duplicate name of a faulty kiosk", `{"kiosks": [{"name": "hall"}, {"name": "hall", "walk": "fly"}]}`,
			[]string{
				`kiosks.json: kiosks[1] "hall": walk: "fly" is not a way of walking; use "free" (visitors walk freely) or "route" (visitors step along the tour route)`,
				`kiosks.json: kiosks[1] "hall": name: "hall" is already the name of kiosks[0]; give each kiosk its own name`,
			}},
		{"unknown field", `{"kiosks": [{"name": "hall", "idle": 60, "Walk": "free"}]}`,
			[]string{
				`kiosks.json: kiosks[0] "hall": Walk: is not a field of a kiosk; the fields are name, scenes, languages, idleTimeout, walk (names are case-sensitive)`,
				`kiosks.json: kiosks[0] "hall": idle: is not a field of a kiosk; the fields are name, scenes, languages, idleTimeout, walk (names are case-sensitive)`,
			}},
		{"bad name", `{"kiosks": [{"name": "Main Hall"}]}`,
			[]string{`kiosks.json: kiosks[0]: name: "Main Hall" is not a kiosk name; use 1 to 40 lower-case letters, digits and '-', such as "dunhuang-hall"`}},
		{"no name", `{"kiosks": [{"scenes": ["mogao-257"]}]}`,
			[]string{`kiosks.json: kiosks[0]: name: is missing; give the kiosk a name of lower-case letters, digits and '-', such as "dunhuang-hall"; it appears in the URL /kiosk/NAME`}},
		{"bad walk", `{"kiosks": [{"name": "hall", "walk": "fly"}]}`,
			[]string{`kiosks.json: kiosks[0] "hall": walk: "fly" is not a way of walking; use "free" (visitors walk freely) or "route" (visitors step along the tour route)`}},
		{"no scenes", `{"kiosks": [{"name": "hall", "scenes": []}]}`,
			[]string{`kiosks.json: kiosks[0] "hall": scenes: lists no scenes; list the scenes the kiosk tours, in order, or leave the field out to tour every scene`}},
		{"every mistake of a file", `{"kiosks": [{"name": "a", "scenes": ["x"]}, {"name": "b", "walk": "fly"}]}`,
			[]string{
				`kiosks.json: kiosks[0] "a": scenes[0]: "x" is not a scene; the scenes are mogao-249, mogao-257, palace-taihe`,
				`kiosks.json: kiosks[1] "b": walk: "fly" is not a way of walking; use "free" (visitors walk freely) or "route" (visitors step along the tour route)`,
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := Parse("kiosks.json", []byte(tt.file), testScenes)
			if err == nil {
				t.Fatalf("Parse accepted the faulty file, giving kiosks %v", p.Names())
			}
			if got := strings.Split(err.Error(), "\n"); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("message:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

func TestDefaultProfileToursEveryScene(t *testing.T) {
	want := Profile{Name: "default", Scenes: testScenes, Languages: []string{"en", "zh", "fr", "es", "ru", "ar"}, IdleTimeout: 60, Walk: "free"}
	got, ok := Default(testScenes).Get("default")
	if !ok || !reflect.DeepEqual(got, want) {
		t.Errorf("built-in default = %+v, %v; want %+v", got, ok, want)
	}

	p, err := Parse("kiosks.json", []byte(`{"kiosks": [{"name": "dunhuang-hall", "scenes": ["mogao-257", "mogao-249"], "languages": ["zh", "en"], "idleTimeout": 90, "walk": "route"}]}`), testScenes)
	if err != nil {
		t.Fatal(err)
	}
	if names := p.Names(); !reflect.DeepEqual(names, []string{"default", "dunhuang-hall"}) {
		t.Errorf("kiosks = %v; want the built-in default and the file's", names)
	}
	if got, _ := p.Get("default"); !reflect.DeepEqual(got, want) {
		t.Errorf("default beside a file = %+v; want %+v", got, want)
	}
	hall, _ := p.Get("dunhuang-hall")
	wantHall := Profile{Name: "dunhuang-hall", Scenes: []string{"mogao-257", "mogao-249"}, Languages: []string{"zh", "en"}, IdleTimeout: 90, Walk: "route"}
	if !reflect.DeepEqual(hall, wantHall) {
		t.Errorf("dunhuang-hall = %+v; want %+v", hall, wantHall)
	}

	// A file's "default" replaces the built-in one; fields left out take
	// their defaults.
	p, err = Parse("kiosks.json", []byte(`{"kiosks": [{"name": "hall"}, {"name": "default", "scenes": ["palace-taihe"], "languages": ["fr"]}]}`), testScenes)
	if err != nil {
		t.Fatal(err)
	}
	if names := p.Names(); !reflect.DeepEqual(names, []string{"hall", "default"}) {
		t.Errorf("kiosks = %v; want the file's two", names)
	}
	def, _ := p.Get("default")
	if wantDef := (Profile{Name: "default", Scenes: []string{"palace-taihe"}, Languages: []string{"fr"}, IdleTimeout: 60, Walk: "free"}); !reflect.DeepEqual(def, wantDef) {
		t.Errorf("the file's default = %+v; want %+v", def, wantDef)
	}
	if hall, _ := p.Get("hall"); !reflect.DeepEqual(hall.Scenes, testScenes) || hall.IdleTimeout != 60 {
		t.Errorf("a kiosk without scenes = %+v; want every scene and 60 s", hall)
	}
}

func TestLoad(t *testing.T) {
	p, err := Load("", testScenes)
	if err != nil || !reflect.DeepEqual(p.Names(), []string{"default"}) {
		t.Errorf("Load without a file = %v, %v; want the built-in default", p, err)
	}
	missing := filepath.Join(t.TempDir(), "kiosks.json")
	if _, err := Load(missing, testScenes); err == nil || !strings.Contains(err.Error(), missing+": cannot be read") {
		t.Errorf("Load of a missing file: %v; want it named", err)
	}
	path := filepath.Join(t.TempDir(), "gallery.json")
	if err := os.WriteFile(path, []byte(`{"kiosks": [{"name": "hall", "walk": "fly"}]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(path, testScenes); err == nil || !strings.HasPrefix(err.Error(), path+`: kiosks[0] "hall": walk:`) {
		t.Errorf("Load of a faulty file: %v; want the file's path first", err)
	}
}
