package main

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"yunyou/protocol"
	"yunyou/server/servertest"
)

func TestRunAgainstServer(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a load test against a real server")
	}
	srv := servertest.Start(t)
	var logw bytes.Buffer
	cfg := Config{URL: srv.WS, Clients: 6, Sessions: 1, Duration: 1500 * time.Millisecond, Ramp: 300 * time.Millisecond}
	res, err := run(context.Background(), cfg, &logw)
	if err != nil {
		t.Fatalf("run: %v", err)
	}
	t.Logf("result: %+v", res)
	if res.Errors != 0 {
		t.Errorf("%d errors; the loadgen says:\n%s", res.Errors, logw.String())
	}
	if res.Clients != 6 || res.Connected != 6 {
		t.Errorf("clients %d, connected %d; want 6 and 6", res.Clients, res.Connected)
	}
	if res.Sessions != 1 || res.SessionMinMembers != 6 || res.SessionMaxMembers != 6 {
		t.Errorf("%d sessions of %d..%d clients, want one session of 6", res.Sessions, res.SessionMinMembers, res.SessionMaxMembers)
	}
	if res.Scene == "" {
		t.Error("the result names no scene; the server's default scene was not found")
	}
	if res.Snapshots == 0 || res.DownBytesPerClientS == 0 || res.UpBytesPerClientS == 0 {
		t.Errorf("snapshots %d, down %v B/s, up %v B/s: traffic went unmeasured", res.Snapshots, res.DownBytesPerClientS, res.UpBytesPerClientS)
	}
	// Six walkers see five others each: poses must be matched to sends.
	if res.LatencySamples == 0 || res.P50ms <= 0 || res.P99ms < res.P50ms || res.MaxMs < res.P99ms {
		t.Errorf("latency: %d samples, p50 %v ms, p99 %v ms, max %v ms; want samples and rising percentiles",
			res.LatencySamples, res.P50ms, res.P99ms, res.MaxMs)
	}
	if res.Unmatched > res.LatencySamples/10 {
		t.Errorf("%d peer poses matched no send, against %d that did: the server changes poses, or the walk repeats them", res.Unmatched, res.LatencySamples)
	}
	if strings.Contains(logw.String(), "warning") {
		t.Errorf("unexpected warning:\n%s", logw.String())
	}
}

// TestRunSpreadsSessions checks that -sessions M gives exactly M sessions
// of clients/M (±1): the server on its own would put every one of these
// clients in its first instance.
func TestRunSpreadsSessions(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a load test against a real server")
	}
	tests := []struct {
		clients, sessions int
		min, max          int // clients in the smallest and largest session
	}{
		{clients: 11, sessions: 2, min: 5, max: 6},
		{clients: 9, sessions: 3, min: 3, max: 3},
		{clients: 7, sessions: 7, min: 1, max: 1},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%d in %d", tt.clients, tt.sessions), func(t *testing.T) {
			srv := servertest.Start(t)
			var logw bytes.Buffer
			cfg := Config{URL: srv.WS, Clients: tt.clients, Sessions: tt.sessions, Duration: time.Second, Ramp: 300 * time.Millisecond}
			res, err := run(context.Background(), cfg, &logw)
			if err != nil {
				t.Fatalf("run: %v", err)
			}
			if res.Errors != 0 || res.Connected != tt.clients {
				t.Errorf("connected %d of %d with %d errors:\n%s", res.Connected, tt.clients, res.Errors, logw.String())
			}
			if res.Sessions != tt.sessions || res.SessionMinMembers != tt.min || res.SessionMaxMembers != tt.max {
				t.Errorf("%d sessions of %d..%d clients, want %d of %d..%d", res.Sessions, res.SessionMinMembers, res.SessionMaxMembers, tt.sessions, tt.min, tt.max)
			}
			if tt.min > 1 && (res.LatencySamples == 0 || res.Unmatched > res.LatencySamples/10) {
				t.Errorf("%d latency samples, %d unmatched: clients did not see their session's other members", res.LatencySamples, res.Unmatched)
			}
			if strings.Contains(logw.String(), "warning") {
				t.Errorf("unexpected warning:\n%s", logw.String())
			}
		})
	}
}

// TestRunWarnsWhenSessionsDiffer fills instance 2 of the scene before the
// run, so the server sends the clients that ask for it to instance 1: the
// report must show one session and warn that it is not the two asked for.
func TestRunWarnsWhenSessionsDiffer(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a load test against a real server")
	}
	srv := servertest.Start(t)
	scene, err := fetchScene(context.Background(), srv.WS, "")
	if err != nil {
		t.Fatal(err)
	}
	occupy(t, srv.WS, scene.ID, scene.ID+"/2", protocol.MaxSessionMembers)

	var logw bytes.Buffer
	cfg := Config{URL: srv.WS, Clients: 4, Sessions: 2, Duration: 500 * time.Millisecond, Ramp: 200 * time.Millisecond}
	res, err := run(context.Background(), cfg, &logw)
	if err != nil {
		t.Fatalf("run: %v", err)
	}
	if res.Connected != 4 || res.Errors != 0 {
		t.Fatalf("connected %d of 4 with %d errors:\n%s", res.Connected, res.Errors, logw.String())
	}
	if res.Sessions != 1 || res.SessionMinMembers != 4 {
		t.Errorf("%d sessions, the smallest with %d clients; want all 4 in one session, as instance 2 is full", res.Sessions, res.SessionMinMembers)
	}
	if !strings.Contains(logw.String(), "filled 1 sessions, not the 2 asked for") {
		t.Errorf("no warning that the sessions differ from -sessions; the loadgen said:\n%s", logw.String())
	}
}

// occupy puts n visitors into the session named want until the test ends.
// They read everything the server sends and send no poses.
func occupy(t *testing.T, wsURL, scene, want string, n int) {
	t.Helper()
	for i := range n {
		conn, _, err := websocket.DefaultDialer.Dial(wsURL, nil)
		if err != nil {
			t.Fatalf("occupant %d: %v", i, err)
		}
		t.Cleanup(func() { conn.Close() })
		hello := protocol.Hello{Type: protocol.TypeHello, Version: protocol.Version, Scene: scene, Name: fmt.Sprintf("occupant %d", i), Session: want}
		if err := conn.WriteJSON(hello); err != nil {
			t.Fatalf("occupant %d: send hello: %v", i, err)
		}
		var w protocol.Welcome
		if err := conn.ReadJSON(&w); err != nil || w.Session != want {
			t.Fatalf("occupant %d: welcomed to %q (%v), want %q", i, w.Session, err, want)
		}
		go func() {
			for {
				if _, _, err := conn.NextReader(); err != nil {
					return
				}
			}
		}()
	}
}

func TestRunStopsOnInterrupt(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a load test against a real server")
	}
	srv := servertest.Start(t)
	ctx, cancel := context.WithCancel(context.Background())
	cfg := Config{URL: srv.WS, Clients: 2, Duration: time.Hour, Ramp: 100 * time.Millisecond}
	go func() {
		// Interrupt once both visitors are in, as a person watching would.
		defer cancel()
		for {
			total := 0
			for _, n := range srv.Web.Sessions().Sessions() {
				total += n
			}
			if total == 2 {
				time.Sleep(200 * time.Millisecond) // let a few snapshots flow
				return
			}
			time.Sleep(10 * time.Millisecond)
		}
	}()
	var logw bytes.Buffer
	res, err := run(ctx, cfg, &logw)
	if err != nil {
		t.Fatalf("run: %v", err)
	}
	if res.Seconds <= 0 || res.Seconds >= time.Hour.Seconds() {
		t.Errorf("an interrupted run reports %v s measured; want the time until the interrupt", res.Seconds)
	}
	if res.Connected != 2 || res.Errors != 0 {
		t.Errorf("connected %d with %d errors, want 2 and none; interrupting must close cleanly:\n%s", res.Connected, res.Errors, logw.String())
	}
}

func TestRunUnknownScene(t *testing.T) {
	srv := servertest.Start(t)
	_, err := run(context.Background(), Config{URL: srv.WS, Clients: 1, Scene: "no-such-cave", Duration: time.Second}, &bytes.Buffer{})
	if err == nil || !strings.Contains(err.Error(), "no-such-cave") || !strings.Contains(err.Error(), "404") {
		t.Errorf("run with an unknown scene = %v; want an error naming the scene and the 404", err)
	}
}

func TestCheckConfig(t *testing.T) {
	tests := []struct {
		clients, sessions int
		guided            bool
		err               string // "" when the config is fine
	}{
		{1000, 20, false, ""},
		{64, 1, false, ""},
		{10, 0, false, ""},
		{65, 1, false, "ask for at least 2 sessions"},
		{1000, 15, false, "ask for at least 16 sessions"},
		{3, 5, false, "more than -clients 3"},
		{2000, 1001, false, "instances 1..1000"},
		{10, -1, false, "instances 1..1000"},
		{0, 0, false, "at least one client"},
		{200, 1, true, ""},
		{200, 0, true, ""}, // -sessions does not count in a tour
		{201, 1, true, "at most 200 people"},
		{1, 1, true, "a guide and at least one visitor"},
	}
	for _, tt := range tests {
		err := checkConfig(Config{Clients: tt.clients, Sessions: tt.sessions, Guided: tt.guided, Duration: time.Second})
		if tt.err == "" && err != nil {
			t.Errorf("%d clients in %d sessions: %v, want no error", tt.clients, tt.sessions, err)
		}
		if tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)) {
			t.Errorf("%d clients in %d sessions: %v, want an error saying %q", tt.clients, tt.sessions, err, tt.err)
		}
	}
}

// TestRunGuided runs a short guided tour: one guide who walks and visitors
// who follow in formation. Everyone must be in the one tour, every visitor
// told that follow mode is on, the guide's poses seen by the visitors, and
// the visitors near their places when the window closes.
func TestRunGuided(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a load test against a real server")
	}
	srv := servertest.Start(t)
	var logw bytes.Buffer
	const clients = 20
	cfg := Config{URL: srv.WS, Clients: clients, Guided: true, Duration: 2 * time.Second, Ramp: 500 * time.Millisecond}
	res, err := run(context.Background(), cfg, &logw)
	if err != nil {
		t.Fatalf("run: %v", err)
	}
	t.Logf("result: %+v", res)
	if res.Errors != 0 || res.Connected != clients {
		t.Errorf("connected %d of %d with %d errors; the loadgen says:\n%s", res.Connected, clients, res.Errors, logw.String())
	}
	if !res.Guided || res.Tour == "" {
		t.Errorf("guided %v, tour %q: the report does not say it was a tour", res.Guided, res.Tour)
	}
	if res.Sessions != 1 || res.SessionMaxMembers != clients {
		t.Errorf("%d sessions of %d..%d clients, want one tour of %d", res.Sessions, res.SessionMinMembers, res.SessionMaxMembers, clients)
	}
	if res.Following != clients-1 {
		t.Errorf("%d visitors told that follow mode is on, want %d", res.Following, clients-1)
	}
	if res.LatencySamples == 0 || res.P50ms <= 0 || res.P99ms < res.P50ms {
		t.Errorf("latency: %d samples, p50 %v ms, p99 %v ms: the visitors did not see the guide walk", res.LatencySamples, res.P50ms, res.P99ms)
	}
	if res.Placed != clients-1 || res.Placements == 0 {
		t.Errorf("%d visitors placed, %d formations worked out; want %d placed", res.Placed, res.Placements, clients-1)
	}
	// The guide walks at 0.4 m/s turning 45°/s; a visitor a few rows back
	// trails its moving place by well under a row or two. Left where the
	// server put it, it would be metres away.
	if res.PlaceGapP50m > 1.5 {
		t.Errorf("visitors ended a median %v m (max %v m) from their places around the guide; they are not following", res.PlaceGapP50m, res.PlaceGapMaxm)
	}
	if res.DownBytesPerClientS == 0 || res.UpBytesPerClientS == 0 || res.GuideUpBytesS == 0 {
		t.Errorf("down %v B/s, up %v B/s a visitor, guide up %v B/s: traffic went unmeasured", res.DownBytesPerClientS, res.UpBytesPerClientS, res.GuideUpBytesS)
	}
	if strings.Contains(logw.String(), "warning") {
		t.Errorf("unexpected warning:\n%s", logw.String())
	}
}
