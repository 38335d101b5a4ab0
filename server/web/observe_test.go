package web_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"yunyou/protocol"
	"yunyou/server/catalog"
	"yunyou/server/servertest"
	"yunyou/server/store"
	"yunyou/server/web"
	"yunyou/server/wsconn"
)

// wantMetrics checks series on a metrics page, naming each one missing or
// off so that a failure reads as what an operator's dashboard would show.
func wantMetrics(t *testing.T, page string, want map[string]float64) {
	t.Helper()
	for series, v := range want {
		got, ok := servertest.Metric(page, series)
		switch {
		case !ok:
			t.Errorf("/metrics has no series %s", series)
		case got != v:
			t.Errorf("/metrics: %s = %v; want %v", series, got, v)
		}
	}
}

// A visitor who joins, chats and sends a malformed message shows on
// /metrics as an open connection, a member of a public session, the
// messages by kind and the bad input by its error code.
func TestMetricsCountVisitors(t *testing.T) {
	srv := servertest.Start(t)
	ana := srv.Dial(t)
	ana.Hello("mogao-257", "Ana")
	ana.Chat("看这只鹿")
	ana.ExpectType(protocol.TypeChat, nil)
	ana.SendText(`{"text":"no type"}`)
	ana.ExpectError(protocol.CodeBadMessage)

	page := srv.Metrics(t)
	wantMetrics(t, page, map[string]float64{
		"yunyou_ws_connections_open":                                     1,
		"yunyou_sessions_public":                                         1,
		"yunyou_session_members_public":                                  1,
		`yunyou_ws_messages_total{kind="hello"}`:                         1,
		`yunyou_ws_messages_total{kind="chat"}`:                          1,
		`yunyou_ws_messages_total{kind="invalid"}`:                       1,
		`yunyou_ws_bad_input_total{code="bad_message"}`:                  1,
		`yunyou_ws_bad_input_total{code="chat_too_fast"}`:                0, // every code is listed from the start
		`yunyou_ws_refused_total{reason="server_full"}`:                  0,
		`yunyou_http_requests_total{route="GET /ws",status_class="1xx"}`: 1,
	})
	if strings.Contains(page, "Ana") || strings.Contains(page, "看这只鹿") {
		t.Error("/metrics shows a visitor's name or chat")
	}
	if !strings.Contains(page, "# HELP yunyou_session_tick_seconds ") {
		t.Error("/metrics has no session tick histogram")
	}

	ana.Conn.Close()
	// The gauges follow the visitor out; the page is read until they do,
	// since the server notices the close on its own goroutine.
	for range 200 {
		page = srv.Metrics(t)
		if v, _ := servertest.Metric(page, "yunyou_ws_connections_open"); v == 0 {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	wantMetrics(t, page, map[string]float64{"yunyou_ws_connections_open": 0, "yunyou_session_members_public": 0, "yunyou_sessions_public": 0})
}

// A connection the limits turn away counts by its reason, and never
// counts as open.
func TestMetricsCountRefusals(t *testing.T) {
	srv := servertest.Start(t, servertest.WithConnLimits(wsconn.ConnLimits{MaxConnsPerAddr: 1}))
	srv.Dial(t).Hello("mogao-257", "Ana")
	var de *servertest.DialError
	if _, err := srv.DialHeader(t, nil); !errors.As(err, &de) || de.Status != http.StatusTooManyRequests {
		t.Fatalf("second connection from one address: %v; want 429", err)
	}
	wantMetrics(t, srv.Metrics(t), map[string]float64{
		`yunyou_ws_refused_total{reason="addr_conns"}`: 1,
		`yunyou_ws_refused_total{reason="addr_rate"}`:  0,
		"yunyou_ws_connections_open":                   1,
	})
}

// A tour created and led shows as a created and running tour with its
// members, and guide commands count by command and outcome; the tour's
// code and token appear nowhere on the page.
func TestMetricsCountTours(t *testing.T) {
	srv := servertest.Start(t)
	tour := srv.CreateTour(t, "mogao-257", "Wang")
	guide, ana := srv.Dial(t), srv.Dial(t)
	guide.HelloTour(protocol.Hello{Scene: "mogao-257", Name: "Wang", Tour: tour.Code, Token: tour.Token()})
	ana.HelloTour(protocol.Hello{Scene: "mogao-257", Name: "Ana", Tour: tour.Code})
	guide.Guide(protocol.GuideCommand{Cmd: protocol.CmdFollow, On: false})
	ana.ExpectType(protocol.TypeTour, nil)
	ana.Guide(protocol.GuideCommand{Cmd: protocol.CmdGather})
	ana.ExpectError(protocol.CodeNotGuide)
	guide.Guide(protocol.GuideCommand{Cmd: protocol.CmdSpotlight, Hotspot: "no-such-hotspot"})
	guide.ExpectError(protocol.CodeBadCommand)

	page := srv.Metrics(t)
	wantMetrics(t, page, map[string]float64{
		"yunyou_tours_created_total": 1,
		"yunyou_tours_running":       1,
		"yunyou_tour_members":        2,
		`yunyou_guide_commands_total{command="follow",outcome="applied"}`:        1,
		`yunyou_guide_commands_total{command="gather",outcome="refused"}`:        1,
		`yunyou_guide_commands_total{command="spotlight",outcome="invalid"}`:     1,
		`yunyou_ws_messages_total{kind="guide"}`:                                 3,
		`yunyou_http_requests_total{route="POST /api/tours",status_class="2xx"}`: 1,
	})
	for what, secret := range map[string]string{"tour code": tour.Code, "guide token": tour.Token(), "guide's name": "Wang"} {
		if strings.Contains(page, secret) {
			t.Errorf("/metrics shows the %s", what)
		}
	}
}

// Requests for paths no route knows share one fixed route label, so that
// a scanner cannot grow the number of series; known routes are labelled by
// their pattern, never by the path asked for.
func TestMetricsRouteLabelsBounded(t *testing.T) {
	srv := servertest.Start(t)
	for _, path := range []string{"/wp-login.php", "/no/such/path/31337", "/api/scenes/nowhere-7731"} {
		res, err := http.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusNotFound {
			t.Fatalf("GET %s = %s; want 404", path, res.Status)
		}
	}
	page := srv.Metrics(t)
	wantMetrics(t, page, map[string]float64{
		`yunyou_http_requests_total{route="unmatched",status_class="4xx"}`:            2,
		`yunyou_http_requests_total{route="GET /api/scenes/{id}",status_class="4xx"}`: 1,
	})
	for _, s := range []string{"wp-login", "31337", "nowhere-7731"} {
		if strings.Contains(page, s) {
			t.Errorf("/metrics shows the requested path %q as a label", s)
		}
	}
}

// With an admin token, /metrics asks for it; without one it is open; and
// it can be turned off.
func TestMetricsAccess(t *testing.T) {
	const token = "0123456789abcdef0123456789abcdef-metrics"
	srv := servertest.Start(t, servertest.WithAdminToken(token))
	for _, c := range []struct {
		name, auth string
		want       int
	}{
		{"no token", "", http.StatusUnauthorized},
		{"wrong token", "Bearer not-the-token-at-all-not-the-token", http.StatusUnauthorized},
		{"admin token", "Bearer " + token, http.StatusOK},
	} {
		req, _ := http.NewRequest("GET", srv.MetricsURL, nil)
		if c.auth != "" {
			req.Header.Set("Authorization", c.auth)
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != c.want {
			t.Errorf("GET /metrics with %s = %s; want %d", c.name, res.Status, c.want)
		}
	}

	open := servertest.Start(t)
	if page := open.Metrics(t); !strings.Contains(page, "yunyou_ws_connections_open") {
		t.Error("/metrics without an admin token lacks the server's metrics")
	}

	off := newServer(t, func(c *web.Config) { c.MetricsOff = true })
	rec := httptest.NewRecorder()
	off.ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	if rec.Code != http.StatusNotFound {
		t.Errorf("GET /metrics with metrics off = %d; want 404", rec.Code)
	}
}

// /readyz says "ready" while the server can take visitors, and 503 with
// the reason once its store stops answering or shutdown begins; /healthz
// stays "ok" while the store is down, so the server is not restarted for it.
func TestReady(t *testing.T) {
	get := func(h http.Handler, path string) (int, string) {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
		return rec.Code, rec.Body.String()
	}

	srv := servertest.Start(t)
	if code, body := get(srv.Web, "/readyz"); code != 200 || body != "ready\n" {
		t.Errorf("GET /readyz = %d %q; want 200 \"ready\"", code, body)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(ctx); err != nil {
		t.Fatal(err)
	}
	if code, body := get(srv.Web, "/readyz"); code != http.StatusServiceUnavailable || body != "shutting down\n" {
		t.Errorf("GET /readyz after shutdown = %d %q; want 503 \"shutting down\"", code, body)
	}

	st, err := store.OpenSQLite(filepath.Join(t.TempDir(), "yunyou.db"))
	if err != nil {
		t.Fatal(err)
	}
	s := newServer(t, func(c *web.Config) { c.Store = st })
	if code, body := get(s, "/readyz"); code != 200 {
		t.Errorf("GET /readyz with the store open = %d %q; want 200", code, body)
	}
	st.Close()
	code, body := get(s, "/readyz")
	if code != http.StatusServiceUnavailable || !strings.Contains(body, "tour store") {
		t.Errorf("GET /readyz with the store closed = %d %q; want 503 naming the tour store", code, body)
	}
	if code, body := get(s, "/healthz"); code != 200 {
		t.Errorf("GET /healthz with the store closed = %d %q; want 200: the process is alive", code, body)
	}
}

// newServer returns a server with the built-in scenes, not listening, for
// tests that need a configuration servertest does not offer.
func newServer(t *testing.T, edit func(*web.Config)) *web.Server {
	t.Helper()
	cat, err := catalog.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	cfg := web.Config{Catalog: cat, ClientDir: t.TempDir()}
	edit(&cfg)
	s, err := web.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return s
}
