package web_test

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/andybalholm/brotli"

	"yunyou/server/precompress"
	"yunyou/server/servertest"
)

// client is an HTTP client that sends Accept-Encoding as the test says and
// never decodes, so the test sees the bytes on the wire.
var client = &http.Client{Transport: &http.Transport{DisableCompression: true}}

func get(t *testing.T, url string, header ...string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest("GET", url, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, body
}

// buildClient writes a fake client into a temporary directory and
// compresses it as the Makefile does; it returns the directory and the raw
// bytes.
func buildClient(t *testing.T) (string, []byte) {
	t.Helper()
	dir := t.TempDir()
	raw := []byte("\x00asm\x01\x00\x00\x00" + strings.Repeat("a fake client for the server's tests ", 500))
	path := filepath.Join(dir, "yunyou.wasm")
	if err := os.WriteFile(path, raw, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := precompress.File(path); err != nil {
		t.Fatal(err)
	}
	return dir, raw
}

func TestPageNamesTheHashedClient(t *testing.T) {
	dir, raw := buildClient(t)
	srv := servertest.Start(t, servertest.WithClientDir(dir))
	resp, body := get(t, srv.URL+"/")
	sum := sha256.Sum256(raw)
	want := "/client/yunyou." + hex.EncodeToString(sum[:])[:16] + ".wasm"
	if resp.StatusCode != 200 || resp.Header.Get("Cache-Control") != "no-cache" {
		t.Fatalf("GET / = %d, Cache-Control %q; want 200 and no-cache", resp.StatusCode, resp.Header.Get("Cache-Control"))
	}
	if !bytes.Contains(body, []byte(want)) || bytes.Contains(body, []byte("__YUNYOU_WASM__")) {
		t.Errorf("the page does not load %s in place of the placeholder:\n%s", want, body)
	}

	resp, body = get(t, srv.URL+"/wasm_exec.js")
	if resp.StatusCode != 200 || !strings.Contains(resp.Header.Get("Content-Type"), "javascript") || !bytes.Contains(body, []byte("Go")) {
		t.Errorf("GET /wasm_exec.js = %d %q", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
}

func TestClientIsServedPrecompressedAndImmutable(t *testing.T) {
	dir, raw := buildClient(t)
	srv := servertest.Start(t, servertest.WithClientDir(dir))
	sum := sha256.Sum256(raw)
	url := srv.URL + "/client/yunyou." + hex.EncodeToString(sum[:])[:16] + ".wasm"
	brFile, _ := os.ReadFile(filepath.Join(dir, "yunyou.wasm.br"))
	gzFile, _ := os.ReadFile(filepath.Join(dir, "yunyou.wasm.gz"))

	for _, tc := range []struct {
		accept   string
		encoding string
		body     []byte
	}{
		{"gzip, deflate, br, zstd", "br", brFile},
		{"br", "br", brFile},
		{"gzip", "gzip", gzFile},
		{"br;q=0, gzip;q=0.8", "gzip", gzFile},
		{"identity", "", raw},
		{"", "", raw},
	} {
		t.Run("Accept-Encoding "+tc.accept, func(t *testing.T) {
			resp, body := get(t, url, "Accept-Encoding", tc.accept)
			h := resp.Header
			if resp.StatusCode != 200 {
				t.Fatalf("status %d", resp.StatusCode)
			}
			if h.Get("Content-Encoding") != tc.encoding || !bytes.Equal(body, tc.body) {
				t.Errorf("Content-Encoding %q with %d bytes; want %q with the %d bytes of that file", h.Get("Content-Encoding"), len(body), tc.encoding, len(tc.body))
			}
			for name, want := range map[string]string{
				"Content-Type":               "application/wasm",
				"Cache-Control":              "public, max-age=31536000, immutable",
				"Vary":                       "Accept-Encoding",
				"Content-Length":             strconv.Itoa(len(tc.body)),
				"X-Yunyou-Size":              strconv.Itoa(len(tc.body)),
				"X-Yunyou-Uncompressed-Size": strconv.Itoa(len(raw)),
			} {
				if h.Get(name) != want {
					t.Errorf("%s = %q; want %q", name, h.Get(name), want)
				}
			}
			if got := decode(t, tc.encoding, body); !bytes.Equal(got, raw) {
				t.Errorf("the %q body does not decode to the client", tc.encoding)
			}
		})
	}

	if resp, _ := get(t, srv.URL+"/client/yunyou.0123456789abcdef.wasm"); resp.StatusCode != 404 {
		t.Errorf("an old build's URL answered %d; want 404", resp.StatusCode)
	}
}

func decode(t *testing.T, encoding string, body []byte) []byte {
	t.Helper()
	var r io.Reader = bytes.NewReader(body)
	switch encoding {
	case "br":
		r = brotli.NewReader(r)
	case "gzip":
		zr, err := gzip.NewReader(r)
		if err != nil {
			t.Fatal(err)
		}
		r = zr
	}
	out, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestWithoutAClientThePageSaysHowToBuildIt(t *testing.T) {
	srv := servertest.Start(t)
	resp, body := get(t, srv.URL+"/")
	if resp.StatusCode != http.StatusServiceUnavailable || !bytes.Contains(body, []byte("make run")) {
		t.Errorf("GET / without a client = %d %q; want 503 saying to run make run", resp.StatusCode, body)
	}
	if resp, _ := get(t, srv.URL+"/client/yunyou.0123456789abcdef.wasm"); resp.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("the wasm without a client = %d; want 503", resp.StatusCode)
	}
}

func TestScenesAPIAndTextures(t *testing.T) {
	srv := servertest.Start(t)
	resp, body := get(t, srv.URL+"/api/scenes")
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "application/json" {
		t.Fatalf("GET /api/scenes = %d %q", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	var list struct {
		Scenes []struct {
			ID       string            `json:"id"`
			Title    map[string]string `json:"title"`
			Era      map[string]string `json:"era"`
			URL      string            `json:"url"`
			Textures []string          `json:"textures"`
		} `json:"scenes"`
		Default string `json:"default"`
	}
	if err := json.Unmarshal(body, &list); err != nil {
		t.Fatalf("decoding %s: %v", body, err)
	}
	if list.Default != "mogao-257" || len(list.Scenes) == 0 {
		t.Fatalf("scene list %s; want scenes with default mogao-257", body)
	}
	for _, s := range list.Scenes {
		if s.Title["en"] == "" || s.URL != "/api/scenes/"+s.ID || len(s.Textures) == 0 {
			t.Errorf("scene entry %+v lacks an English title, its URL or its textures", s)
		}
		resp, body := get(t, srv.URL+s.URL)
		var scene struct{ ID string }
		if resp.StatusCode != 200 || json.Unmarshal(body, &scene) != nil || scene.ID != s.ID {
			t.Errorf("GET %s = %d, %.80s", s.URL, resp.StatusCode, body)
		}
		for _, tex := range s.Textures {
			resp, body := get(t, srv.URL+tex)
			if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "image/png" || !bytes.HasPrefix(body, []byte("\x89PNG")) {
				t.Errorf("GET %s = %d %q", tex, resp.StatusCode, resp.Header.Get("Content-Type"))
				continue
			}
			if !strings.Contains(resp.Header.Get("Cache-Control"), "max-age") {
				t.Errorf("GET %s has Cache-Control %q; want a max-age", tex, resp.Header.Get("Cache-Control"))
			}
			// A browser revalidating with the ETag gets 304 and no body.
			if again, _ := get(t, srv.URL+tex, "If-None-Match", resp.Header.Get("ETag")); again.StatusCode != http.StatusNotModified {
				t.Errorf("revalidating %s = %d; want 304", tex, again.StatusCode)
			}
		}
	}
}

func TestHealthAndNotFound(t *testing.T) {
	srv := servertest.Start(t)
	if resp, body := get(t, srv.URL+"/healthz"); resp.StatusCode != 200 || string(body) != "ok\n" {
		t.Errorf("GET /healthz = %d %q", resp.StatusCode, body)
	}
	for _, path := range []string{"/nope", "/index.html", "/client/", "/api/scenes/cave-999", "/assets/textures/nope.png", "/assets/textures/..%2fscene.go", "/api/scenes/x/y"} {
		if resp, _ := get(t, srv.URL+path); resp.StatusCode != 404 {
			t.Errorf("GET %s = %d; want 404", path, resp.StatusCode)
		}
	}
}
