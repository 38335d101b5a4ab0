package web_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"yunyou/protocol"
	"yunyou/server/catalog"
	"yunyou/server/servertest"
)

// Once shutdown has begun, /healthz says so, and a load balancer stops
// sending visitors.
func TestHealthSaysShuttingDown(t *testing.T) {
	srv := servertest.Start(t)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(ctx); err != nil {
		t.Fatal(err)
	}
	rec := httptest.NewRecorder()
	srv.Web.ServeHTTP(rec, httptest.NewRequest("GET", "/healthz", nil))
	if rec.Code != http.StatusServiceUnavailable || rec.Body.String() != "shutting down\n" {
		t.Errorf("GET /healthz after shutdown = %d %q; want 503 \"shutting down\"", rec.Code, rec.Body.String())
	}
}

// The HTTP server's read and write timeouts bound requests, not
// WebSockets: visitors keep walking and chatting long after them.
func TestWebSocketsOutliveHTTPTimeouts(t *testing.T) {
	const timeout = 100 * time.Millisecond
	cat, err := catalog.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	sc, _ := cat.Scene(cat.Default())
	srv := servertest.Start(t, servertest.WithHTTPTimeouts(timeout, timeout))
	ana, bo := srv.Dial(t), srv.Dial(t)
	wa := ana.Hello(sc.ID, "Ana")
	bo.Hello(sc.ID, "Bo")
	for i := range 3 {
		time.Sleep(3 * timeout) // past both deadlines, had they stayed
		p := sc.Spawn
		p.X += 0.05 * float32(i+1)
		ana.SendPose(p)
		bo.ExpectPose(wa.ID, p)
		ana.Chat("still here")
		bo.ExpectType(protocol.TypeChat, nil)
	}
	// Plain requests work under the same timeouts.
	resp, err := http.Get(srv.URL + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.HasPrefix(string(body), "ok") {
		t.Errorf("GET /healthz = %d %q", resp.StatusCode, body)
	}
}
