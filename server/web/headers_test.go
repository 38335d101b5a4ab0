package web_test

import (
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"

	"yunyou"
	"yunyou/server/servertest"
)

// scriptPaths returns the URL path of each of the page's scripts.
func scriptPaths() []string {
	var paths []string
	for _, name := range yunyou.Scripts {
		paths = append(paths, "/"+name)
	}
	return paths
}

// Every response, whatever its route or status, carries the security
// headers.
func TestEveryResponseHasSecurityHeaders(t *testing.T) {
	dir, _ := buildClient(t)
	srv := servertest.Start(t, servertest.WithClientDir(dir))
	want := map[string]string{
		"Content-Security-Policy": "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self' ws: wss:; worker-src 'self' blob:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
		"X-Content-Type-Options":  "nosniff",
		"Referrer-Policy":         "same-origin",
	}
	for _, path := range append(scriptPaths(), "/", "/wasm_exec.js", "/api/scenes", "/api/scenes/mogao-257",
		"/assets/textures/mogao-floor.png", "/healthz", "/ws", "/nope", "/client/yunyou.0123456789abcdef.wasm") {
		resp, _ := get(t, srv.URL+path)
		for name, value := range want {
			if got := resp.Header.Get(name); got != value {
				t.Errorf("GET %s (%d): %s = %q; want %q", path, resp.StatusCode, name, got, value)
			}
		}
	}
	// A server with no client yet sends them too.
	bare := servertest.Start(t)
	if resp, _ := get(t, bare.URL+"/"); resp.Header.Get("Content-Security-Policy") != want["Content-Security-Policy"] {
		t.Errorf("the not-built page has CSP %q", resp.Header.Get("Content-Security-Policy"))
	}
}

var (
	scriptTag    = regexp.MustCompile(`(?i)<script\b[^>]*>`)
	inlineHandle = regexp.MustCompile(`(?i)<[^>]*\son[a-z]+\s*=`)
)

// The page runs under a policy that forbids inline script: it has none,
// no inline event handlers, no javascript: URLs, and hands the client's
// URL to its script in an attribute.
func TestPageRunsNoInlineScript(t *testing.T) {
	dir, raw := buildClient(t)
	srv := servertest.Start(t, servertest.WithClientDir(dir))
	_, page := get(t, srv.URL+"/")
	for _, tag := range scriptTag.FindAllString(string(page), -1) {
		if !strings.Contains(tag, "src=") {
			t.Errorf("the page has an inline script %s; the CSP blocks it", tag)
		}
	}
	if strings.Count(strings.ToLower(string(page)), "<script") != len(scriptTag.FindAllString(string(page), -1)) {
		t.Error("the page has a script tag the check could not read")
	}
	if m := inlineHandle.FindString(string(page)); m != "" {
		t.Errorf("the page has an inline event handler, which the CSP blocks: %s", m)
	}
	if strings.Contains(strings.ToLower(string(page)), "javascript:") {
		t.Error("the page has a javascript: URL, which the CSP blocks")
	}
	if !strings.Contains(string(page), `<script type="module" src="/page.js">`) {
		t.Error("the page does not load page.js as a module")
	}
	if want := `data-wasm="` + clientURL(raw) + `"`; !strings.Contains(string(page), want) {
		t.Errorf("the page does not carry %s for its script", want)
	}
	resp, js := get(t, srv.URL+"/page.js")
	if resp.StatusCode != 200 || !strings.Contains(resp.Header.Get("Content-Type"), "javascript") || !strings.Contains(string(js), "dataset.wasm") {
		t.Errorf("GET /page.js = %d %q, %d bytes; want the page's script", resp.StatusCode, resp.Header.Get("Content-Type"), len(js))
	}
}

// Files without a hash in their URL are revalidated by ETag: a browser
// with the current copy gets 304 and no body.
func TestRevalidatedFilesAnswerNotModified(t *testing.T) {
	dir, _ := buildClient(t)
	srv := servertest.Start(t, servertest.WithClientDir(dir))
	for _, path := range append(scriptPaths(), "/", "/wasm_exec.js", "/api/scenes", "/api/scenes/mogao-257") {
		resp, body := get(t, srv.URL+path)
		etag := resp.Header.Get("ETag")
		if resp.StatusCode != 200 || len(body) == 0 || etag == "" || resp.Header.Get("Cache-Control") != "no-cache" {
			t.Errorf("GET %s = %d, %d bytes, ETag %q, Cache-Control %q; want 200 with a body, an ETag and no-cache",
				path, resp.StatusCode, len(body), etag, resp.Header.Get("Cache-Control"))
			continue
		}
		again, body := get(t, srv.URL+path, "If-None-Match", etag)
		if again.StatusCode != http.StatusNotModified || len(body) != 0 {
			t.Errorf("revalidating %s with its ETag = %d with %d bytes; want 304 and no body", path, again.StatusCode, len(body))
		}
		if other, _ := get(t, srv.URL+path, "If-None-Match", `"0000000000000000"`); other.StatusCode != 200 {
			t.Errorf("revalidating %s with another ETag = %d; want 200", path, other.StatusCode)
		}
	}
}

var (
	moduleImport = regexp.MustCompile(`(?m)^import\s+(?:[^;]*?\sfrom\s+)?"\./([^"]+)";`)
	preloadLink  = regexp.MustCompile(`<link rel="modulepreload" href="/([^"]+)">`)
)

// The page's scripts are ES modules that import one another: every module
// page.js reaches is served as a script, is one of yunyou.Scripts, and is
// preloaded by the page so that it arrives without waiting for the module
// that imports it; and every one of yunyou.Scripts is reached.
func TestPageServesEveryModuleItImports(t *testing.T) {
	dir, _ := buildClient(t)
	srv := servertest.Start(t, servertest.WithClientDir(dir))
	_, page := get(t, srv.URL+"/")
	preloaded := map[string]bool{}
	for _, m := range preloadLink.FindAllStringSubmatch(string(page), -1) {
		preloaded[m[1]] = true
	}

	reached := map[string]bool{"page.js": true}
	queue := []string{"page.js"}
	for len(queue) > 0 {
		name := queue[0]
		queue = queue[1:]
		if !slices.Contains(yunyou.Scripts, name) {
			t.Errorf("%s is imported by the page but is not one of yunyou.Scripts; add it there and to the embed in web.go", name)
		}
		if name != "page.js" && !preloaded[name] {
			t.Errorf("the page does not preload %s: add <link rel=\"modulepreload\" href=\"/%s\"> to index.html", name, name)
		}
		resp, js := get(t, srv.URL+"/"+name)
		if resp.StatusCode != 200 || !strings.Contains(resp.Header.Get("Content-Type"), "javascript") {
			t.Errorf("GET /%s = %d %q; want the script", name, resp.StatusCode, resp.Header.Get("Content-Type"))
			continue
		}
		for _, m := range moduleImport.FindAllStringSubmatch(string(js), -1) {
			if !reached[m[1]] {
				reached[m[1]] = true
				queue = append(queue, m[1])
			}
		}
	}
	for _, name := range yunyou.Scripts {
		if !reached[name] && name != "sw.js" { // the service worker is registered, not imported
			t.Errorf("%s is one of yunyou.Scripts but page.js never imports it", name)
		}
	}
	for name := range preloaded {
		if !reached[name] {
			t.Errorf("the page preloads %s, which page.js never imports", name)
		}
	}
}
