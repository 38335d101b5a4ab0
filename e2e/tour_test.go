package e2e

import (
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"math"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/go-gl/mathgl/mgl32"

	"yunyou/formation"
	"yunyou/protocol"
	"yunyou/server/servertest"
)

// tourModel mirrors the "tour" object of window.yunyou.state().
type tourModel struct {
	Code      string `json:"code"`
	Role      string `json:"role"`
	Self      int    `json:"self"`
	Scene     string `json:"scene"`
	Guide     int    `json:"guide"`
	Follow    bool   `json:"follow"`
	Following bool   `json:"following"`
	Spotlight string `json:"spotlight"`
	Connected bool   `json:"connected"`
	Members   []struct {
		ID   int    `json:"id"`
		Name string `json:"name"`
		Role string `json:"role"`
		Slot int    `json:"slot"`
	} `json:"members"`
}

func (v *visitor) tour() tourModel {
	v.t.Helper()
	var s struct {
		Tour *tourModel `json:"tour"`
	}
	raw := v.rawState()
	if err := json.Unmarshal([]byte(raw), &s); err != nil || s.Tour == nil {
		v.t.Fatalf("window.yunyou.state() has no tour: %v\n%s", err, raw)
	}
	return *s.Tour
}

// tourLinks returns the guide's and a visitor's addresses for tour, with
// names so the pages join at once.
func tourLinks(srv *servertest.Server, tour servertest.Tour, guide, visitor string) (string, string) {
	base := srv.URL + "/?scale=1&tour=" + tour.Code
	return base + "&name=" + url.QueryEscape(guide) + "#guide=" + tour.Token(),
		base + "&name=" + url.QueryEscape(visitor)
}

func TestGuidedTourTheGroupFollowsTheGuide(t *testing.T) {
	srv := servertest.Start(t, servertest.WithClientDir(clientDir))
	tour := srv.CreateTour(t, "mogao-257", "Wang")
	guideURL, visitorURL := tourLinks(srv, tour, "Wang", "Léa")

	guide := openVisitor(t, guideURL)
	if h := guide.eval(`location.hash`); h != "" {
		t.Errorf("the guide token stays in the address bar as %q; the page must remove it", h)
	}
	visitor := openVisitor(t, visitorURL)
	visitor.chooseLanguage("fr")
	visitor.waitFor("the visitor's page knows the guide is here and follow mode is on",
		`(() => { const t = JSON.parse(window.yunyou.state()).tour; return !!t && t.guide > 0 && t.follow && t.role === "visitor"; })()`)
	g, v := guide.tour(), visitor.tour()
	if g.Role != "guide" || g.Code != tour.Code {
		t.Fatalf("the guide page's tour = %+v; want role guide in tour %s", g, tour.Code)
	}
	slot := 0
	for _, m := range v.Members {
		if m.ID == v.Self {
			slot = m.Slot
		}
	}
	if slot < 1 {
		t.Fatalf("the visitor has slot %d in %+v; want a place in the group", slot, v.Members)
	}

	// The guide walks toward the pillar. Once the guide stops, the
	// visitor's camera settles on its place in the group around the guide.
	_, compiled := cave(t)
	reach := func(fx, fz, tx, tz float32) (float32, float32) {
		p := compiled.Slide(mgl32.Vec3{fx, 0, fz}, mgl32.Vec3{tx, 0, tz}, formation.AvatarRadius)
		return p.X(), p.Z()
	}
	before := guide.state().Pose
	// Walking is 1.4 m/s; two pages drawing with software WebGL on a
	// slow machine drop frames, so ask only for a clear step.
	guide.holdKey("KeyW", "w", 87, 2*time.Second)
	released := time.Now()
	guide.waitFrames(3) // the last step is in the state
	after := guide.state().Pose
	if d := math.Hypot(after.X-before.X, after.Z-before.Z); d < 0.3 {
		t.Fatalf("the guide walked only %.2f m holding W for 2 s", d)
	}
	gp := protocol.Quantize(protocol.Pose{X: float32(after.X), Y: float32(after.Y), Z: float32(after.Z), Yaw: float32(after.Yaw), Pitch: float32(after.Pitch)})
	want := formation.Place(gp, slot, reach)
	visitor.waitFor(fmt.Sprintf("the visitor stands at its place (%.2f, %.2f) behind the guide at (%.2f, %.2f), looking the same way", want.X, want.Z, gp.X, gp.Z),
		fmt.Sprintf(`(() => { const p = JSON.parse(window.yunyou.state()).pose; return Math.hypot(p.x - %f, p.z - %f) < 0.1 && Math.abs(Math.atan2(Math.sin(p.yaw - %f), Math.cos(p.yaw - %f))) < 0.05; })()`,
			want.X, want.Z, want.Yaw, want.Yaw))
	t.Logf("the visitor settled at its place %.0f ms after the guide stopped (polled every 100 ms, includes the page round trips)", time.Since(released).Seconds()*1000)
	vp := visitor.state().Pose
	fwd := forward(float64(gp.Yaw))
	behind := float64(fwd.X())*(vp.X-float64(gp.X)) + float64(fwd.Z())*(vp.Z-float64(gp.Z))
	t.Logf("guide at (%.2f, %.2f), visitor at (%.2f, %.2f), %.2f m along the guide's view", gp.X, gp.Z, vp.X, vp.Z, behind)
	if !visitor.tour().Following {
		t.Error("the visitor's model says it is not following, though it never looked away")
	}
	guide.screenshot("guide-console")
	visitor.screenshot("visitor-following")

	// The pointer: while the guide holds P, the visitor sees a beam from
	// the guide to the spot aimed at, in the pointer's gold.
	gold := color.RGBA{0xff, 0xe0, 0x6a, 0xff}
	view := image.Rect(0, 0, viewW, viewH)
	unlit := countNear(visitor.screenshot("visitor-before-pointer"), view, gold, 30)
	guide.key(input.DispatchKeyEventTypeKeyDown, "KeyP", "p", 80)
	visitor.waitFor("the visitor's page shows the guide pointing", `JSON.parse(window.yunyou.state()).tour.pointing`)
	visitor.waitFrames(3)
	beam := countNear(visitor.screenshot("visitor-pointer"), view, gold, 30) - unlit
	guide.key(input.DispatchKeyEventTypeKeyUp, "KeyP", "p", 80)
	if beam < 40 {
		t.Errorf("the visitor's view shows %d pixels of the pointer's gold while the guide points; want a visible beam", beam)
	}
	t.Logf("pointer beam: %d more pixels of its gold in the visitor's view than before (%d)", beam, unlit)
	visitor.waitFor("the pointer goes away when the guide lets go", `!JSON.parse(window.yunyou.state()).tour.pointing`)

	// Spotlight: the guide opens the Nine-Coloured Deer for everyone; the
	// visitor's panel opens in French, its marker highlighted.
	if msg := guide.eval(`window.yunyou.tourCommand(JSON.stringify({type: "guide", cmd: "spotlight", hotspot: "nine-coloured-deer"}))`); msg != "" {
		t.Fatalf("tourCommand refused the spotlight: %s", msg)
	}
	visitor.waitFor("the spotlight opens the panel on the visitor's page", `!document.getElementById("hotspot-panel").hidden`)
	if got := visitor.text("#hotspot-title"); got != "Le Cerf aux neuf couleurs" {
		t.Errorf("the spotlit panel's title is %q, want the French %q", got, "Le Cerf aux neuf couleurs")
	}
	if visitor.tour().Spotlight != "nine-coloured-deer" {
		t.Errorf("the visitor's tour model has spotlight %q", visitor.tour().Spotlight)
	}
	visitor.screenshot("visitor-spotlight")
}

func TestHostATourFromThePage(t *testing.T) {
	srv := servertest.Start(t, servertest.WithClientDir(clientDir))
	v := openVisitor(t, srv.URL+"/?scale=1&name=Wang")

	// A guide hosts a tour from the page: name, scene, create.
	if err := chromedp.Do(v.ctx, chromedp.Click(chromedp.CSS("#host-tour-open"))); err != nil {
		t.Fatalf("opening the host dialog: %v", err)
	}
	v.waitFor("the host dialog opens with the scenes to start in", `document.getElementById("host-dialog").open && document.querySelectorAll("#host-scene option").length >= 7`)
	if err := chromedp.Do(v.ctx,
		chromedp.SetValue(chromedp.CSS("#host-name"), "Wang"),
		chromedp.Click(chromedp.CSS("#host-create")),
	); err != nil {
		t.Fatalf("creating the tour: %v", err)
	}
	v.waitFor("the dialog shows the new tour's code and its QR code", `!document.getElementById("host-result").hidden && (() => { const q = document.getElementById("host-qr"); return q.complete && q.naturalWidth >= 200; })()`)
	code := v.text("#host-code")
	if ok := len(code) == protocol.CodeLength && strings.Trim(code, protocol.CodeAlphabet) == ""; !ok {
		t.Fatalf("the dialog shows the code %q; want %d characters of %s", code, protocol.CodeLength, protocol.CodeAlphabet)
	}
	link := v.eval(`document.getElementById("host-link").value`)
	if !strings.HasSuffix(link, "/?tour="+code) || strings.Contains(link, "guide=") {
		t.Errorf("the link for visitors is %q; want the join link, without the guide token", link)
	}
	if status, info := srv.TourInfo(t, code); status != 200 || info["guideName"] != "Wang" || info["scene"] != "mogao-257" {
		t.Errorf("the server answers %d %v for the new tour; want guide Wang in mogao-257", status, info)
	}
	v.screenshot("host-dialog")

	// Starting the tour opens the guide's page: the guide token makes this
	// page the guide, and it leaves the address bar at once.
	if err := chromedp.Do(v.ctx, chromedp.Click(chromedp.CSS("#host-start"))); err != nil {
		t.Fatalf("starting the tour: %v", err)
	}
	v.waitNewPage("mogao-257")
	v.waitFor("the page is the tour's guide", `(() => { const t = JSON.parse(window.yunyou.state()).tour; return !!t && t.role === "guide" && t.code === `+strconv.Quote(code)+`; })()`)
	if h := v.eval(`location.hash`); h != "" {
		t.Errorf("the address keeps %q after the guide page opened", h)
	}
	if !v.visible("#guide-console") {
		t.Error("the guide's page shows no console")
	}
}

// visible reports whether the element matching selector is shown.
func (v *visitor) visible(selector string) bool {
	v.t.Helper()
	return v.eval(fmt.Sprintf(`(() => { const e = document.querySelector(%q); return String(!!e && !e.hidden && getComputedStyle(e).display !== "none" && e.getClientRects().length > 0); })()`, selector)) == "true"
}
