package web

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"html"
	"io/fs"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"

	"yunyou/server/precompress"
)

const (
	// wasmName is the client's file in the client directory, as the
	// Makefile builds it.
	wasmName = "yunyou.wasm"
	// wasmPlaceholder is the literal in index.html that the server replaces
	// with the client's URL.
	wasmPlaceholder = "__YUNYOU_WASM__"
	// hashHexLen is how many hex digits of the client's SHA-256 name it: 64
	// bits tell builds apart and keep the URL short.
	hashHexLen = 16
	// immutable caches the hashed client for a year without revalidation: a
	// new build has a new URL.
	immutable = "public, max-age=31536000, immutable"
)

// client serves the WebAssembly client from its directory. It reads the
// files the first time it finds them and never again: the Makefile writes
// them before the server starts.
type client struct {
	dir   string
	index []byte // the page with the placeholder in it
	log   *slog.Logger

	mu    sync.Mutex
	files *clientFiles // nil until found
}

// clientFiles is one build of the client, with the page that loads it.
type clientFiles struct {
	url  string // /client/yunyou.HASH.wasm
	page []byte
	// Encodings of the client, best first; raw is last and always there.
	encodings []encoded
	rawSize   int
}

type encoded struct {
	coding string // Content-Encoding, "" for none
	data   []byte
}

func newClient(dir string, index []byte, log *slog.Logger) *client {
	if !bytes.Contains(index, []byte(wasmPlaceholder)) {
		log.Warn("index.html lacks the placeholder " + wasmPlaceholder + "; the page cannot find the client")
	}
	return &client{dir: dir, index: index, log: log}
}

// errNotBuilt means the client directory holds no client yet.
var errNotBuilt = errors.New("client not built")

// get returns the client, reading it if this is the first call that finds it.
func (c *client) get() (*clientFiles, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.files != nil {
		return c.files, nil
	}
	f, err := c.load()
	if err != nil {
		return nil, err
	}
	c.files = f
	return f, nil
}

func (c *client) load() (*clientFiles, error) {
	path := filepath.Join(c.dir, wasmName)
	raw, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, errNotBuilt
	}
	if err != nil {
		return nil, fmt.Errorf("reading the client: %w", err)
	}
	sum := sha256.Sum256(raw)
	f := &clientFiles{
		url:     "/client/yunyou." + hex.EncodeToString(sum[:])[:hashHexLen] + ".wasm",
		rawSize: len(raw),
	}
	f.page = bytes.ReplaceAll(c.index, []byte(wasmPlaceholder), []byte(f.url))
	for _, e := range []struct{ coding, suffix string }{{"br", precompress.BrotliSuffix}, {"gzip", precompress.GzipSuffix}} {
		data, err := os.ReadFile(path + e.suffix)
		if err != nil {
			c.log.Warn("client served without "+e.coding, "missing", path+e.suffix, "fix", "go run ./server compress "+path)
			continue
		}
		f.encodings = append(f.encodings, encoded{e.coding, data})
	}
	f.encodings = append(f.encodings, encoded{"", raw})
	c.log.Info("client loaded", "url", f.url, "bytes", len(raw))
	return f, nil
}

// notBuiltPage answers when there is no client to serve.
func (s *Server) notBuilt(w http.ResponseWriter, err error) {
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusServiceUnavailable)
	msg := "The client is not built: run <code>make run</code>."
	if !errors.Is(err, errNotBuilt) {
		msg = "The client could not be read: " + html.EscapeString(err.Error())
	} else {
		msg += " (The server looks for " + html.EscapeString(filepath.Join(s.client.dir, wasmName)) + ".)"
	}
	fmt.Fprintf(w, "<!doctype html><meta charset=utf-8><title>Yunyou: client not built</title><p id=error>%s</p>\n", msg)
}

func (s *Server) serveIndex(w http.ResponseWriter, r *http.Request) {
	f, err := s.client.get()
	if err != nil {
		s.notBuilt(w, err)
		return
	}
	// no-cache: the page names the current client, so a browser must
	// check it each time; the client itself is cached for good.
	h := w.Header()
	h.Set("Cache-Control", "no-cache")
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Length", strconv.Itoa(len(f.page)))
	w.Write(f.page)
}

func (s *Server) serveWasmExec(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Cache-Control", "no-cache") // must change with the client's Go version
	h.Set("Content-Type", "text/javascript; charset=utf-8")
	h.Set("Content-Length", strconv.Itoa(len(s.wasmExec)))
	w.Write(s.wasmExec)
}

// serveWasm sends the client in the best encoding the browser accepts. The
// encodings were compressed when the client was built, never here.
func (s *Server) serveWasm(w http.ResponseWriter, r *http.Request) {
	f, err := s.client.get()
	if err != nil {
		s.notBuilt(w, err)
		return
	}
	if r.URL.Path != f.url {
		http.Error(w, "no such client build; reload the page to get the current one", http.StatusNotFound)
		return
	}
	accept := r.Header.Get("Accept-Encoding")
	e := f.encodings[len(f.encodings)-1]
	for _, x := range f.encodings {
		if x.coding == "" || acceptsEncoding(accept, x.coding) {
			e = x
			break
		}
	}
	h := w.Header()
	h.Set("Content-Type", "application/wasm")
	h.Set("Cache-Control", immutable)
	h.Set("Vary", "Accept-Encoding")
	if e.coding != "" {
		h.Set("Content-Encoding", e.coding)
	}
	// Content-Length is the size on the wire; the page's progress bar
	// counts decoded bytes against X-Yunyou-Uncompressed-Size.
	h.Set("Content-Length", strconv.Itoa(len(e.data)))
	h.Set("X-Yunyou-Size", strconv.Itoa(len(e.data)))
	h.Set("X-Yunyou-Uncompressed-Size", strconv.Itoa(f.rawSize))
	if r.Method == http.MethodHead {
		return
	}
	w.Write(e.data)
}

// acceptsEncoding reports whether an Accept-Encoding header accepts coding:
// named, and not with q=0.
func acceptsEncoding(header, coding string) bool {
	for _, part := range strings.Split(header, ",") {
		name, params, _ := strings.Cut(part, ";")
		if !strings.EqualFold(strings.TrimSpace(name), coding) {
			continue
		}
		for _, p := range strings.Split(params, ";") {
			k, v, _ := strings.Cut(strings.TrimSpace(p), "=")
			if strings.EqualFold(k, "q") {
				if q, err := strconv.ParseFloat(strings.TrimSpace(v), 64); err == nil && q <= 0 {
					return false
				}
			}
		}
		return true
	}
	return false
}
