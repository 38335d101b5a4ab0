package web

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"time"
)

// contentSecurityPolicy lets the page run only scripts from this server and
// the WebAssembly client ('wasm-unsafe-eval' allows compiling it, nothing
// else), so that text a visitor slips into the page (a name, a chat line)
// can never run as script. Styles may be inline: the page keeps its CSS in
// a <style> element and the client places name labels with style
// attributes. Images come from blob: and data: URLs when textures are
// decoded; the client talks to this server over fetch and WebSockets. No
// other site may frame the page (clickjacking).
const contentSecurityPolicy = "default-src 'self'; " +
	"script-src 'self' 'wasm-unsafe-eval'; " +
	"style-src 'self' 'unsafe-inline'; " +
	"img-src 'self' data: blob:; " +
	"connect-src 'self' ws: wss:; " +
	"worker-src 'self' blob:; " +
	"frame-ancestors 'none'; " +
	"base-uri 'none'; " +
	"form-action 'self'"

// secureHeaders adds the security headers to every response of next, from
// one place so that no route can forget them.
func secureHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", contentSecurityPolicy)
		h.Set("X-Content-Type-Options", "nosniff") // a script or JSON is never taken for anything else
		h.Set("Referrer-Policy", "same-origin")    // deep links (?pose=, ?name=) stay on this site
		next.ServeHTTP(w, r)
	})
}

const (
	jsonType   = "application/json"
	scriptType = "text/javascript; charset=utf-8"
)

// revalidated is a file a browser must check each time it uses it
// (no-cache), cheaply: it sends the ETag and gets 304 Not Modified while
// the file is unchanged. Files whose URLs carry no content hash (the
// page's scripts, the scenes API) change when the server is updated.
type revalidated struct {
	contentType string
	etag        string
	data        []byte
}

func newRevalidated(contentType string, data []byte) revalidated {
	return revalidated{contentType: contentType, etag: etagOf(data), data: data}
}

func (f revalidated) serve(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Type", f.contentType)
	h.Set("Cache-Control", "no-cache")
	h.Set("ETag", f.etag)
	// ServeContent answers If-None-Match with 304, and HEAD and ranges.
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(f.data))
}

// etagOf returns a strong ETag for data: 64 bits of its SHA-256 tell
// versions apart.
func etagOf(data []byte) string {
	sum := sha256.Sum256(data)
	return `"` + hex.EncodeToString(sum[:8]) + `"`
}
