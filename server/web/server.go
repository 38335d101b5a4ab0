// Package web is Yunyou's HTTP server: the page, the WebAssembly client,
// textures, the scenes API, health, and the /ws endpoint where sessions
// live.
//
//	srv, err := web.New(web.Config{Catalog: cat, ClientDir: "build", Log: log})
//	go srv.Serve(ln)
//	...
//	srv.Shutdown(ctx) // visitors are told to reconnect, then HTTP stops
//
// Routes:
//
//	/                           index.html, with __YUNYOU_WASM__ replaced by the client's hashed URL
//	/page.js, /strings.js, ...  the page's scripts, yunyou.Scripts (no inline script, so the CSP can forbid it)
//	/wasm_exec.js               Go's JavaScript glue
//	/client/yunyou.HASH.wasm    the client, brotli or gzip as the browser accepts, cached for good
//	/assets/textures/NAME.png   textures
//	/api/scenes, /api/scenes/ID the scene list and each scene's file
//	/api/tours, /api/tours/CODE guided tours: create one, look one up, its QR code (tours.go)
//	/ws                         the WebSocket (package wsconn)
//	/healthz                    "ok" while the server runs, 503 once it is shutting down
//	/readyz                     "ready" while the server can take visitors, else 503 and why (observe.go)
//	/metrics                    Prometheus metrics, behind the admin token when there is one (observe.go)
//	/kiosk/NAME, /admin, ...    kiosk mode and the kiosks' admin page (package kiosk)
//
// Every response carries the security headers of secureHeaders.
package web

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"sync/atomic"
	"time"

	"yunyou"
	"yunyou/server/catalog"
	"yunyou/server/kiosk"
	"yunyou/server/metrics"
	"yunyou/server/session"
	"yunyou/server/store"
	"yunyou/server/wsconn"
)

const (
	// readHeaderTimeout bounds how long a client may take to send its
	// request headers; a browser sends them at once.
	readHeaderTimeout = 10 * time.Second
	// readTimeout bounds reading a whole request. Yunyou's requests carry
	// no body, so this only cuts off clients that trickle.
	readTimeout = 30 * time.Second
	// writeTimeout bounds writing a response. It is generous so that a
	// phone on a slow link can fetch the ~2 MB compressed client (at 64
	// kbit/s that takes about four minutes). WebSockets are not bound by
	// it: the upgrade clears the connection's deadlines and wsconn sets
	// its own for each read and write.
	writeTimeout = 5 * time.Minute
	// idleTimeout is how long a kept-alive connection may wait for its
	// next request.
	idleTimeout = 2 * time.Minute
)

// Config is what a Server needs.
type Config struct {
	Catalog *catalog.Catalog
	// ClientDir holds yunyou.wasm, yunyou.wasm.br and yunyou.wasm.gz. When
	// it holds no yunyou.wasm yet, the page says how to build the client.
	ClientDir string
	// AllowedOrigins lists other origins whose pages may open the
	// WebSocket; the server's own origin always may.
	AllowedOrigins []string
	// Chat limits each visitor's chat lines; zero means the default.
	Chat wsconn.ChatLimit
	// Limits bounds WebSocket connections, overall and per client address;
	// zero fields mean wsconn.DefaultConnLimits.
	Limits wsconn.ConnLimits
	// ReadTimeout and WriteTimeout bound reading a request and writing a
	// response; zero means 30 seconds and 5 minutes.
	ReadTimeout, WriteTimeout time.Duration
	// Page holds index.html, the page's scripts (yunyou.Scripts) and
	// wasm_exec.js; nil means yunyou.Web.
	Page fs.FS
	// Store keeps guided tours; nil turns tours off (the API says so).
	Store store.Store
	// Kiosks are the kiosk profiles (/kiosk/NAME); nil means the built-in
	// "default" profile only.
	Kiosks *kiosk.Profiles
	// AdminToken turns on the kiosks' admin page (/admin); empty leaves it
	// off. It must be at least kiosk.MinAdminToken characters.
	AdminToken string
	// KioskOnline is how recently a kiosk must have reported to show as
	// online; zero means kiosk.DefaultOnline (15 s).
	KioskOnline time.Duration
	// MetricsOff leaves /metrics unserved (404); the server still counts.
	// When served and AdminToken is set, /metrics asks for the token.
	MetricsOff bool
	Log        *slog.Logger
}

// Server serves Yunyou over HTTP. Its methods may be called from any
// goroutine.
type Server struct {
	log      *slog.Logger
	cat      *catalog.Catalog
	sessions *session.Manager
	ws       *wsconn.Handler
	client   *client
	textures map[string]texture
	scenes   revalidated            // /api/scenes
	scene    map[string]revalidated // /api/scenes/ID by ID
	wasmExec revalidated
	scripts  map[string]revalidated // the page's scripts by name (yunyou.Scripts)
	http     *http.Server
	stopping atomic.Bool // Shutdown has begun

	// Observability (observe.go).
	metrics *metrics.Metrics // this server's own registry
	store   store.Store      // pinged by /readyz; nil when tours are off
	admin   *bearer          // guards /metrics; nil when there is no admin token

	sameOrigin func(*http.Request) bool // the page's own origin, or an allowed one
	tourLimits tourLimits
	qrCodes    qrCache
}

// New returns a Server for cfg. It reads the page, textures and scenes now,
// and the client when it is first asked for.
func New(cfg Config) (*Server, error) {
	log := cfg.Log
	if log == nil {
		log = slog.Default()
	}
	if cfg.Catalog == nil {
		return nil, errors.New("web: no catalog of scenes")
	}
	page := cfg.Page
	if page == nil {
		page = yunyou.Web
	}
	index, err := fs.ReadFile(page, "index.html")
	if err != nil {
		return nil, fmt.Errorf("web: reading the page: %w", err)
	}
	wasmExec, err := fs.ReadFile(page, "wasm_exec.js")
	if err != nil {
		return nil, fmt.Errorf("web: reading wasm_exec.js: %w", err)
	}
	scripts := make(map[string]revalidated, len(yunyou.Scripts))
	for _, name := range yunyou.Scripts {
		js, err := fs.ReadFile(page, name)
		if err != nil {
			return nil, fmt.Errorf("web: reading the page's script %s: %w", name, err)
		}
		scripts[name] = newRevalidated(scriptType, js)
	}
	textures, err := loadTextures(cfg.Catalog)
	if err != nil {
		return nil, err
	}
	scenes, err := sceneList(cfg.Catalog)
	if err != nil {
		return nil, err
	}
	s := &Server{
		log:      log,
		cat:      cfg.Catalog,
		sessions: session.NewManager(log),
		client:   newClient(cfg.ClientDir, index, log),
		textures: textures,
		scenes:   newRevalidated(jsonType, scenes),
		scene:    make(map[string]revalidated),
		wasmExec: newRevalidated(scriptType, wasmExec),
		scripts:  scripts,
		metrics:  metrics.New(),
		store:    cfg.Store,
	}
	for _, sc := range cfg.Catalog.Scenes() {
		s.scene[sc.ID] = newRevalidated(jsonType, sc.JSON)
	}
	s.sameOrigin = wsconn.CheckOrigin(cfg.AllowedOrigins)
	s.tourLimits = newTourLimits()
	if cfg.Store != nil {
		s.sessions.UseTours(cfg.Store, cfg.Catalog.TourScene)
	}
	s.sessions.UseMetrics(s.metrics)
	s.ws = wsconn.New(wsconn.Config{Catalog: cfg.Catalog, Sessions: s.sessions, AllowedOrigins: cfg.AllowedOrigins, Chat: cfg.Chat, Limits: cfg.Limits, Guesses: s.tourLimits.guesses, Metrics: s.metrics, Log: log})

	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", s.serveIndex)
	mux.HandleFunc("GET /wasm_exec.js", s.wasmExec.serve)
	for name, js := range s.scripts {
		mux.HandleFunc("GET /"+name, js.serve)
	}
	mux.HandleFunc("GET /client/{file}", s.serveWasm)
	mux.HandleFunc("GET /assets/textures/{file}", s.serveTexture)
	mux.HandleFunc("GET /api/scenes", s.serveSceneList)
	mux.HandleFunc("GET /api/scenes/{id}", s.serveScene)
	mux.HandleFunc("POST /api/tours", s.serveCreateTour)
	mux.HandleFunc("GET /api/tours/{code}", s.serveTour)
	mux.HandleFunc("GET /api/tours/{code}/qr.png", s.serveTourQR)
	mux.HandleFunc("GET /healthz", s.serveHealth)
	mux.HandleFunc("GET /readyz", s.serveReady)
	if !cfg.MetricsOff {
		s.admin = newBearer(cfg.AdminToken)
		mux.Handle("GET /metrics", s.guardMetrics(s.metrics.Handler()))
	}
	mux.Handle("GET /ws", s.ws)
	kiosks, err := kiosk.New(kiosk.Config{Profiles: cfg.Kiosks, Scenes: cfg.Catalog.IDs(), AdminToken: cfg.AdminToken, Online: cfg.KioskOnline, Page: http.HandlerFunc(s.serveIndex), Log: log})
	if err != nil {
		return nil, err
	}
	kiosks.Mount(mux)
	s.metrics.CountKiosks(kiosks.Online)
	s.http = &http.Server{
		Handler:           s.metrics.Instrument(secureHeaders(mux)),
		ReadHeaderTimeout: readHeaderTimeout,
		ReadTimeout:       orDefault(cfg.ReadTimeout, readTimeout),
		WriteTimeout:      orDefault(cfg.WriteTimeout, writeTimeout),
		IdleTimeout:       idleTimeout,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	return s, nil
}

// ServeHTTP serves one request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.http.Handler.ServeHTTP(w, r) }

// Serve accepts connections on ln until Shutdown, when it returns nil.
func (s *Server) Serve(ln net.Listener) error {
	s.log.Info("serving", "addr", ln.Addr().String())
	if err := s.http.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// Shutdown tells every visitor on a WebSocket that the server is
// restarting and closes their connections (code 1012), saves the running
// tours, then stops HTTP, waiting for requests in flight until ctx is
// done. The caller closes the store afterwards.
func (s *Server) Shutdown(ctx context.Context) error {
	s.stopping.Store(true) // load balancers stop sending visitors here
	wsErr := s.ws.Shutdown(ctx)
	tourErr := s.sessions.Close(ctx)
	httpErr := s.http.Shutdown(ctx)
	return errors.Join(wsErr, tourErr, httpErr)
}

// Metrics returns the server's metrics, for tests that look inside.
func (s *Server) Metrics() *metrics.Metrics { return s.metrics }

// Sessions returns the server's session manager.
func (s *Server) Sessions() *session.Manager { return s.sessions }

func (s *Server) serveHealth(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	if s.stopping.Load() {
		w.WriteHeader(http.StatusServiceUnavailable)
		fmt.Fprintln(w, "shutting down")
		return
	}
	fmt.Fprintln(w, "ok")
}

func orDefault(d, def time.Duration) time.Duration {
	if d <= 0 {
		return def
	}
	return d
}
