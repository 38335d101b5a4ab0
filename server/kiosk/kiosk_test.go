package kiosk_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"yunyou/server/precompress"
	"yunyou/server/servertest"
)

// gallery is a kiosks file with one kiosk besides the built-in default.
const gallery = `{"kiosks": [{"name": "dunhuang-hall", "scenes": ["mogao-257", "mogao-249"], "languages": ["zh", "en"], "idleTimeout": 90, "walk": "route"}]}`

// do sends a request with an optional JSON body and header pairs, and
// returns the response with its body read.
func do(t *testing.T, method, url, body string, header ...string) (*http.Response, []byte) {
	t.Helper()
	var r io.Reader
	if body != "" {
		r = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, url, r)
	if err != nil {
		t.Fatal(err)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, data
}

// errorOf returns the "error" of a JSON answer.
func errorOf(t *testing.T, body []byte) string {
	t.Helper()
	var e struct{ Error string }
	if err := json.Unmarshal(body, &e); err != nil || e.Error == "" {
		t.Fatalf("answer %q is not {\"error\": ...}", body)
	}
	return e.Error
}

// fakeClient writes a client build as the Makefile does, so that the page
// is served rather than the "not built" notice.
func fakeClient(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	path := filepath.Join(dir, "yunyou.wasm")
	if err := os.WriteFile(path, []byte("\x00asm\x01\x00\x00\x00 a fake client"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := precompress.File(path); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestKioskPageIsThePage(t *testing.T) {
	srv := servertest.Start(t, servertest.WithClientDir(fakeClient(t)), servertest.WithKiosks(gallery))
	_, index := do(t, "GET", srv.URL+"/", "")
	if !bytes.Contains(index, []byte("/client/yunyou.")) {
		t.Fatalf("the page does not name the client: %.200s", index)
	}
	for _, name := range []string{"default", "dunhuang-hall"} {
		resp, body := do(t, "GET", srv.URL+"/kiosk/"+name, "")
		if resp.StatusCode != http.StatusOK || !bytes.Equal(body, index) {
			t.Errorf("/kiosk/%s: %s, %d bytes; want the page of /", name, resp.Status, len(body))
		}
		if csp := resp.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") {
			t.Errorf("/kiosk/%s has CSP %q; want the page's", name, csp)
		}
	}
	resp, body := do(t, "GET", srv.URL+"/kiosk/lobby", "")
	if resp.StatusCode != http.StatusNotFound || !strings.Contains(string(body), `no kiosk "lobby"`) || !strings.Contains(string(body), "default, dunhuang-hall") {
		t.Errorf("/kiosk/lobby: %s %q; want 404 naming the kiosks", resp.Status, body)
	}
}

func TestProfileAPI(t *testing.T) {
	srv := servertest.Start(t, servertest.WithKiosks(gallery))
	resp, body := do(t, "GET", srv.URL+"/api/kiosks/dunhuang-hall", "")
	var p map[string]any
	if err := json.Unmarshal(body, &p); err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("profile: %s %s", resp.Status, body)
	}
	want := map[string]any{"name": "dunhuang-hall", "scenes": []any{"mogao-257", "mogao-249"}, "languages": []any{"zh", "en"}, "idleTimeout": 90.0, "walk": "route"}
	if !reflect.DeepEqual(p, want) {
		t.Errorf("profile = %v; want %v", p, want)
	}
	if cc := resp.Header.Get("Cache-Control"); cc != "no-store" {
		t.Errorf("Cache-Control = %q; want no-store", cc)
	}
	_, body = do(t, "GET", srv.URL+"/api/kiosks/default", "")
	if !strings.Contains(string(body), `"mogao-257"`) || !strings.Contains(string(body), `"languages":["en","zh","fr","es","ru","ar"]`) {
		t.Errorf("default profile = %s; want every scene and language", body)
	}
	resp, body = do(t, "GET", srv.URL+"/api/kiosks/lobby", "")
	if resp.StatusCode != http.StatusNotFound || !strings.Contains(errorOf(t, body), "default, dunhuang-hall") {
		t.Errorf("unknown kiosk: %s %s; want 404 naming the kiosks", resp.Status, body)
	}
}

// report is a sound report from page id.
func report(id string) string {
	return `{"id": "` + id + `", "version": "1.4.0", "scene": "mogao-257", "mode": "attract", "fps": 18.5, "uptime": 3600, "lastError": ""}`
}

// commands posts a report and returns the commands in the answer.
func commands(t *testing.T, srv *servertest.Server, kiosk, body string) []map[string]string {
	t.Helper()
	resp, data := do(t, "POST", srv.URL+"/api/kiosks/"+kiosk+"/report", body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("report: %s %s", resp.Status, data)
	}
	var out struct {
		Commands []map[string]string `json:"commands"`
	}
	if err := json.Unmarshal(data, &out); err != nil || out.Commands == nil {
		t.Fatalf("report answer %s is not {\"commands\": [...]}", data)
	}
	return out.Commands
}

func TestReportIsChecked(t *testing.T) {
	srv := servertest.Start(t, servertest.WithKiosks(gallery))
	if got := commands(t, srv, "dunhuang-hall", report("page-0001")); len(got) != 0 {
		t.Errorf("a first report got commands %v; want none", got)
	}
	long := strings.Repeat("x", 201)
	tests := []struct {
		name, body string
		status     int
		want       string // in the error
	}{
		{"short id", `{"id": "abc", "mode": "attract"}`, 400, `id: "abc" must be 8 to 64 letters`},
		{"id with a slash", `{"id": "page/0001", "mode": "attract"}`, 400, "id: "},
		{"bad mode", `{"id": "page-0001", "mode": "asleep"}`, 400, `mode: "asleep" must be "attract" or "interactive"`},
		{"long lastError", `{"id": "page-0001", "mode": "attract", "lastError": "` + long + `"}`, 400, "lastError: is 201 characters; send at most 200"},
		{"long version", `{"id": "page-0001", "mode": "attract", "version": "` + long + `"}`, 400, "version: is 201 characters"},
		{"fps not a number", `{"id": "page-0001", "mode": "attract", "fps": "fast"}`, 400, "fps: must be a number, not a string"},
		{"fps infinite", `{"id": "page-0001", "mode": "attract", "fps": 1e999}`, 400, "fps: must be a finite number"},
		{"negative uptime", `{"id": "page-0001", "mode": "attract", "uptime": -5}`, 400, "uptime: -5 must be the seconds since the page started"},
		{"not JSON", `id=page-0001`, 400, "not a JSON object"},
		{"two objects", report("page-0001") + report("page-0001"), 400, "send one JSON object"},
		{"too large", `{"id": "page-0001", "mode": "attract", "padding": "` + strings.Repeat("x", 5000) + `"}`, 413, "over 4096 bytes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := do(t, "POST", srv.URL+"/api/kiosks/dunhuang-hall/report", tt.body)
			if resp.StatusCode != tt.status || !strings.Contains(errorOf(t, body), tt.want) {
				t.Errorf("%s %s; want %d with %q", resp.Status, body, tt.status, tt.want)
			}
		})
	}
	resp, body := do(t, "POST", srv.URL+"/api/kiosks/lobby/report", report("page-0001"))
	if resp.StatusCode != http.StatusNotFound || !strings.Contains(errorOf(t, body), `no kiosk "lobby"`) {
		t.Errorf("report for an unknown kiosk: %s %s; want 404", resp.Status, body)
	}
}

// TestReportNeedsJSONContentType checks that only a JSON request is taken
// as a report: a form on another site can post text/plain, urlencoded or
// multipart bodies here without the browser asking first, but not JSON.
func TestReportNeedsJSONContentType(t *testing.T) {
	srv := servertest.Start(t, servertest.WithKiosks(gallery))
	tests := []struct {
		contentType string
		status      int
	}{
		{"application/json", 200},
		{"application/json; charset=utf-8", 200},
		{"Application/JSON", 200}, // media types are case-insensitive
		{"text/plain", 415},
		{"text/plain;charset=UTF-8", 415},
		{"application/x-www-form-urlencoded", 415},
		{"multipart/form-data; boundary=x", 415},
		{"", 415},
		{"application/json-seq", 415},
		{"not a media type;;", 415},
	}
	for i, tt := range tests {
		t.Run(tt.contentType, func(t *testing.T) {
			// A page id of its own, so that each case is a new page.
			resp, body := do(t, "POST", srv.URL+"/api/kiosks/dunhuang-hall/report", report(fmt.Sprintf("page-%04d", i)), "Content-Type", tt.contentType)
			if resp.StatusCode != tt.status {
				t.Fatalf("%s %s; want %d", resp.Status, body, tt.status)
			}
			if tt.status == 415 {
				if msg := errorOf(t, body); !strings.Contains(msg, "Content-Type: application/json") {
					t.Errorf("refusal %q does not say which Content-Type to send", msg)
				}
			}
		})
	}
}

func TestReportsAreRateLimited(t *testing.T) {
	srv := servertest.Start(t)
	limited := 0
	var last *http.Response
	for range 30 {
		resp, _ := do(t, "POST", srv.URL+"/api/kiosks/default/report", report("page-0001"))
		if resp.StatusCode == http.StatusTooManyRequests {
			limited++
			last = resp
		}
	}
	// The burst is 20: at least a few of 30 quick reports must be refused,
	// however slowly the machine sends them.
	if limited == 0 {
		t.Fatal("30 reports at once from one address were all accepted; want the flood limited")
	}
	if last.Header.Get("Retry-After") == "" {
		t.Error("a refused report has no Retry-After")
	}
}
