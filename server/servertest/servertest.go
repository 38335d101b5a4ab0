// Package servertest starts a real Yunyou server on the loopback interface
// for tests, in one line, and gives tests visitors that speak the protocol
// over real WebSockets.
//
//	srv := servertest.Start(t)                 // stops when the test ends
//	ana := srv.Dial(t)
//	w := ana.Hello("mogao-257", "Ana")          // the welcome
//	ana.SendPose(p)
//	ana.Expect("Ana's pose", func(m servertest.Message) bool { ... })
//
// Browser tests pass WithClientDir(dir) with the directory where the
// Makefile built the client; without it the server runs without a client
// and the page says how to build one.
package servertest

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"yunyou/server/catalog"
	"yunyou/server/kiosk"
	"yunyou/server/store"
	"yunyou/server/web"
	"yunyou/server/wsconn"
)

// stopWait bounds the graceful stop at the end of a test.
const stopWait = 10 * time.Second

// DatabaseFile is the name of the tours' database in the data directory,
// as the server names it.
const DatabaseFile = "yunyou.db"

// Server is a running server.
type Server struct {
	// URL is the server's base URL, "http://127.0.0.1:PORT".
	URL string
	// WS is its WebSocket URL, "ws://127.0.0.1:PORT/ws".
	WS string
	// MetricsURL is its Prometheus metrics, "http://127.0.0.1:PORT/metrics";
	// Metrics fetches it with the admin token, if any.
	MetricsURL string
	// Web is the server itself, for tests that look inside (Sessions).
	Web *web.Server

	// Data is the directory holding the tours' database.
	Data string

	stopOnce sync.Once
	stopErr  error
	served   chan struct{}
	store    *store.SQLite
	admin    string // the admin token, which /metrics asks for
}

type config struct {
	clientDir string
	catalog   *catalog.Catalog
	origins   []string
	chat      wsconn.ChatLimit
	limits    wsconn.ConnLimits
	read      time.Duration
	write     time.Duration
	logs      []io.Writer
	data      string
	kiosks    string // a kiosks file's JSON; "" for the built-in profile
	admin     string
	online    time.Duration
}

// Option configures Start.
type Option func(*config)

// WithClientDir serves the client built into dir (yunyou.wasm with its .br
// and .gz).
func WithClientDir(dir string) Option { return func(c *config) { c.clientDir = dir } }

// WithCatalog serves the scenes in cat instead of the built-in ones.
func WithCatalog(cat *catalog.Catalog) Option { return func(c *config) { c.catalog = cat } }

// WithAllowedOrigins lets pages from these origins open WebSockets.
func WithAllowedOrigins(origins ...string) Option {
	return func(c *config) { c.origins = origins }
}

// WithChatLimit replaces the chat rate limit, for tests that flood.
func WithChatLimit(burst int, every time.Duration) Option {
	return func(c *config) { c.chat = wsconn.ChatLimit{Burst: burst, Every: every} }
}

// WithConnLimits replaces the limits on WebSocket connections.
func WithConnLimits(l wsconn.ConnLimits) Option { return func(c *config) { c.limits = l } }

// WithHTTPTimeouts replaces the HTTP server's read and write timeouts.
func WithHTTPTimeouts(read, write time.Duration) Option {
	return func(c *config) { c.read, c.write = read, write }
}

// WithDataDir keeps the tours' database in dir, so that a second server
// started on the same dir carries on the first one's tours, as a restarted
// server does. Without it each server gets a fresh directory.
func WithDataDir(dir string) Option { return func(c *config) { c.data = dir } }

// WithKiosks serves the kiosk profiles of a kiosks file,
// {"kiosks": [...]}, as -kiosks would; a faulty file fails the test.
func WithKiosks(profilesJSON string) Option { return func(c *config) { c.kiosks = profilesJSON } }

// WithAdminToken turns on the kiosks' admin page with tok.
func WithAdminToken(tok string) Option { return func(c *config) { c.admin = tok } }

// WithKioskOnline replaces how recently a kiosk must have reported to show
// as online (15 s), so that tests can see one go offline.
func WithKioskOnline(d time.Duration) Option { return func(c *config) { c.online = d } }

// WithLog also writes the server's log, at Debug and above, to w, which
// must be safe for use by many goroutines.
func WithLog(w io.Writer) Option { return func(c *config) { c.logs = append(c.logs, w) } }

// Start starts a server with the built-in scenes on 127.0.0.1 at a free
// port and stops it gracefully when the test ends. It logs through tb.
func Start(tb testing.TB, opts ...Option) *Server {
	tb.Helper()
	var cfg config
	for _, o := range opts {
		o(&cfg)
	}
	if cfg.catalog == nil {
		cat, err := catalog.Builtin()
		if err != nil {
			tb.Fatalf("servertest: loading the built-in scenes: %v", err)
		}
		cfg.catalog = cat
	}
	if cfg.clientDir == "" {
		cfg.clientDir = tb.TempDir() // no client: the page says so
	}
	if cfg.data == "" {
		cfg.data = tb.TempDir()
	}
	st, err := store.OpenSQLite(filepath.Join(cfg.data, DatabaseFile))
	if err != nil {
		tb.Fatalf("servertest: %v", err)
	}
	logw := &tbWriter{tb: tb}
	handlers := []slog.Handler{slog.NewTextHandler(logw, &slog.HandlerOptions{Level: slog.LevelInfo})}
	for _, w := range cfg.logs {
		handlers = append(handlers, slog.NewTextHandler(w, &slog.HandlerOptions{Level: slog.LevelDebug}))
	}
	log := slog.New(slog.NewMultiHandler(handlers...))
	var kiosks *kiosk.Profiles
	if cfg.kiosks != "" {
		kiosks, err = kiosk.Parse("kiosks.json", []byte(cfg.kiosks), cfg.catalog.IDs())
		if err != nil {
			tb.Fatalf("servertest: the kiosks file:\n%v", err)
		}
	}
	ws, err := web.New(web.Config{
		Catalog: cfg.catalog, ClientDir: cfg.clientDir, AllowedOrigins: cfg.origins,
		Chat: cfg.chat, Limits: cfg.limits, ReadTimeout: cfg.read, WriteTimeout: cfg.write, Store: st, Log: log,
		Kiosks: kiosks, AdminToken: cfg.admin, KioskOnline: cfg.online,
	})
	if err != nil {
		tb.Fatalf("servertest: %v", err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatalf("servertest: %v", err)
	}
	s := &Server{
		URL:        "http://" + ln.Addr().String(),
		WS:         "ws://" + ln.Addr().String() + "/ws",
		MetricsURL: "http://" + ln.Addr().String() + "/metrics",
		Web:        ws,
		Data:       cfg.data,
		served:     make(chan struct{}),
		store:      st,
		admin:      cfg.admin,
	}
	go func() {
		defer close(s.served)
		if err := ws.Serve(ln); err != nil {
			log.Error("serve", "err", err)
		}
	}()
	tb.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), stopWait)
		defer cancel()
		if err := s.Shutdown(ctx); err != nil {
			tb.Errorf("servertest: stopping the server: %v", err)
		}
		logw.stop()
	})
	return s
}

// Shutdown stops the server as SIGTERM does: visitors get an error event
// and a close frame saying the server is restarting, then HTTP stops. Later
// calls return the first call's result.
func (s *Server) Shutdown(ctx context.Context) error {
	s.stopOnce.Do(func() {
		s.stopErr = s.Web.Shutdown(ctx)
		select {
		case <-s.served:
		case <-ctx.Done():
			s.stopErr = fmt.Errorf("server did not stop serving: %w", ctx.Err())
		}
		if err := s.store.Close(); err != nil && s.stopErr == nil {
			s.stopErr = fmt.Errorf("closing the tours' database: %w", err)
		}
	})
	return s.stopErr
}

// tbWriter sends the server's log to the test's log until the test ends;
// goroutines that log after that (a session stopping) must not reach a
// finished test.
type tbWriter struct {
	mu      sync.Mutex
	tb      testing.TB
	stopped bool
}

func (w *tbWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if !w.stopped {
		w.tb.Log(strings.TrimSuffix(string(p), "\n"))
	}
	return len(p), nil
}

func (w *tbWriter) stop() {
	w.mu.Lock()
	w.stopped = true
	w.mu.Unlock()
}
