// Package wsconn serves the /ws WebSocket endpoint: it checks the
// connection limits (ConnLimits), upgrades a visitor's request, checks the
// hello, joins the visitor to a session and then carries poses and events
// both ways, with a reader and a writer goroutine per connection as in
// gorilla/websocket's chat example.
//
//	h := wsconn.New(wsconn.Config{Catalog: cat, Sessions: mgr, Log: log})
//	mux.Handle("/ws", h)
//	...
//	h.Shutdown(ctx) // every visitor is told the server is restarting
package wsconn

import (
	"context"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/gorilla/websocket"

	"yunyou/server/catalog"
	"yunyou/server/metrics"
	"yunyou/server/ratelimit"
	"yunyou/server/session"
)

// Config is what a Handler needs.
type Config struct {
	Catalog  *catalog.Catalog
	Sessions *session.Manager
	// AllowedOrigins lists the origins ("https://example.org") whose pages
	// may connect besides the server's own.
	AllowedOrigins []string
	// Chat limits each visitor's chat lines; the zero value means
	// DefaultChatLimit.
	Chat ChatLimit
	// Limits bounds new and open connections, overall and per client
	// address; zero fields mean DefaultConnLimits.
	Limits ConnLimits
	// Guesses limits wrong tour codes per client address, shared with the
	// HTTP API; nil means no limit.
	Guesses *ratelimit.Keyed
	// Metrics records connections, messages and bad input; nil records
	// nothing.
	Metrics *metrics.Metrics
	Log     *slog.Logger
}

// ChatLimit is a token bucket for chat lines: a burst of Burst lines, then
// one line every Every.
type ChatLimit struct {
	Burst int
	Every time.Duration
}

// DefaultChatLimit keeps chat at a conversation's pace. A flood would
// otherwise fill everyone's send queue and push visitors on slow links out
// as too slow.
var DefaultChatLimit = ChatLimit{Burst: 5, Every: time.Second}

// handshakeTimeout bounds writing the upgrade's answer: a browser takes it
// at once, and a client that does not read holds a socket for nothing.
const handshakeTimeout = 10 * time.Second

// Handler is the http.Handler of the /ws endpoint. Its methods may be called
// from any goroutine.
type Handler struct {
	cfg      Config
	log      *slog.Logger
	upgrader websocket.Upgrader
	limits   *limiter
	rare     *rareLog // warnings about refused connections
	met      *metrics.Metrics

	mu       sync.Mutex
	conns    map[*conn]struct{}
	stopping bool
	wg       sync.WaitGroup // one per goroutine of each connection
}

// New returns a Handler.
func New(cfg Config) *Handler {
	if cfg.Chat.Burst <= 0 || cfg.Chat.Every <= 0 {
		cfg.Chat = DefaultChatLimit
	}
	h := &Handler{cfg: cfg, log: cfg.Log, conns: make(map[*conn]struct{}), met: cfg.Metrics}
	if h.log == nil {
		h.log = slog.Default()
	}
	h.limits = newLimiter(cfg.Limits, time.Now)
	h.rare = newRareLog(h.log, refusalLogEvery, time.Now)
	h.upgrader = websocket.Upgrader{
		HandshakeTimeout: handshakeTimeout,
		ReadBufferSize:   readBufferSize,
		WriteBufferSize:  writeBufferSize,
		WriteBufferPool:  &sync.Pool{},
		CheckOrigin:      CheckOrigin(cfg.AllowedOrigins),
		Error: func(w http.ResponseWriter, r *http.Request, status int, reason error) {
			// Anyone can send these by the thousand: one line per kind
			// every few seconds, the rest at Debug.
			h.met.ConnRefused(metrics.RefusedUpgrade)
			h.log.Debug("websocket upgrade refused", "remote", r.RemoteAddr, "origin", r.Header.Get("Origin"), "status", status, "err", reason)
			h.rare.warn("upgrade refused "+strconv.Itoa(status), "websocket upgrades refused", "status", status, "err", reason, "remote", r.RemoteAddr, "origin", r.Header.Get("Origin"))
			w.Header().Set("Cache-Control", "no-store")
			http.Error(w, reason.Error(), status)
		},
	}
	return h
}

// ServeHTTP upgrades the request to a WebSocket and serves it until it
// closes, unless the connection limits refuse it first (429 Too Many
// Requests for one address, 503 when the server is full).
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h.mu.Lock()
	stopping := h.stopping
	h.mu.Unlock()
	if stopping {
		h.met.ConnRefused(metrics.RefusedShuttingDown)
		http.Error(w, "the server is restarting; reconnect in a few seconds", http.StatusServiceUnavailable)
		return
	}
	// Limits come before the upgrade, so that a refused client costs no
	// goroutines and its would-be session hears nothing.
	addr := clientAddr(r.RemoteAddr)
	if no := h.limits.acquire(addr); no != nil {
		h.refuse(w, r, no)
		return
	}
	ws, err := h.upgrader.Upgrade(w, r, nil)
	if err != nil {
		h.limits.release(addr)
		return // Upgrade has answered and h.upgrader.Error logged it
	}
	c := newConn(h, ws, r.RemoteAddr)
	c.addr = addr
	h.mu.Lock()
	if h.stopping {
		// Shutdown began during the upgrade and may already be waiting:
		// say goodbye here rather than start goroutines it would miss.
		h.mu.Unlock()
		h.limits.release(addr)
		h.met.ConnRefused(metrics.RefusedShuttingDown)
		info := restarting()
		ws.WriteControl(websocket.CloseMessage, websocket.FormatCloseMessage(info.code, info.reason), time.Now().Add(closeWait))
		ws.Close()
		return
	}
	h.conns[c] = struct{}{}
	h.wg.Add(2)
	h.mu.Unlock()
	h.met.ConnOpened()
	// Both pumps run in their own goroutines so the request's memory can
	// go, as in the chat example.
	go func() {
		defer h.wg.Done()
		c.writePump()
	}()
	go func() {
		defer h.wg.Done()
		c.readPump()
		h.mu.Lock()
		delete(h.conns, c)
		h.mu.Unlock()
		h.limits.release(addr)
		h.met.ConnClosed()
	}()
}

// Shutdown refuses new connections, tells every connected visitor that the
// server is restarting (an error event, then a close frame with code 1012)
// and waits until their connections have closed or ctx is done, when it
// drops the rest.
func (h *Handler) Shutdown(ctx context.Context) error {
	h.mu.Lock()
	h.stopping = true
	conns := make([]*conn, 0, len(h.conns))
	for c := range h.conns {
		conns = append(conns, c)
	}
	h.mu.Unlock()
	h.log.Info("closing websockets", "connections", len(conns))
	for _, c := range conns {
		c.closeWith(restarting())
	}
	done := make(chan struct{})
	go func() {
		h.wg.Wait()
		close(done)
	}()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		for _, c := range conns {
			c.ws.Close()
		}
		return ctx.Err()
	}
}

// CheckOrigin returns a test that lets a browser request through only from
// the server's own origin or one of allowed, so another site cannot open a
// visitor's session (or create a tour) in the background. Programs that
// send no Origin (the load generator, native clients) pass.
func CheckOrigin(allowed []string) func(r *http.Request) bool {
	norm := make(map[string]bool, len(allowed))
	for _, a := range allowed {
		if a = normOrigin(a); a != "" {
			norm[a] = true
		}
	}
	return func(r *http.Request) bool {
		origin := r.Header.Get("Origin")
		if origin == "" {
			return true
		}
		u, err := url.Parse(origin)
		if err != nil {
			return false
		}
		if strings.EqualFold(u.Host, r.Host) {
			return true
		}
		return norm[normOrigin(origin)]
	}
}

func normOrigin(s string) string {
	return strings.ToLower(strings.TrimRight(strings.TrimSpace(s), "/"))
}
