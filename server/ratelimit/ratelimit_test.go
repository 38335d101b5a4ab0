package ratelimit

import (
	"strconv"
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

func TestTakeHoldsThenSpendsOrReturns(t *testing.T) {
	now := time.Unix(1000, 0)
	k := New(rate.Every(time.Minute), 2)
	k.now = func() time.Time { return now }
	// Attempts that do not count (right answers) never run out.
	for i := range 10 {
		ok, done := k.Take("a")
		if !ok {
			t.Fatalf("attempt %d refused although every earlier one did not count", i+1)
		}
		done(false)
	}
	// Two attempts under way at once hold the whole burst: a third waits
	// its turn even before either has counted.
	ok1, done1 := k.Take("a")
	ok2, done2 := k.Take("a")
	if ok3, _ := k.Take("a"); !ok1 || !ok2 || ok3 {
		t.Fatalf("three parallel attempts with a burst of 2: %v %v %v; want the third refused", ok1, ok2, ok3)
	}
	done1(true)
	done2(true)
	if ok, _ := k.Take("a"); ok {
		t.Fatal("after two counted attempts the burst of 2 is spent, yet a third passed")
	}
	now = now.Add(time.Minute)
	if ok, _ := k.Take("a"); !ok {
		t.Fatal("a minute later one more attempt must pass")
	}
}

func TestFullMapMakesRoom(t *testing.T) {
	k := New(rate.Every(time.Minute), 1)
	for i := range maxKeys + 5 {
		k.Allow(strconv.Itoa(i))
	}
	if n := len(k.buckets); n >= maxKeys {
		t.Fatalf("%d addresses remembered, want fewer than %d", n, maxKeys)
	}
}
