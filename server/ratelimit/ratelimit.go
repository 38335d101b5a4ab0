// Package ratelimit limits how often each client address may do something,
// such as guess tour codes or create tours: a token bucket per address
// (golang.org/x/time/rate), forgotten once it is full again.
//
//	guesses := ratelimit.New(rate.Every(6*time.Second), 10) // 10 at once, then one every 6 s
//	if !guesses.Allow(addr) {
//		// refuse, with guesses.Wait(addr) as Retry-After
//	}
package ratelimit

import (
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// maxKeys bounds the addresses remembered at once, so that a flood from
// many addresses cannot grow the map without end. Past it, buckets that
// are full again go first, then arbitrary ones, a tenth of the map at a
// time (an address that is forgotten starts with a full bucket, which
// errs on the side of letting people in).
const maxKeys = 100000

// Keyed is a token bucket per key. Its methods may be called from any
// goroutine.
type Keyed struct {
	every rate.Limit
	burst int
	now   func() time.Time

	mu      sync.Mutex
	buckets map[string]*rate.Limiter
	held    map[string]int // tokens held by attempts under way (Take)
	sweep   time.Time
}

// New returns a Keyed allowing burst events at once per key, then r a
// second.
func New(r rate.Limit, burst int) *Keyed {
	return &Keyed{every: r, burst: burst, now: time.Now, buckets: make(map[string]*rate.Limiter), held: make(map[string]int)}
}

// Allow spends a token of key and reports whether there was one.
func (k *Keyed) Allow(key string) bool {
	k.mu.Lock()
	defer k.mu.Unlock()
	now := k.now()
	k.forget(now)
	b := k.buckets[key]
	if b == nil {
		b = rate.NewLimiter(k.every, k.burst)
		k.buckets[key] = b
	}
	return b.AllowN(now, 1)
}

// Take holds a token of key while an attempt is checked and reports
// whether there was one; done ends the attempt, spending the token when
// counts (a wrong tour code) and returning it otherwise (a right one).
// Holding first means parallel attempts cannot all pass before any pays.
func (k *Keyed) Take(key string) (ok bool, done func(counts bool)) {
	k.mu.Lock()
	defer k.mu.Unlock()
	now := k.now()
	k.forget(now)
	if b := k.buckets[key]; b != nil && b.TokensAt(now)-float64(k.held[key]) < 1 {
		return false, func(bool) {}
	}
	if k.burst-k.held[key] < 1 {
		return false, func(bool) {}
	}
	k.held[key]++
	return true, func(counts bool) {
		k.mu.Lock()
		defer k.mu.Unlock()
		if k.held[key]--; k.held[key] <= 0 {
			delete(k.held, key)
		}
		if counts {
			b := k.buckets[key]
			if b == nil {
				b = rate.NewLimiter(k.every, k.burst)
				k.buckets[key] = b
			}
			b.AllowN(k.now(), 1)
		}
	}
}

// Left reports whether key has a token, without spending it.
func (k *Keyed) Left(key string) bool {
	k.mu.Lock()
	defer k.mu.Unlock()
	b := k.buckets[key]
	return b == nil || b.TokensAt(k.now()) >= 1
}

// Wait returns how long key waits for its next token.
func (k *Keyed) Wait(key string) time.Duration {
	k.mu.Lock()
	defer k.mu.Unlock()
	b := k.buckets[key]
	if b == nil {
		return 0
	}
	now := k.now()
	missing := 1 - b.TokensAt(now)
	if missing <= 0 || k.every <= 0 {
		return 0
	}
	return time.Duration(missing / float64(k.every) * float64(time.Second))
}

// forget drops the buckets that are full again (they behave as new ones),
// at most once a minute; when the map is full it also drops arbitrary
// ones until a tenth of the room is free, so a flood of new addresses
// pays for one sweep per maxKeys/10 of them.
func (k *Keyed) forget(now time.Time) {
	full := len(k.buckets) >= maxKeys
	if now.Sub(k.sweep) < time.Minute && !full {
		return
	}
	k.sweep = now
	for key, b := range k.buckets {
		if b.TokensAt(now) >= float64(k.burst) {
			delete(k.buckets, key)
		}
	}
	for key := range k.buckets {
		if len(k.buckets) < maxKeys-maxKeys/10 {
			break
		}
		delete(k.buckets, key)
	}
}
