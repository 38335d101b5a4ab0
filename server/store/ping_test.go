package store

import (
	"context"
	"testing"
)

// TestPing checks what a readiness probe relies on: a store answers while
// open, with tours or without, and a closed SQLite store says so.
func TestPing(t *testing.T) {
	ctx := context.Background()
	sq := openTemp(t)
	if err := sq.Ping(ctx); err != nil {
		t.Fatalf("ping on an empty database: %v", err)
	}
	if err := sq.CreateTour(ctx, sampleTour("K7QX3M", 2)); err != nil {
		t.Fatal(err)
	}
	if err := sq.Ping(ctx); err != nil {
		t.Fatalf("ping with a tour stored: %v", err)
	}
	if err := sq.Close(); err != nil {
		t.Fatal(err)
	}
	if err := sq.Ping(ctx); err == nil {
		t.Fatal("ping on a closed database succeeded; readiness would report a dead store as ready")
	}

	mem := NewMemory()
	if err := mem.Ping(ctx); err != nil {
		t.Fatalf("ping on a memory store: %v", err)
	}
}
