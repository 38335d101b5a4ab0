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
// many addresses cannot grow the map without end; past it, the oldest
// entries go first (an address that is forgotten starts with a full
// bucket, which errs on the side of letting people in).
const maxKeys = 100000

// Keyed is a token bucket per key. Its methods may be called from any
// goroutine.
type Keyed struct {
	every rate.Limit
	burst int
	now   func() time.Time

	mu      sync.Mutex
	buckets map[string]*rate.Limiter
	sweep   time.Time
}

// New returns a Keyed allowing burst events at once per key, then r a
// second.
func New(r rate.Limit, burst int) *Keyed {
	return &Keyed{every: r, burst: burst, now: time.Now, buckets: make(map[string]*rate.Limiter)}
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
// at most once a minute, or all of them when there are too many.
func (k *Keyed) forget(now time.Time) {
	if now.Sub(k.sweep) < time.Minute && len(k.buckets) < maxKeys {
		return
	}
	k.sweep = now
	for key, b := range k.buckets {
		if b.TokensAt(now) >= float64(k.burst) || len(k.buckets) >= maxKeys {
			delete(k.buckets, key)
		}
	}
}
