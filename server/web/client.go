package web

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
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

// client serves the WebAssembly client from its directory. It keeps a
// build for good only once it is complete: yunyou.wasm with a .br and a
// .gz no older than it, as the Makefile writes them. Until then it looks
// at the files again at each request, so that neither "not built" nor a
// build still being compressed sticks.
type client struct {
	dir   string
	index []byte // the page with the placeholder in it
	log   *slog.Logger

	mu     sync.Mutex
	files  *clientFiles // the last build read; nil when none was found
	stamp  buildStamp   // the files as they were when files was read
	final  bool         // files is complete: never look again
	logged string       // the last problem logged, to log each once
}

// clientFiles is one build of the client, with the page that loads it.
type clientFiles struct {
	url  string // /client/yunyou.HASH.wasm
	page []byte
	etag string // of page
	// Encodings of the client, best first; raw is last and always there.
	encodings []encoded
	rawSize   int
}

type encoded struct {
	coding string // Content-Encoding, "" for none
	data   []byte
}

// compressions are the encodings the build writes beside the client, best
// first, in the order of buildStamp after the raw file.
var compressions = []struct{ coding, suffix string }{{"br", precompress.BrotliSuffix}, {"gzip", precompress.GzipSuffix}}

// fileStamp is what a stat says of one file, comparable with ==.
type fileStamp struct {
	exists  bool
	size    int64
	modNano int64
}

// buildStamp is the raw client's stamp, then those of compressions.
type buildStamp [3]fileStamp

func (c *client) statBuild() buildStamp {
	var st buildStamp
	path := filepath.Join(c.dir, wasmName)
	for i, p := range []string{path, path + compressions[0].suffix, path + compressions[1].suffix} {
		if fi, err := os.Stat(p); err == nil && fi.Mode().IsRegular() {
			st[i] = fileStamp{exists: true, size: fi.Size(), modNano: fi.ModTime().UnixNano()}
		}
	}
	return st
}

// fresh reports whether compressed file i (1 or 2) exists and was written
// no earlier than the raw client, so is of the same build.
func (st buildStamp) fresh(i int) bool { return st[i].exists && st[i].modNano >= st[0].modNano }

func (st buildStamp) complete() bool { return st[0].exists && st.fresh(1) && st.fresh(2) }

func newClient(dir string, index []byte, log *slog.Logger) *client {
	if !bytes.Contains(index, []byte(wasmPlaceholder)) {
		log.Warn("index.html lacks the placeholder " + wasmPlaceholder + "; the page cannot find the client")
	}
	return &client{dir: dir, index: index, log: log}
}

// errNotBuilt means the client directory holds no client yet.
var errNotBuilt = errors.New("client not built")

// get returns the current build of the client.
func (c *client) get() (*clientFiles, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.final {
		return c.files, nil
	}
	st := c.statBuild()
	if c.files != nil && st == c.stamp {
		return c.files, nil
	}
	path := filepath.Join(c.dir, wasmName)
	if !st[0].exists {
		c.files = nil
		abs, _ := filepath.Abs(path)
		c.logOnce("client not built: the page asks visitors to wait", "missing", abs, "fix", "make run (or make client)")
		return nil, errNotBuilt
	}
	f, err := c.load(path, st)
	if err != nil {
		c.files = nil
		c.logOnce("cannot serve the client", "err", err)
		return nil, err
	}
	c.files, c.stamp, c.logged = f, st, ""
	// Final only if nothing changed while reading: a build written in the
	// meantime is read at the next request.
	c.final = st.complete() && c.statBuild() == st
	c.log.Info("client loaded", "url", f.url, "bytes", f.rawSize, "encodings", len(f.encodings)-1, "final", c.final)
	return f, nil
}

// logOnce logs msg at Warn unless it was the last problem logged: a page
// asked for a thousand times logs one line.
func (c *client) logOnce(msg string, args ...any) {
	line := fmt.Sprint(msg, args)
	if line == c.logged {
		return
	}
	c.logged = line
	c.log.Warn(msg, args...)
}

func (c *client) load(path string, st buildStamp) (*clientFiles, error) {
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
	f.etag = etagOf(f.page)
	for i, e := range compressions {
		p := path + e.suffix
		if !st.fresh(i + 1) {
			// A missing file is served without; a stale one would decode
			// to another build than the URL names.
			c.log.Warn("client served without "+e.coding+" until it is compressed", "file", p, "exists", st[i+1].exists, "fix", "go run ./server compress "+path)
			continue
		}
		data, err := os.ReadFile(p)
		if err != nil {
			c.log.Warn("client served without "+e.coding, "err", err, "fix", "go run ./server compress "+path)
			continue
		}
		f.encodings = append(f.encodings, encoded{e.coding, data})
	}
	f.encodings = append(f.encodings, encoded{"", raw})
	return f, nil
}

// notBuilt answers when there is no client to serve. It tells the
// visitor what to do and keeps the server's paths to its log.
func (s *Server) notBuilt(w http.ResponseWriter, err error) {
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusServiceUnavailable)
	msg := "The 3D viewer is not built yet. If you run this server: run <code>make run</code>, which builds it and starts the server; then reload this page."
	if !errors.Is(err, errNotBuilt) {
		msg = "The 3D viewer could not be read on the server; its log says why. Reload this page in a minute."
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
	revalidated{contentType: "text/html; charset=utf-8", etag: f.etag, data: f.page}.serve(w, r)
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
		// no-store: the URL may name the next build, not yet written.
		w.Header().Set("Cache-Control", "no-store")
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
