package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"

	"yunyou/server/servertest"
)

// kioskProfiles is the kiosks file of the kiosk tests: two languages and
// an idle time short enough to wait for; test-hall's loop plays two
// scenes, test-route's visitors step from stop to stop.
const kioskProfiles = `{"kiosks": [
	{"name": "test-hall", "scenes": ["mogao-257", "mogao-249"], "languages": ["en", "zh"], "idleTimeout": 5, "walk": "free"},
	{"name": "test-route", "scenes": ["mogao-257"], "languages": ["en", "zh"], "idleTimeout": 60, "walk": "route"}]}`

// kioskState mirrors the parts of window.yunyou.state() a kiosk test reads.
type kioskState struct {
	Frames int  `json:"frames"`
	Pose   pose `json:"pose"`
	Kiosk  *struct {
		Mode  string `json:"mode"`
		Stop  int    `json:"stop"`
		Stops int    `json:"stops"`
	} `json:"kiosk"`
}

// kioskReady is true once a kiosk page draws its scene: a kiosk never
// connects, so openVisitor's wait does not fit.
const kioskReady = `(() => { try { const s = JSON.parse(window.yunyou.state()); return s.frames > 10 && !!s.kiosk; } catch (e) { return false; } })()`

// openKiosk opens a kiosk page in a new isolated browser context and waits
// until it draws.
func openKiosk(t *testing.T, url string) *visitor {
	t.Helper()
	ctx, cancel := chromedp.NewContext(browserCtx, chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	v := &visitor{t: t, ctx: ctx}
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(viewW, viewH), chromedp.Navigate(url)); err != nil {
		t.Fatalf("opening %s: %v", url, err)
	}
	v.waitFor("the kiosk draws its scene", kioskReady)
	return v
}

func (v *visitor) kiosk() kioskState {
	v.t.Helper()
	raw := v.rawState()
	var s kioskState
	if err := json.Unmarshal([]byte(raw), &s); err != nil || s.Kiosk == nil {
		v.t.Fatalf("window.yunyou.state() has no kiosk state (%v): %s", err, raw)
	}
	return s
}

// waitAcross polls a JavaScript expression until it is true, like
// waitFor, through the page navigating away and loading again.
func (v *visitor) waitAcross(what, expr string) {
	v.t.Helper()
	deadline := time.Now().Add(loadTimeout)
	for time.Now().Before(deadline) {
		ctx, cancel := context.WithTimeout(v.ctx, 5*time.Second)
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](expr))
		cancel()
		if err == nil && ok {
			return
		}
		time.Sleep(200 * time.Millisecond)
	}
	v.t.Fatalf("waiting until %s: not after %v; page error: %q; state: %s", what, loadTimeout, v.text("#error"), v.rawState())
}

// arrivals lists the stops the page heard of from the client, in order.
func (v *visitor) arrivals() []int {
	v.t.Helper()
	var got []int
	if err := json.Unmarshal([]byte(v.eval(`JSON.stringify((window.yunyouKiosk.arrivals || []).map((a) => a.index))`)), &got); err != nil {
		v.t.Fatalf("reading the kiosk's arrivals: %v", err)
	}
	return got
}

// touch taps the screen at (x, y) with one finger.
func (v *visitor) touch(x, y float64) {
	v.t.Helper()
	for _, e := range []input.DispatchTouchEventParams{
		{Type: input.DispatchTouchEventTypeTouchStart, TouchPoints: []*input.TouchPoint{{X: x, Y: y}}},
		{Type: input.DispatchTouchEventTypeTouchEnd, TouchPoints: []*input.TouchPoint{}},
	} {
		if _, err := chromedp.Call(v.ctx, input.DispatchTouchEvent, e); err != nil {
			v.t.Fatalf("touching the screen (%s): %v", e.Type, err)
		}
	}
}

// TestKioskAttractLoopTouchIdleAndOffline follows one kiosk through a day's
// events: the attract loop plays its route with subtitles by itself, a
// touch hands it to a visitor, idling brings the loop back as it was, and
// with the server gone a reload still starts the tour.
func TestKioskAttractLoopTouchIdleAndOffline(t *testing.T) {
	srv := servertest.Start(t, servertest.WithClientDir(clientDir), servertest.WithKiosks(kioskProfiles))
	v := openKiosk(t, srv.URL+"/kiosk/test-hall")
	start := v.kiosk()
	if start.Kiosk.Mode != "attract" || start.Kiosk.Stops < 2 {
		t.Fatalf("a new kiosk is in mode %q with %d stops; want attract along a route of several stops", start.Kiosk.Mode, start.Kiosk.Stops)
	}
	if v.visible("#name-form") || v.visible("#chat") || v.visible("#copy-link") || v.visible("#host-tour-open") {
		t.Error("the kiosk shows the name form, the chat, the copy-link or the tour buttons; a kiosk has none")
	}
	if !v.visible("#kiosk-cta") || v.text("#kiosk-cta") != "Touch to explore" {
		t.Errorf("the call to action shows %v, %q; want it showing %q", v.visible("#kiosk-cta"), v.text("#kiosk-cta"), "Touch to explore")
	}

	// The loop walks to its first stop and says what is there.
	v.waitFor("the loop reaches its first stop", `(window.yunyouKiosk.arrivals || []).length > 0`)
	first := v.arrivals()[0]
	v.waitFor("the subtitles show the first stop's hotspot",
		`!document.getElementById("kiosk-subtitle").hidden && document.getElementById("kiosk-subtitle-title").textContent === "The Buddha of the Pillar Niche"`)
	v.screenshot("attract-subtitles")
	if first != 0 {
		t.Errorf("the first stop reached is %d; want 0", first)
	}
	v.waitFor("the loop goes on to the second stop", `(window.yunyouKiosk.arrivals || []).some((a) => a.index === 1)`)
	moved := v.kiosk()
	if d := (moved.Pose.X-start.Pose.X)*(moved.Pose.X-start.Pose.X) + (moved.Pose.Z-start.Pose.Z)*(moved.Pose.Z-start.Pose.Z); d < 1 {
		t.Errorf("the camera stayed near (%.2f, %.2f) while the loop played; want it walking the route", start.Pose.X, start.Pose.Z)
	}
	if got := v.arrivals(); !increasing(got) {
		t.Errorf("the loop reached stops %v; want them in order", got)
	}

	// A touch hands the kiosk to a visitor.
	v.touch(viewW/2, viewH/2)
	v.waitFor("the kiosk turns interactive", `JSON.parse(window.yunyou.state()).kiosk.mode === "interactive"`)
	if v.visible("#kiosk-cta") || v.visible("#kiosk-subtitle") {
		t.Error("the call to action or the subtitles still show after a touch")
	}
	hotspot := v.eval(`window.yunyouKiosk.arrivals[window.yunyouKiosk.arrivals.length - 1].hotspot`)
	v.clickMarker(hotspot)
	if err := chromedp.Do(v.ctx, chromedp.Click(chromedp.ID("kiosk-lang")), chromedp.Click(chromedp.CSS(`#kiosk-lang-menu button[data-lang="zh"]`))); err != nil {
		t.Fatalf("choosing Chinese in the kiosk's language picker: %v", err)
	}
	v.waitFor("the page speaks Chinese", `document.documentElement.lang === "zh-Hans" && document.getElementById("kiosk-lang-name").textContent === "中文"`)
	v.screenshot("interactive")

	// Nobody touches it: a countdown, then the loop as a new visitor finds it.
	v.waitFor("the idle countdown shows", `!document.getElementById("kiosk-countdown").hidden`)
	v.screenshot("countdown")
	v.waitFor("the kiosk returns to its loop", `JSON.parse(window.yunyou.state()).kiosk.mode === "attract"`)
	v.waitFor("the page is back in the loop's language", `document.documentElement.lang === "en"`)
	for _, sel := range []string{"#hotspot-panel", "#kiosk-countdown", "#kiosk-lang-menu"} {
		if v.visible(sel) {
			t.Errorf("back in the loop, %s still shows; want it closed for the next visitor", sel)
		}
	}
	v.waitFor("the call to action shows again", `getComputedStyle(document.getElementById("kiosk-cta")).display !== "none"`)

	// The server goes away; the kiosk starts its tour from what it kept.
	v.waitFor("the kiosk has kept its files for offline use", `!!navigator.serviceWorker.controller && document.body.dataset.offlineReady === "true"`)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(ctx); err != nil {
		t.Fatalf("stopping the server: %v", err)
	}
	v.eval(`window.beforeReload = "yes"`)
	if err := chromedp.Do(v.ctx, chromedp.Reload()); err != nil {
		t.Fatalf("reloading the kiosk with the server stopped: %v", err)
	}
	v.waitFor("the reloaded kiosk draws its scene without the server", `window.beforeReload === undefined && `+kioskReady)
	if got := v.eval(`(() => { const x = new XMLHttpRequest(); try { x.open("GET", "/healthz", false); x.send(); return "answers " + x.status; } catch (e) { return "gone"; } })()`); got != "gone" {
		t.Fatalf("the server %s after it was stopped; the offline check proves nothing", got)
	}
	if s := v.kiosk(); s.Kiosk.Mode != "attract" {
		t.Errorf("offline, the reloaded kiosk is in mode %q; want attract", s.Kiosk.Mode)
	}

	// At the end of its route (minutes of play, so the test ends it) the
	// loop goes on to the profile's next scene, which was kept too.
	v.eval(`window.yunyouKiosk.routeEnd(); ""`)
	v.waitAcross("the offline kiosk moves on to the next scene", `(() => { try { const s = JSON.parse(window.yunyou.state()); return s.scene === "mogao-249" && s.frames > 10 && s.kiosk.mode === "attract" && location.search.includes("scene=mogao-249") && document.documentElement.lang === "en"; } catch (e) { return false; } })()`)
}

func increasing(xs []int) bool {
	for i := 1; i < len(xs); i++ {
		if xs[i] <= xs[i-1] {
			return false
		}
	}
	return len(xs) > 0
}

// TestKioskAdminSeesAndReloadsAKiosk opens the admin page beside a kiosk
// whose visitors step from stop to stop: staff see it online, switch its
// language and reload it from its row, and see it go offline when its page
// closes.
func TestKioskAdminSeesAndReloadsAKiosk(t *testing.T) {
	const token = "kiosk-admin-token-for-the-browser-test-0123456789"
	srv := servertest.Start(t, servertest.WithClientDir(clientDir), servertest.WithKiosks(kioskProfiles),
		servertest.WithAdminToken(token), servertest.WithKioskOnline(3*time.Second))
	k := openKiosk(t, srv.URL+"/kiosk/test-route")
	id := k.eval(`sessionStorage.getItem("yunyou.kiosk.id") || ""`)
	if id == "" {
		t.Fatal("the kiosk page has no instance id in sessionStorage")
	}

	actx, cancel := chromedp.NewContext(browserCtx, chromedp.WithNewBrowserContext())
	defer cancel()
	admin := &visitor{t: t, ctx: actx}
	if err := chromedp.Do(actx,
		chromedp.EmulateViewport(viewW, viewH),
		chromedp.Navigate(srv.URL+"/admin"),
		chromedp.SendKeys(chromedp.ID("token"), token),
		chromedp.Click(chromedp.CSS(`#login button[type="submit"]`)),
	); err != nil {
		t.Fatalf("signing in to the admin page: %v", err)
	}
	row := fmt.Sprintf(`[...document.querySelectorAll("#kiosks tr")].find((tr) => [...tr.cells].some((c) => c.textContent === %q))`, id)
	admin.waitFor("the admin page lists the kiosk online", fmt.Sprintf(`(() => { const r = %s; return !!r && r.textContent.includes("online") && !r.textContent.includes("OFFLINE") && r.textContent.includes("test-route"); })()`, row))
	admin.screenshot("admin")

	admin.eval(fmt.Sprintf(`(() => { const r = %s; r.querySelector("select").value = "zh"; [...r.querySelectorAll("button")].find((b) => b.textContent === "Set").click(); return ""; })()`, row))
	k.waitFor("the kiosk speaks Chinese at the admin's word", `document.documentElement.lang === "zh-Hans" && document.getElementById("kiosk-cta").textContent === "触摸屏幕，开始探索"`)

	// A visitor steps along the route with the big buttons.
	k.touch(viewW/2, viewH/2)
	k.waitFor("the kiosk turns interactive", `JSON.parse(window.yunyou.state()).kiosk.mode === "interactive"`)
	if !k.visible("#kiosk-next") || !k.visible("#kiosk-prev") {
		t.Fatal("a kiosk with walk \"route\" shows no Previous/Next buttons to its visitor")
	}
	before := len(k.arrivals())
	if err := chromedp.Do(k.ctx, chromedp.Click(chromedp.ID("kiosk-next"))); err != nil {
		t.Fatalf("pressing Next: %v", err)
	}
	k.waitFor("Next leads to a stop whose panel opens", fmt.Sprintf(`(() => { const a = window.yunyouKiosk.arrivals; const p = document.getElementById("hotspot-panel"); return a.length > %d && !p.hidden && p.dataset.hotspot === a[a.length - 1].hotspot; })()`, before))
	k.screenshot("interactive-route")

	k.eval(`window.beforeReload = "yes"`)
	admin.eval(fmt.Sprintf(`(() => { [...%s.querySelectorAll("button")].find((b) => b.textContent === "Reload").click(); return ""; })()`, row))
	k.waitAcross("the kiosk reloads at the admin's word", `window.beforeReload === undefined && `+kioskReady)

	k.eval(`window.close(); ""`)
	if err := chromedp.Cancel(k.ctx); err != nil {
		t.Logf("closing the kiosk's page: %v", err)
	}
	admin.waitFor("the admin page shows the kiosk offline", fmt.Sprintf(`(() => { const r = %s; return !!r && r.textContent.includes("OFFLINE"); })()`, row))
	if !strings.Contains(admin.text("#kiosks"), "test-route") {
		t.Error("the offline kiosk left the admin page's table; want it listed as offline")
	}
}
