package ratelimit

import (
	"testing"
	"time"

	"golang.org/x/time/rate"
)

func TestKeyed(t *testing.T) {
	now := time.Unix(1000, 0)
	k := New(rate.Every(6*time.Second), 3)
	k.now = func() time.Time { return now }
	for i := range 3 {
		if !k.Allow("a") {
			t.Fatalf("attempt %d of the burst refused", i+1)
		}
	}
	if k.Allow("a") {
		t.Fatal("a fourth attempt at once was allowed; the burst is 3")
	}
	if k.Left("a") {
		t.Fatal("Left says a token remains after the burst")
	}
	if w := k.Wait("a"); w < 5*time.Second || w > 6*time.Second {
		t.Fatalf("Wait = %v, want about 6 s", w)
	}
	if !k.Allow("b") {
		t.Fatal("another address was refused: buckets must be per key")
	}
	now = now.Add(6 * time.Second)
	if !k.Allow("a") {
		t.Fatal("after 6 s one more attempt must be allowed")
	}
	now = now.Add(time.Hour)
	k.Allow("c")
	if len(k.buckets) != 1 {
		t.Fatalf("%d buckets remembered after an hour, want only the new one", len(k.buckets))
	}
}
