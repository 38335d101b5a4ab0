package web_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"yunyou/server/precompress"
	"yunyou/server/servertest"
)

// clientURL is the hashed URL the server gives the client raw.
func clientURL(raw []byte) string {
	sum := sha256.Sum256(raw)
	return "/client/yunyou." + hex.EncodeToString(sum[:])[:16] + ".wasm"
}

// The server keeps a build for good only once it is complete. Before, it
// looks again at each request: the page asking to build the client does
// not stick once the client is there, nor a client without compressed
// copies once they are written; and compressed copies older than the
// client, of another build, are never sent for it.
func TestClientIsReadAgainUntilComplete(t *testing.T) {
	dir := t.TempDir()
	srv := servertest.Start(t, servertest.WithClientDir(dir))
	if resp, _ := get(t, srv.URL+"/"); resp.StatusCode != http.StatusServiceUnavailable {
		t.Fatalf("GET / with no client = %d; want 503", resp.StatusCode)
	}

	path := filepath.Join(dir, "yunyou.wasm")
	write := func(raw []byte) {
		t.Helper()
		if err := os.WriteFile(path, raw, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	expect := func(step string, raw []byte, encoding string) {
		t.Helper()
		resp, page := get(t, srv.URL+"/")
		if resp.StatusCode != 200 || !bytes.Contains(page, []byte(clientURL(raw))) {
			t.Fatalf("%s: GET / = %d, not naming %s", step, resp.StatusCode, clientURL(raw))
		}
		resp, body := get(t, srv.URL+clientURL(raw), "Accept-Encoding", "br, gzip")
		if resp.StatusCode != 200 || resp.Header.Get("Content-Encoding") != encoding || !bytes.Equal(decode(t, encoding, body), raw) {
			t.Fatalf("%s: the client came as %d with Content-Encoding %q; want 200, %q, decoding to the client",
				step, resp.StatusCode, resp.Header.Get("Content-Encoding"), encoding)
		}
	}

	first := []byte("\x00asm\x01\x00\x00\x00" + strings.Repeat("first build ", 300))
	write(first)
	expect("built, not yet compressed", first, "")

	// A second build beside the compressed copies of the first.
	if err := precompress.File(path); err != nil {
		t.Fatal(err)
	}
	second := []byte("\x00asm\x01\x00\x00\x00" + strings.Repeat("second build ", 300))
	write(second)
	old := time.Now().Add(-time.Hour)
	for _, s := range []string{precompress.BrotliSuffix, precompress.GzipSuffix} {
		if err := os.Chtimes(path+s, old, old); err != nil {
			t.Fatal(err)
		}
	}
	expect("rebuilt, compressed copies stale", second, "")
	if err := precompress.File(path); err != nil {
		t.Fatal(err)
	}
	expect("rebuilt and compressed", second, "br")
}

// Without a client the page tells the visitor what to do, and keeps the
// server's file paths to itself.
func TestNotBuiltPageHidesServerPaths(t *testing.T) {
	dir := t.TempDir()
	srv := servertest.Start(t, servertest.WithClientDir(dir))
	resp, body := get(t, srv.URL+"/")
	if resp.StatusCode != http.StatusServiceUnavailable || resp.Header.Get("Cache-Control") != "no-store" || !bytes.Contains(body, []byte("make run")) {
		t.Errorf("GET / = %d, Cache-Control %q, %q; want 503, no-store, saying to run make run", resp.StatusCode, resp.Header.Get("Cache-Control"), body)
	}
	if bytes.Contains(body, []byte(dir)) || bytes.Contains(body, []byte("yunyou.wasm")) {
		t.Errorf("the page shows the server's path: %s", body)
	}
}

// An old or unknown build's URL is not found, and no cache may keep that
// answer: the URL may be the next build's.
func TestUnknownBuildIsNotCached(t *testing.T) {
	dir, _ := buildClient(t)
	srv := servertest.Start(t, servertest.WithClientDir(dir))
	resp, _ := get(t, srv.URL+"/client/yunyou.0123456789abcdef.wasm")
	if resp.StatusCode != http.StatusNotFound || resp.Header.Get("Cache-Control") != "no-store" {
		t.Errorf("an unknown build = %d with Cache-Control %q; want 404 and no-store", resp.StatusCode, resp.Header.Get("Cache-Control"))
	}
}
