package kiosk_test

import (
	"encoding/json"
	"net/http"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"yunyou/server/catalog"
	"yunyou/server/kiosk"
	"yunyou/server/servertest"
	"yunyou/server/web"
)

const token = "a-test-admin-token-of-forty-characters-x"

// kioskList is /api/admin/kiosks.
type kioskList struct {
	Kiosks []struct {
		ID, Name, Version, Scene, Mode, LastError string
		FPS, Uptime                               float64
		LastSeen                                  time.Time
		Online                                    bool
		Languages                                 []string
	}
	Now time.Time
}

func list(t *testing.T, srv *servertest.Server) kioskList {
	t.Helper()
	resp, body := do(t, "GET", srv.URL+"/api/admin/kiosks", "", "Authorization", "Bearer "+token)
	var l kioskList
	if err := json.Unmarshal(body, &l); err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("admin list: %s %s", resp.Status, body)
	}
	if cc := resp.Header.Get("Cache-Control"); cc != "no-store" {
		t.Errorf("admin list Cache-Control = %q; want no-store", cc)
	}
	return l
}

func TestAdminIsOffWithoutToken(t *testing.T) {
	srv := servertest.Start(t)
	for _, r := range []struct{ method, path string }{
		{"GET", "/admin"}, {"GET", "/admin/admin.js"}, {"GET", "/api/admin/kiosks"},
		{"POST", "/api/admin/kiosks/page-0001/reload"}, {"POST", "/api/admin/kiosks/page-0001/language"},
	} {
		resp, body := do(t, r.method, srv.URL+r.path, "", "Authorization", "Bearer "+token)
		if resp.StatusCode != http.StatusNotFound || !strings.Contains(string(body), "the admin page is off; start the server with -admin-token") {
			t.Errorf("%s %s without a configured token: %s %q; want 404 saying the page is off", r.method, r.path, resp.Status, body)
		}
	}
}

func TestAdminRefusesShortToken(t *testing.T) {
	cat, err := catalog.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	_, err = web.New(web.Config{Catalog: cat, ClientDir: t.TempDir(), AdminToken: "secret"})
	if err == nil || !strings.Contains(err.Error(), "the admin token is 6 characters; it must be at least 32") || !strings.Contains(err.Error(), "openssl rand -base64 32") {
		t.Errorf("a 6-character token: %v; want the server refused, saying how to make a token", err)
	}
	_, err = web.New(web.Config{Catalog: cat, ClientDir: t.TempDir(), AdminToken: strings.Repeat("x", 20) + " " + strings.Repeat("y", 20)})
	if err == nil || !strings.Contains(err.Error(), "space") {
		t.Errorf("a token with a space: %v; want it refused", err)
	}
}

func TestAdminNeedsTheToken(t *testing.T) {
	srv := servertest.Start(t, servertest.WithAdminToken(token))
	for _, tt := range []struct {
		name   string
		header []string
		want   string
	}{
		{"no token", nil, "needs the admin token"},
		{"wrong token", []string{"Authorization", "Bearer " + strings.Repeat("z", 40)}, "wrong admin token"},
		{"token as basic auth", []string{"Authorization", "Basic " + token}, "wrong admin token"},
		{"prefix of the token", []string{"Authorization", "Bearer " + token[:32]}, "wrong admin token"},
	} {
		for _, path := range []string{"/api/admin/kiosks", "/api/admin/kiosks/page-0001/reload"} {
			method := "GET"
			if strings.HasSuffix(path, "reload") {
				method = "POST"
			}
			resp, body := do(t, method, srv.URL+path, "", tt.header...)
			if resp.StatusCode != http.StatusUnauthorized || !strings.Contains(errorOf(t, body), tt.want) {
				t.Errorf("%s, %s: %s %s; want 401 %q", tt.name, path, resp.Status, body, tt.want)
			}
			if !strings.HasPrefix(resp.Header.Get("WWW-Authenticate"), "Bearer") {
				t.Errorf("%s, %s: WWW-Authenticate = %q; want Bearer", tt.name, path, resp.Header.Get("WWW-Authenticate"))
			}
		}
	}
	// The scheme is case-insensitive.
	if resp, body := do(t, "GET", srv.URL+"/api/admin/kiosks", "", "Authorization", "bearer "+token); resp.StatusCode != http.StatusOK {
		t.Errorf("lower-case bearer: %s %s; want 200", resp.Status, body)
	}
}

func TestKioskGoesOffline(t *testing.T) {
	srv := servertest.Start(t, servertest.WithAdminToken(token), servertest.WithKioskOnline(300*time.Millisecond))
	commands(t, srv, "default", report("page-0001"))
	l := list(t, srv)
	if len(l.Kiosks) != 1 {
		t.Fatalf("list after one report = %+v; want that kiosk", l)
	}
	k := l.Kiosks[0]
	if k.ID != "page-0001" || k.Name != "default" || k.Version != "1.4.0" || k.Scene != "mogao-257" || k.Mode != "attract" || k.FPS != 18.5 || k.Uptime != 3600 {
		t.Errorf("listed kiosk = %+v; want what it reported", k)
	}
	// It was reported just now, but a slow machine may already be past the
	// online window, so only check it is listed with a sane last-seen time.
	if k.LastSeen.After(l.Now) || l.Now.Sub(k.LastSeen) > time.Minute {
		t.Errorf("last seen %v, now %v; want just before now", k.LastSeen, l.Now)
	}
	deadline := time.Now().Add(10 * time.Second)
	for list(t, srv).Kiosks[0].Online {
		if time.Now().After(deadline) {
			t.Fatal("the kiosk still shows online 10 s after its last report, with an online window of 300 ms")
		}
		time.Sleep(50 * time.Millisecond)
	}
	commands(t, srv, "default", report("page-0001"))
	if l := list(t, srv); l.Now.Sub(l.Kiosks[0].LastSeen) <= 300*time.Millisecond && !l.Kiosks[0].Online {
		t.Error("a kiosk that reported again within the window shows offline")
	}
}

func TestKioskShowsOnlineWhileReporting(t *testing.T) {
	srv := servertest.Start(t, servertest.WithAdminToken(token)) // 15 s window
	commands(t, srv, "default", report("page-0001"))
	if l := list(t, srv); !l.Kiosks[0].Online {
		t.Errorf("a kiosk that has just reported shows offline: %+v", l.Kiosks[0])
	}
}

func TestCommandsReachTheirKioskOnce(t *testing.T) {
	srv := servertest.Start(t, servertest.WithAdminToken(token), servertest.WithKiosks(gallery))
	auth := []string{"Authorization", "Bearer " + token}
	commands(t, srv, "dunhuang-hall", report("page-aaaa"))
	commands(t, srv, "dunhuang-hall", report("page-bbbb"))

	if resp, body := do(t, "POST", srv.URL+"/api/admin/kiosks/page-aaaa/reload", "", auth...); resp.StatusCode != http.StatusAccepted {
		t.Fatalf("reload: %s %s; want 202", resp.Status, body)
	}
	if resp, body := do(t, "POST", srv.URL+"/api/admin/kiosks/page-bbbb/language", `{"language": "en"}`, auth...); resp.StatusCode != http.StatusAccepted {
		t.Fatalf("language: %s %s; want 202", resp.Status, body)
	}
	for _, tt := range []struct{ id, body, want string }{
		{"page-aaaa", `{"language": "fr"}`, `"fr" is not one of kiosk dunhuang-hall's languages; choose one of zh, en`},
		{"page-aaaa", `{"lang": "en"}`, `"" is not one of`},
		{"page-aaaa", `en`, `send {"language": "fr"}`},
	} {
		resp, body := do(t, "POST", srv.URL+"/api/admin/kiosks/"+tt.id+"/language", tt.body, auth...)
		if resp.StatusCode != http.StatusBadRequest || !strings.Contains(errorOf(t, body), tt.want) {
			t.Errorf("language %s: %s %s; want 400 %q", tt.body, resp.Status, body, tt.want)
		}
	}
	for _, path := range []string{"/api/admin/kiosks/page-cccc/reload", "/api/admin/kiosks/page-cccc/language"} {
		resp, body := do(t, "POST", srv.URL+path, `{"language": "en"}`, auth...)
		if resp.StatusCode != http.StatusNotFound || !strings.Contains(errorOf(t, body), `no kiosk page "page-cccc"`) {
			t.Errorf("%s: %s %s; want 404", path, resp.Status, body)
		}
	}

	if got := commands(t, srv, "dunhuang-hall", report("page-aaaa")); len(got) != 1 || got[0]["type"] != "reload" {
		t.Errorf("page-aaaa got %v; want one reload", got)
	}
	if got := commands(t, srv, "dunhuang-hall", report("page-bbbb")); len(got) != 1 || got[0]["type"] != "language" || got[0]["language"] != "en" {
		t.Errorf("page-bbbb got %v; want language en", got)
	}
	for _, id := range []string{"page-aaaa", "page-bbbb"} {
		if got := commands(t, srv, "dunhuang-hall", report(id)); len(got) != 0 {
			t.Errorf("%s got %v on its next report; want each command delivered once", id, got)
		}
	}
}

func TestAdminPageRunsUnderTheCSP(t *testing.T) {
	srv := servertest.Start(t, servertest.WithAdminToken(token))
	resp, page := do(t, "GET", srv.URL+"/admin", "")
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
		t.Fatalf("/admin: %s %s", resp.Status, resp.Header.Get("Content-Type"))
	}
	csp := resp.Header.Get("Content-Security-Policy")
	scriptSrc := regexp.MustCompile(`script-src [^;]*`).FindString(csp)
	if !strings.Contains(scriptSrc, "'self'") || strings.Contains(scriptSrc, "unsafe-inline") {
		t.Errorf("/admin CSP = %q; want the server's, which forbids inline script", csp)
	}
	// Every script must be a file: the CSP would block an inline one.
	for _, tag := range regexp.MustCompile(`<script[^>]*>`).FindAllString(string(page), -1) {
		if !strings.Contains(tag, `src="/admin/admin.js"`) {
			t.Errorf("/admin has the script tag %s; the CSP runs only /admin/admin.js", tag)
		}
	}
	if regexp.MustCompile(`\son[a-z]+=`).MatchString(string(page)) {
		t.Error("/admin has an inline event handler, which the CSP blocks")
	}
	resp, js := do(t, "GET", srv.URL+"/admin/admin.js", "")
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/javascript") || resp.Header.Get("Content-Security-Policy") == "" {
		t.Fatalf("/admin/admin.js: %s %s", resp.Status, resp.Header.Get("Content-Type"))
	}
	if !strings.Contains(string(js), "/api/admin/kiosks") {
		t.Error("admin.js does not call the admin API")
	}
}

// TestReportTextStaysText checks that what a kiosk reports reaches the
// admin page as text: the API returns it as it was sent, and the page's
// script writes it with textContent, never as HTML.
func TestReportTextStaysText(t *testing.T) {
	srv := servertest.Start(t, servertest.WithAdminToken(token))
	hostile := `<img src=x onerror="alert(1)"> & </td>`
	body, _ := json.Marshal(kiosk.Report{ID: "page-0001", Version: "<b>1</b>", Scene: "mogao-257", Mode: "interactive", LastError: hostile})
	commands(t, srv, "default", string(body))
	k := list(t, srv).Kiosks[0]
	if k.LastError != hostile || k.Version != "<b>1</b>" {
		t.Errorf("listed lastError %q, version %q; want them exactly as reported", k.LastError, k.Version)
	}
	js, err := os.ReadFile("admin.js")
	if err != nil {
		t.Fatal(err)
	}
	for _, sink := range []string{"innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"} {
		if strings.Contains(string(js), sink) {
			t.Errorf("admin.js uses %s; it must write reported text with textContent only", sink)
		}
	}
	if !strings.Contains(string(js), "r.cells.err.textContent = k.lastError") {
		t.Error("admin.js no longer writes lastError with textContent")
	}
}
