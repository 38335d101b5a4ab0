// Package kiosk runs Yunyou on unattended gallery touch screens: the kiosk
// profiles (which scenes, languages and idle time each kiosk has), the
// reports kiosk pages send every few seconds, and the admin page where
// staff see every kiosk and send it commands.
//
//	profiles, err := kiosk.Load("kiosks.json", cat.IDs()) // or kiosk.Default(cat.IDs())
//	k, err := kiosk.New(kiosk.Config{Profiles: profiles, AdminToken: tok, Page: indexHandler, Log: log})
//	k.Mount(mux)
//
// Routes:
//
//	GET  /kiosk/NAME                      the page, in kiosk mode (the page reads NAME from its URL)
//	GET  /api/kiosks/NAME                 the profile
//	POST /api/kiosks/NAME/report          a kiosk page's state, as application/json → the commands waiting for it
//	GET  /admin, /admin/admin.js          the admin page (only with an admin token)
//	GET  /api/admin/kiosks                every kiosk page heard from (Bearer token)
//	POST /api/admin/kiosks/ID/reload      reload that page (Bearer token)
//	POST /api/admin/kiosks/ID/language    switch its language, {"language": "fr"} (Bearer token)
package kiosk

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"time"

	"golang.org/x/time/rate"

	"yunyou/server/ratelimit"
	"yunyou/server/wsconn"
)

const (
	// DefaultOnline is how recently a kiosk page must have reported to
	// count as online: kiosks report every 5 s, so three missed reports.
	DefaultOnline = 15 * time.Second
	// reportBurst and reportEvery limit reports per client address. A
	// gallery's kiosks share one address, each reporting every 5 s: one a
	// second after a burst of 20 serves five kiosks with room for page
	// reloads, and keeps a flood from one address small.
	reportBurst = 20
	reportEvery = time.Second
)

// Config is what a Service needs.
type Config struct {
	// Profiles are the kiosks' profiles; nil means Default(Scenes).
	Profiles *Profiles
	// Scenes are the catalog's scene ids, for the default profile.
	Scenes []string
	// AdminToken turns the admin page on; it must be at least
	// MinAdminToken characters. Empty leaves the admin page off.
	AdminToken string
	// Online is how recently a kiosk must have reported to be online;
	// zero means DefaultOnline.
	Online time.Duration
	// Page serves the page (index.html with the client's URL), which
	// /kiosk/NAME serves too.
	Page http.Handler
	Log  *slog.Logger
}

// Service serves the kiosk routes. Its methods may be called from any
// goroutine.
type Service struct {
	profiles *Profiles
	page     http.Handler
	log      *slog.Logger
	admin    *adminToken // nil: the admin page is off
	kiosks   *registry
	reports  *ratelimit.Keyed
}

// New returns a Service for cfg, or an error saying what to fix in it.
func New(cfg Config) (*Service, error) {
	if cfg.Page == nil {
		return nil, fmt.Errorf("kiosk: no page handler")
	}
	log := cfg.Log
	if log == nil {
		log = slog.Default()
	}
	profiles := cfg.Profiles
	if profiles == nil {
		profiles = Default(cfg.Scenes)
	}
	online := cfg.Online
	if online <= 0 {
		online = DefaultOnline
	}
	s := &Service{
		profiles: profiles,
		page:     cfg.Page,
		log:      log,
		kiosks:   newRegistry(online),
		reports:  ratelimit.New(rate.Every(reportEvery), reportBurst),
	}
	if cfg.AdminToken != "" {
		t, err := newAdminToken(cfg.AdminToken)
		if err != nil {
			return nil, err
		}
		s.admin = t
	}
	return s, nil
}

// Mount adds the kiosk and admin routes to mux.
func (s *Service) Mount(mux *http.ServeMux) {
	mux.HandleFunc("GET /kiosk/{name}", s.servePage)
	mux.HandleFunc("GET /api/kiosks/{name}", s.serveProfile)
	mux.HandleFunc("POST /api/kiosks/{name}/report", s.serveReport)
	mux.HandleFunc("GET /admin", s.serveAdminPage)
	mux.HandleFunc("GET /admin/admin.js", s.serveAdminScript)
	mux.HandleFunc("GET /api/admin/kiosks", s.serveAdminList)
	mux.HandleFunc("POST /api/admin/kiosks/{id}/reload", s.serveAdminReload)
	mux.HandleFunc("POST /api/admin/kiosks/{id}/language", s.serveAdminLanguage)
}

// servePage serves the page for a known kiosk; the page finds the kiosk's
// name in its URL and fetches the profile.
func (s *Service) servePage(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("name")
	if _, ok := s.profiles.Get(name); !ok {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		w.WriteHeader(http.StatusNotFound)
		fmt.Fprintf(w, "There is no kiosk %q on this server.\nThe kiosks are: %s (open /kiosk/NAME).\n", truncate(name, 60), strings.Join(s.profiles.Names(), ", "))
		return
	}
	s.page.ServeHTTP(w, r)
}

func (s *Service) serveProfile(w http.ResponseWriter, r *http.Request) {
	p, ok := s.profile(w, r)
	if !ok {
		return
	}
	writeJSON(w, http.StatusOK, p)
}

// profile returns the profile the request's {name} names, or answers 404.
func (s *Service) profile(w http.ResponseWriter, r *http.Request) (Profile, bool) {
	name := r.PathValue("name")
	p, ok := s.profiles.Get(name)
	if !ok {
		jsonError(w, http.StatusNotFound, fmt.Sprintf("no kiosk %q; the kiosks are %s", truncate(name, 60), strings.Join(s.profiles.Names(), ", ")))
	}
	return p, ok
}

// serveReport records a kiosk page's report and answers with the commands
// waiting for it.
func (s *Service) serveReport(w http.ResponseWriter, r *http.Request) {
	addr := wsconn.ClientAddr(r.RemoteAddr)
	if !s.reports.Allow(addr) {
		wait := s.reports.Wait(addr)
		w.Header().Set("Retry-After", strconv.Itoa(max(1, int(wait.Seconds()+0.999))))
		jsonError(w, http.StatusTooManyRequests, fmt.Sprintf("too many kiosk reports from your network; report every 5 s, and try again in %v", wait.Round(time.Second)))
		return
	}
	p, ok := s.profile(w, r)
	if !ok {
		return
	}
	rep, status, err := decodeReport(w, r)
	if err != nil {
		jsonError(w, status, err.Error())
		return
	}
	cmds, err := s.kiosks.report(p.Name, rep)
	if err != nil {
		// A page falls offline after the online window; then it may
		// make room.
		w.Header().Set("Retry-After", strconv.Itoa(max(1, int(s.kiosks.online.Seconds()+0.999))))
		jsonError(w, http.StatusServiceUnavailable, fmt.Sprintf("%v: %d kiosk pages have reported within %v or have commands waiting; try again later, and ask staff to check the admin page for pages that are not real kiosks", err, maxInstances, s.kiosks.online))
		return
	}
	for _, c := range cmds {
		s.log.Info("kiosk command delivered", "kiosk", p.Name, "id", rep.ID, "command", c.Type, "language", c.Language)
	}
	writeJSON(w, http.StatusOK, map[string]any{"commands": cmds})
}

// languagesOf returns the languages of the profile called name.
func (s *Service) languagesOf(name string) []string {
	p, ok := s.profiles.Get(name)
	if !ok {
		return Languages
	}
	return p.Languages
}

// writeJSON sends v; no-store, since every answer here reflects the
// moment it was asked.
func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

func jsonError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, map[string]string{"error": msg})
}
