package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"

	"yunyou/protocol"
	"yunyou/scenes"
	"yunyou/server/catalog"
	"yunyou/server/servertest"
)

// The content tests use two copies of the render test room: the first has
// two hotspots and a portal at its west end leading to the second.
const (
	contentSceneA = "content-test-hall"
	contentSceneB = "content-test-annex"
)

// contentA is what the first room adds to the test room: a hotspot on the
// pillar's east face, facing the spawn; one on the north wall whose text
// has the same languages; and a portal on the floor at the west end. No
// text is in French, so French visitors read English.
const contentA = `
  "hotspots": [
    {"id": "pillar-buddha", "position": [0.6, 1.6, 0],
     "title": {"en": "Seated Buddha", "zh": "坐佛", "ar": "بوذا جالسًا"},
     "summary": {"en": "A niche in the pillar", "zh": "中心柱上的佛龛", "ar": "كوّة في العمود"},
     "text": {"en": "The Buddha sits in meditation.", "zh": "佛陀结跏趺坐，入于禅定。", "ar": "يجلس بوذا في حالة تأمل."}},
    {"id": "north-band", "position": [2, 1.5, -3],
     "title": {"en": "Story band", "zh": "故事画", "ar": "شريط القصة"},
     "summary": {"en": "A painted narrative", "zh": "连环画式的故事", "ar": "قصة مرسومة"},
     "text": {"en": "Scenes follow one another from left to right.", "zh": "画面从左到右依次展开。", "ar": "تتتابع المشاهد من اليسار إلى اليمين."},
     "image": {"texture": "test-wall-grid", "caption": {"en": "The band, photographed", "zh": "故事画照片"}}}
  ],
  "portals": [
    {"id": "to-annex", "to": "content-test-annex", "center": [-6.5, 0], "size": [2, 5],
     "label": {"en": "To the annex", "zh": "前往配殿", "ar": "إلى الملحق"},
     "arrive": {"x": 5, "y": 1.6, "z": 1, "yaw": 1.5708, "pitch": 0}}
  ],`

// contentScene makes a copy of the test room under id, with extra JSON
// fields inserted before its rooms.
func contentScene(t *testing.T, id, title, extra string) (*scenes.Scene, []byte) {
	t.Helper()
	js := strings.Replace(testSceneJSON, `"id": "render-test-room"`, fmt.Sprintf("%q: %q", "id", id), 1)
	js = strings.Replace(js, `"title": {"en": "Render test room"}`, title, 1)
	js = strings.Replace(js, `"rooms": [`, extra+"\n  \"rooms\": [", 1)
	s, err := scenes.Parse(id, []byte(js))
	if err != nil {
		t.Fatalf("the content test scene %s is not valid: %v", id, err)
	}
	return s, []byte(js)
}

// startContentRooms starts the real server offering the two content test
// rooms, with the built client.
func startContentRooms(t *testing.T) *servertest.Server {
	t.Helper()
	var list []*catalog.Scene
	for _, c := range []struct{ id, title, extra string }{
		{contentSceneA, `"title": {"en": "Test hall", "zh": "测试殿", "ar": "القاعة التجريبية"}`, contentA},
		{contentSceneB, `"title": {"en": "Test annex", "zh": "测试配殿"}`, ""},
	} {
		s, data := contentScene(t, c.id, c.title, c.extra)
		list = append(list, &catalog.Scene{
			ID: s.ID, Title: s.Title, Era: s.Era, Textures: s.Textures(),
			Spawn:  protocol.Pose{X: s.Spawn.X, Y: s.Spawn.Y, Z: s.Spawn.Z, Yaw: s.Spawn.Yaw, Pitch: s.Spawn.Pitch},
			JSON:   data,
			Inside: s.Contains,
		})
	}
	cat, err := catalog.New(list, testTextures(t))
	if err != nil {
		t.Fatalf("building the content test catalog: %v", err)
	}
	return servertest.Start(t, servertest.WithClientDir(clientDir), servertest.WithCatalog(cat))
}

// eval runs a JavaScript expression that returns a string.
func (v *visitor) eval(expr string) string {
	v.t.Helper()
	s, err := chromedp.Run(v.ctx, chromedp.Evaluate[string](expr))
	if err != nil {
		v.t.Fatalf("evaluating %s: %v", expr, err)
	}
	return s
}

// chooseLanguage picks a language from the page's menu, as a person would.
func (v *visitor) chooseLanguage(code string) {
	v.t.Helper()
	if err := chromedp.Do(v.ctx, chromedp.SetValue(chromedp.CSS("#language-menu"), code)); err != nil {
		v.t.Fatalf("choosing language %s: %v", code, err)
	}
	v.eval(`(() => { document.getElementById("language-menu").dispatchEvent(new Event("change", {bubbles: true})); return ""; })()`)
}

// clickMarker clicks a hotspot's marker once the client shows it.
func (v *visitor) clickMarker(id string) {
	v.t.Helper()
	sel := fmt.Sprintf(`.hotspot-marker[data-id=%q]`, id)
	v.waitFor("the marker "+id+" shows", fmt.Sprintf(`(() => { const m = document.querySelector(%q); return !!m && m.style.display !== "none" && m.style.transform !== ""; })()`, sel))
	if err := chromedp.Do(v.ctx, chromedp.Click(chromedp.CSS(sel))); err != nil {
		v.t.Fatalf("clicking the marker %s: %v", id, err)
	}
	v.waitFor("the hotspot panel opens", `!document.getElementById("hotspot-panel").hidden`)
}

// waitNewPage waits, across a navigation, until the client in the page
// draws scene and is connected.
func (v *visitor) waitNewPage(scene string) clientState {
	v.t.Helper()
	deadline := time.Now().Add(loadTimeout)
	var last string
	for time.Now().Before(deadline) {
		ctx, cancel := context.WithTimeout(v.ctx, 5*time.Second)
		raw, err := chromedp.Run(ctx, chromedp.Evaluate[string](`window.yunyou ? window.yunyou.state() : ""`))
		cancel()
		if err == nil && raw != "" {
			last = raw
			var s clientState
			if json.Unmarshal([]byte(raw), &s) == nil && s.Scene == scene && s.Frames > 10 && s.Connected {
				return s
			}
		}
		time.Sleep(200 * time.Millisecond)
	}
	v.t.Fatalf("the page did not open scene %s; last state: %s; page error: %q", scene, last, v.text("#error"))
	return clientState{}
}

func TestHotspotPanelInTheVisitorsLanguage(t *testing.T) {
	srv := startContentRooms(t)
	v := openVisitor(t, srv.URL+"/?name=Ana&scale=1&scene="+contentSceneA)

	// project() places markers: a point on the pillar's face toward the
	// visitor shows, one on its far face is hidden behind it.
	if got := v.eval(`(() => { const p = window.yunyou.project(0.68, 1.6, 0); return p.visible + " " + (p.x > 0 && p.x < innerWidth && p.y > 0 && p.y < innerHeight); })()`); got != "true true" {
		t.Errorf("project() of the pillar's near face: visible, on screen = %s, want true true", got)
	}
	if got := v.eval(`String(window.yunyou.project(-0.68, 1.6, 0).visible)`); got != "false" {
		t.Errorf("project() of a point behind the pillar: visible = %s, want false", got)
	}
	if got := v.eval(`document.getElementById("language-menu").value`); got != "en" {
		t.Errorf("language menu = %q with an English browser, want en", got)
	}
	v.clickMarker("pillar-buddha")
	if locked := v.eval(`String(!!document.pointerLockElement)`); locked != "false" {
		t.Errorf("clicking a marker captured the pointer for looking around")
	}
	checks := func(lang string, want map[string]string) {
		t.Helper()
		for sel, text := range want {
			if got := v.text(sel); got != text {
				t.Errorf("%s: %s shows %q, want %q", lang, sel, got, text)
			}
		}
	}
	checks("English", map[string]string{
		"#hotspot-title": "Seated Buddha", "#hotspot-summary": "A niche in the pillar",
		"#hotspot-text": "The Buddha sits in meditation.", ".portal-label": "To the annex",
	})
	if v.eval(`String(document.querySelector("#hotspot-figure").hidden)`) != "true" {
		t.Error("the Buddha's panel shows a picture, but that hotspot has none")
	}
	v.screenshot("panel-en")

	v.chooseLanguage("zh")
	checks("Chinese", map[string]string{
		"#hotspot-title": "坐佛", "#hotspot-text": "佛陀结跏趺坐，入于禅定。",
		"#title-card-name": "测试殿", ".portal-label": "前往配殿", "#join-button": "进入",
		".chat-notice": "你已以 Ana 的名字加入。",
	})
	if got := v.eval(`document.getElementById("chat-input").placeholder`); got != "对这里的每个人说点什么…（回车发送）" {
		t.Errorf("Chinese chat placeholder = %q", got)
	}
	if got := v.eval(`document.getElementById("people").textContent`); got != "这里只有你" {
		t.Errorf("Chinese people count = %q, want 这里只有你", got)
	}
	if note := v.eval(`document.getElementById("hotspot-note").hidden ? "" : document.getElementById("hotspot-note").textContent`); note != "" {
		t.Errorf("a fallback note %q shows though the text is in Chinese", note)
	}
	v.screenshot("panel-zh")

	v.clickMarker("north-band")
	checks("Chinese", map[string]string{"#hotspot-title": "故事画", "#hotspot-text": "画面从左到右依次展开。", "#hotspot-caption": "故事画照片"})
	v.waitFor("the panel shows the hotspot's picture, loaded", `(() => { const i = document.querySelector("#hotspot-image"); return i.offsetParent !== null && i.complete && i.naturalWidth > 0 && i.src.endsWith("/assets/textures/test-wall-grid.png"); })()`)

	// The scene has no French: the panel falls back to English, says so,
	// and the interface itself is French.
	v.chooseLanguage("fr")
	checks("French", map[string]string{
		"#hotspot-title": "Story band", "#hotspot-text": "Scenes follow one another from left to right.",
		"#hotspot-note": "Texte en anglais", "#join-button": "Entrer",
	})
	if v.eval(`String(document.getElementById("hotspot-note").hidden)`) != "false" {
		t.Errorf("French: no note says the text is in English")
	}
	v.screenshot("panel-fr")

	v.chooseLanguage("ar")
	if dir := v.eval(`document.documentElement.dir`); dir != "rtl" {
		t.Errorf("Arabic: document dir = %q, want rtl", dir)
	}
	checks("Arabic", map[string]string{"#hotspot-title": "شريط القصة", "#title-card-name": "القاعة التجريبية"})
	v.screenshot("panel-ar")

	if err := chromedp.Do(v.ctx, chromedp.KeyEvent("\x1b")); err != nil {
		t.Fatal(err)
	}
	v.waitFor("Escape closes the panel", `document.getElementById("hotspot-panel").hidden`)

	if err := chromedp.Do(v.ctx, chromedp.Reload()); err != nil {
		t.Fatalf("reloading: %v", err)
	}
	v.waitNewPage(contentSceneA)
	if got := v.eval(`document.getElementById("language-menu").value + " " + document.documentElement.dir`); got != "ar rtl" {
		t.Errorf("after a reload: language and direction = %q, want the remembered \"ar rtl\"", got)
	}
	if got := v.text("#title-card-name"); got != "القاعة التجريبية" {
		t.Errorf("after a reload the scene title is %q, want the Arabic one", got)
	}
}

func TestWalkingThroughAPortalOpensTheNextScene(t *testing.T) {
	srv := startContentRooms(t)
	// Just east of the portal's floor, facing west into it.
	start := pose{X: -4.8, Y: 1.6, Z: 1.5, Yaw: 1.5708}
	v := openVisitor(t, sceneURL(srv.URL, contentSceneA, "Bo", start))
	v.waitFor("the portal's label shows over it", `(() => { const l = document.querySelector(".portal-label"); return !!l && l.style.display !== "none" && l.textContent === "To the annex"; })()`)
	v.key(input.DispatchKeyEventTypeKeyDown, "KeyW", "w", 87)
	v.waitFor("the page fades out through the portal", `document.body.classList.contains("leaving")`)
	v.key(input.DispatchKeyEventTypeKeyUp, "KeyW", "w", 87)
	s := v.waitNewPage(contentSceneB)
	if s.Pose.X < 4.9 || s.Pose.X > 5.1 || s.Pose.Z < 0.9 || s.Pose.Z > 1.1 {
		t.Errorf("arrived at (%.2f, %.2f), want the portal's arrival point (5, 1)", s.Pose.X, s.Pose.Z)
	}
	v.waitFor("the new scene fades in from black", `document.body.classList.contains("arriving") && getComputedStyle(document.getElementById("fade")).opacity === "0"`)
	if got := v.eval(`new URLSearchParams(location.search).get("name")`); got != "Bo" {
		t.Errorf("the name after the portal is %q, want Bo", got)
	}
}

func TestLoadErrorsInTheVisitorsLanguage(t *testing.T) {
	srv := servertest.Start(t, servertest.WithClientDir(clientDir))
	ctx, cancel := chromedp.NewContext(browserCtx, chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	v := &visitor{t: t, ctx: ctx}
	// A French browser asks for a scene the server does not have: the
	// page says so in French before the viewer ever starts.
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(viewW, viewH)); err != nil {
		t.Fatalf("opening a browser tab: %v", err)
	}
	if _, err := chromedp.Call(ctx, emulation.SetUserAgentOverride, emulation.SetUserAgentOverrideParams{
		UserAgent: "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36", AcceptLanguage: "fr-FR,fr",
	}); err != nil {
		t.Fatalf("making the browser French: %v", err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/?scene=nope")); err != nil {
		t.Fatalf("opening the page: %v", err)
	}
	v.waitFor("the page shows why it cannot load", `document.body.classList.contains("failed") || !document.getElementById("error").hidden`)
	want := "Il n’y a pas de scène « nope » sur ce serveur"
	if got := v.text("#error"); !strings.Contains(got, want) {
		t.Errorf("a French visitor reads %q; want it to start %q", got, want)
	}
}
