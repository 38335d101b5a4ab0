package kiosk

import (
	"fmt"
	"testing"
	"time"
)

// TestRegistryStaysBounded checks that made-up ids cannot grow the registry
// past maxInstances, that the longest silent page goes first, and that a
// page silent for a day is forgotten.
func TestRegistryStaysBounded(t *testing.T) {
	g := newRegistry(DefaultOnline)
	now := time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC)
	g.now = func() time.Time { return now }
	rep := Report{Mode: "attract"}

	rep.ID = "hall-kiosk-1"
	g.report("hall", rep)
	now = now.Add(time.Second)
	for i := range maxInstances + 50 {
		rep.ID = fmt.Sprintf("flood-%08d", i)
		g.report("hall", rep)
		now = now.Add(time.Millisecond)
	}
	list, _ := g.list(func(string) []string { return nil })
	if len(list) != maxInstances {
		t.Errorf("after %d pages the registry holds %d; want at most %d", maxInstances+51, len(list), maxInstances)
	}
	if _, ok := g.name("hall-kiosk-1"); ok {
		t.Error("the longest silent page is still there; it should have made room first")
	}
	if _, ok := g.name(fmt.Sprintf("flood-%08d", maxInstances+49)); !ok {
		t.Error("the latest page is missing")
	}

	now = now.Add(forgetAfter + time.Second)
	rep.ID = "hall-kiosk-2"
	g.report("hall", rep)
	if list, _ := g.list(func(string) []string { return nil }); len(list) != 1 || list[0].ID != "hall-kiosk-2" {
		t.Errorf("a day later the registry lists %d pages; want only the one that just reported", len(list))
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
	got := g.report("hall", Report{ID: "kiosk-page-1"})
	want := []Command{{Type: "reload"}, {Type: "language", Language: "ar"}}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("commands = %v; want %v", got, want)
	}
}
