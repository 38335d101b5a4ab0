package metrics_test

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"yunyou/server/metrics"
	"yunyou/server/servertest"
)

// page renders m as a scraper sees it.
func page(t *testing.T, m *metrics.Metrics) string {
	t.Helper()
	rec := httptest.NewRecorder()
	m.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	if rec.Code != http.StatusOK {
		t.Fatalf("metrics handler = %d: %s", rec.Code, rec.Body)
	}
	return rec.Body.String()
}

func want(t *testing.T, p string, series map[string]float64) {
	t.Helper()
	for s, v := range series {
		got, ok := servertest.Metric(p, s)
		if !ok {
			t.Errorf("no series %s", s)
		} else if got != v {
			t.Errorf("%s = %v; want %v", s, got, v)
		}
	}
}

// Values outside the fixed label sets count under "other", so a client
// inventing error codes or commands cannot add series.
func TestLabelSetsBounded(t *testing.T) {
	m := metrics.New()
	m.BadInput("bad_pose")
	m.BadInput("made-up-code-1")
	m.BadInput("made-up-code-2")
	m.GuideCommand("gather", metrics.Applied)
	m.GuideCommand("fly-away", metrics.Invalid)
	m.MessageIn(metrics.KindChat)
	m.ConnRefused(metrics.RefusedAddrRate)
	m.SnapshotDropped()
	m.TooSlow()
	m.TourCreated()
	m.TourSaved(nil)
	m.TourSaved(errors.New("disk full"))
	m.Tick(2 * time.Millisecond)
	p := page(t, m)
	want(t, p, map[string]float64{
		`yunyou_ws_bad_input_total{code="bad_pose"}`:                      1,
		`yunyou_ws_bad_input_total{code="other"}`:                         2,
		`yunyou_guide_commands_total{command="gather",outcome="applied"}`: 1,
		`yunyou_guide_commands_total{command="other",outcome="invalid"}`:  1,
		`yunyou_ws_messages_total{kind="chat"}`:                           1,
		`yunyou_ws_refused_total{reason="addr_rate"}`:                     1,
		"yunyou_ws_snapshots_dropped_total":                               1,
		"yunyou_ws_too_slow_total":                                        1,
		"yunyou_tours_created_total":                                      1,
		"yunyou_tour_saves_total":                                         2,
		"yunyou_tour_save_errors_total":                                   1,
		"yunyou_session_tick_seconds_count":                               1,
		`yunyou_session_tick_seconds_bucket{le="0.0025"}`:                 1,
		`yunyou_session_tick_seconds_bucket{le="0.001"}`:                  0,
	})
	for _, s := range []string{"made-up-code", "fly-away"} {
		if strings.Contains(p, s) {
			t.Errorf("the page shows the invented value %q as a label", s)
		}
	}
}

// Each server has its own registry: what one counts, another does not see,
// and creating many (as tests do) does not panic on duplicate registration.
func TestRegistriesIndependent(t *testing.T) {
	a, b := metrics.New(), metrics.New()
	a.ConnOpened()
	a.ConnOpened()
	b.ConnOpened()
	b.ConnClosed()
	want(t, page(t, a), map[string]float64{"yunyou_ws_connections_open": 2})
	want(t, page(t, b), map[string]float64{"yunyou_ws_connections_open": 0})
	if !strings.Contains(page(t, a), "go_goroutines ") {
		t.Error("the page lacks the Go runtime's metrics")
	}
}

// A nil *Metrics records nothing and does not fail, so packages used on
// their own need no registry.
func TestNilRecordsNothing(t *testing.T) {
	var m *metrics.Metrics
	m.ConnOpened()
	m.ConnClosed()
	m.ConnRefused(metrics.RefusedServerFull)
	m.MessageIn(metrics.KindPose)
	m.BadInput("bad_pose")
	m.SnapshotDropped()
	m.TooSlow()
	m.GuideCommand("end", metrics.Applied)
	m.TourCreated()
	m.TourSaved(nil)
	m.Tick(time.Millisecond)
	m.CountSessions(func() metrics.SessionCounts { return metrics.SessionCounts{} })
	m.CountKiosks(func() int { return 0 })
	h := http.NotFoundHandler()
	if got := m.Instrument(h); got == nil {
		t.Error("Instrument on nil returned nil; want the handler itself")
	}
}

// Requests count by the route pattern that matched and the status class;
// a request no route matched counts as "unmatched", and a hijacked
// connection (a WebSocket upgrade) as 1xx.
func TestInstrument(t *testing.T) {
	m := metrics.New()
	mux := http.NewServeMux()
	mux.HandleFunc("GET /things/{id}", func(w http.ResponseWriter, r *http.Request) {
		if r.PathValue("id") == "missing" {
			http.NotFound(w, r)
			return
		}
		w.Write([]byte("a thing"))
	})
	mux.HandleFunc("GET /upgrade", func(w http.ResponseWriter, r *http.Request) {
		hj, ok := w.(http.Hijacker)
		if !ok {
			t.Error("the instrumented writer hides http.Hijacker; WebSocket upgrades would fail")
			return
		}
		c, _, err := hj.Hijack()
		if err != nil {
			t.Error(err)
			return
		}
		c.Write([]byte("HTTP/1.1 101 Switching Protocols\r\nUpgrade: test\r\nConnection: Upgrade\r\n\r\n"))
		c.Close()
	})
	srv := httptest.NewServer(m.Instrument(mux))
	defer srv.Close()
	for _, path := range []string{"/things/1", "/things/2", "/things/missing", "/elsewhere/42", "/upgrade"} {
		res, err := http.Get(srv.URL + path)
		if err == nil {
			res.Body.Close()
		}
	}
	p := page(t, m)
	want(t, p, map[string]float64{
		`yunyou_http_requests_total{route="GET /things/{id}",status_class="2xx"}`: 2,
		`yunyou_http_requests_total{route="GET /things/{id}",status_class="4xx"}`: 1,
		`yunyou_http_requests_total{route="unmatched",status_class="4xx"}`:        1,
		`yunyou_http_requests_total{route="GET /upgrade",status_class="1xx"}`:     1,
		`yunyou_http_request_duration_seconds_count{route="GET /things/{id}"}`:    3,
	})
	if strings.Contains(p, "/elsewhere") || strings.Contains(p, "/things/1") {
		t.Error("a raw path became a label")
	}
}

// Session and kiosk counts are asked for at each scrape.
func TestCountsAtScrape(t *testing.T) {
	m := metrics.New()
	n := metrics.SessionCounts{PublicSessions: 2, PublicMembers: 70, Tours: 1, TourMembers: 12}
	m.CountSessions(func() metrics.SessionCounts { return n })
	kiosks := 3
	m.CountKiosks(func() int { return kiosks })
	want(t, page(t, m), map[string]float64{
		"yunyou_sessions_public": 2, "yunyou_session_members_public": 70,
		"yunyou_tours_running": 1, "yunyou_tour_members": 12, "yunyou_kiosks_online": 3,
	})
	n.PublicMembers, kiosks = 64, 0
	want(t, page(t, m), map[string]float64{"yunyou_session_members_public": 64, "yunyou_kiosks_online": 0})
}
