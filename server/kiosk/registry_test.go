package kiosk

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// TestRegistryStaysBounded checks that made-up ids cannot grow the registry
// past maxInstances, that they cannot push out a page that is online or has
// a command waiting, that the longest silent of the others goes first, and
// that a page silent for a day is forgotten.
func TestRegistryStaysBounded(t *testing.T) {
	g := newRegistry(DefaultOnline)
	now := time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC)
	g.now = func() time.Time { return now }
	reportAs := func(id string) error {
		_, err := g.report("hall", Report{ID: id, Mode: "attract"})
		return err
	}
	has := func(id string) bool {
		_, ok := g.name(id)
		return ok
	}
	flood := func(i int) string { return fmt.Sprintf("flood-%08d", i) }

	// A real kiosk with a command waiting for it, then a flood that fills
	// the registry within a few seconds: every page is online.
	if err := reportAs("hall-kiosk-1"); err != nil {
		t.Fatal(err)
	}
	g.queue("hall-kiosk-1", Command{Type: "reload"})
	now = now.Add(time.Second)
	for i := range maxInstances - 1 {
		if err := reportAs(flood(i)); err != nil {
			t.Fatalf("page %d of %d: %v", i+2, maxInstances, err)
		}
		now = now.Add(time.Millisecond)
	}
	if err := reportAs("late-page-1"); !errors.Is(err, errFull) {
		t.Errorf("a new page with %d pages online: %v; want %v", maxInstances, err, errFull)
	}
	if has("late-page-1") || !has(flood(0)) || !has("hall-kiosk-1") {
		t.Error("a page online was pushed out to make room")
	}
	if err := reportAs(flood(0)); err != nil {
		t.Errorf("a known page reporting again to a full registry: %v; want it accepted", err)
	}

	// Once the flood falls silent, a new page takes the place of the
	// longest silent page without a command, not of the kiosk waiting for
	// its reload nor of a page that has just reported.
	now = now.Add(DefaultOnline + time.Second)
	if err := reportAs(flood(1)); err != nil { // back online, and the newest
		t.Fatal(err)
	}
	if err := reportAs("late-page-1"); err != nil {
		t.Fatalf("a new page once the flood went offline: %v; want it accepted", err)
	}
	list, _ := g.list(func(string) []string { return nil })
	if len(list) != maxInstances {
		t.Errorf("the registry holds %d pages; want %d", len(list), maxInstances)
	}
	for id, want := range map[string]bool{
		"hall-kiosk-1": true,  // the longest silent, but a command waits for it
		flood(1):       true,  // online
		flood(0):       true,  // reported again after flood(2)
		flood(2):       false, // the longest silent with nothing waiting
		flood(3):       true,  // only one had to go
		"late-page-1":  true,
	} {
		if has(id) != want {
			t.Errorf("page %s remembered = %v; want %v", id, has(id), want)
		}
	}
	if got, _ := g.report("hall", Report{ID: "hall-kiosk-1"}); len(got) != 1 || got[0].Type != "reload" {
		t.Errorf("the kiosk kept through the flood got commands %v; want its reload", got)
	}

	now = now.Add(forgetAfter + time.Second)
	if err := reportAs("hall-kiosk-2"); err != nil {
		t.Fatal(err)
	}
	if list, _ := g.list(func(string) []string { return nil }); len(list) != 1 || list[0].ID != "hall-kiosk-2" {
		t.Errorf("a day later the registry lists %d pages; want only the one that just reported", len(list))
	}
}

// TestFullRegistryRefusesReport checks what a new kiosk page is told when
// every place is taken by a page online.
func TestFullRegistryRefusesReport(t *testing.T) {
	s, err := New(Config{Page: http.NotFoundHandler()})
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC)
	s.kiosks.now = func() time.Time { return now }
	for i := range maxInstances {
		if _, err := s.kiosks.report(DefaultName, Report{ID: fmt.Sprintf("flood-%08d", i), Mode: "attract"}); err != nil {
			t.Fatal(err)
		}
	}
	mux := http.NewServeMux()
	s.Mount(mux)
	post := func(id string) *httptest.ResponseRecorder {
		req := httptest.NewRequest("POST", "/api/kiosks/default/report", strings.NewReader(`{"id": "`+id+`", "mode": "attract"}`))
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		mux.ServeHTTP(rec, req)
		return rec
	}

	rec := post("hall-kiosk-1")
	var answer struct{ Error string }
	if err := json.Unmarshal(rec.Body.Bytes(), &answer); err != nil {
		t.Fatalf("answer %q is not JSON: %v", rec.Body, err)
	}
	if rec.Code != http.StatusServiceUnavailable || !strings.Contains(answer.Error, "registry is full") {
		t.Errorf("report to a full registry: %d %q; want 503 saying the registry is full", rec.Code, answer.Error)
	}
	if rec.Header().Get("Retry-After") == "" {
		t.Error("the refusal has no Retry-After")
	}
	if rec := post("flood-00000007"); rec.Code != http.StatusOK {
		t.Errorf("a known page reporting to a full registry: %d %s; want 200", rec.Code, rec.Body)
	}
}

// TestQueueKeepsOneCommandOfEachType checks that repeated clicks do not
// pile up: two reloads are one, and the latest language wins.
func TestQueueKeepsOneCommandOfEachType(t *testing.T) {
	g := newRegistry(DefaultOnline)
	g.report("hall", Report{ID: "kiosk-page-1"})
	g.queue("kiosk-page-1", Command{Type: "reload"})
	g.queue("kiosk-page-1", Command{Type: "language", Language: "fr"})
	g.queue("kiosk-page-1", Command{Type: "reload"})
	g.queue("kiosk-page-1", Command{Type: "language", Language: "ar"})
	got, _ := g.report("hall", Report{ID: "kiosk-page-1"})
	want := []Command{{Type: "reload"}, {Type: "language", Language: "ar"}}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("commands = %v; want %v", got, want)
	}
}
