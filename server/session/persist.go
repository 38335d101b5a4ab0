package session

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"yunyou/server/metrics"
	"yunyou/server/store"
)

// saveWait bounds one write of a tour to the store.
const saveWait = 10 * time.Second

// persister writes a tour to the store in its own goroutine, so that a
// slow disk never holds up the session's ticks. It keeps only the newest
// record: a write that falls behind skips the states in between.
type persister struct {
	st   store.Store
	code string
	log  *slog.Logger
	met  *metrics.Metrics

	mu      sync.Mutex
	cond    *sync.Cond
	next    *store.Tour // newest record not yet written
	queued  uint64      // records handed over
	written uint64      // of those, how many are on disk (or failed)
	stopped bool
}

func newPersister(st store.Store, code string, log *slog.Logger, met *metrics.Metrics) *persister {
	p := &persister{st: st, code: code, log: log, met: met}
	p.cond = sync.NewCond(&p.mu)
	go p.run()
	return p
}

// save hands over t for writing without waiting.
func (p *persister) save(t store.Tour) {
	p.mu.Lock()
	p.next = &t
	p.queued++
	p.mu.Unlock()
	p.cond.Broadcast()
}

// flush hands over t and waits until it is written.
func (p *persister) flush(t store.Tour) {
	p.save(t)
	p.mu.Lock()
	for p.written < p.queued {
		p.cond.Wait()
	}
	p.mu.Unlock()
}

// stop ends the goroutine once the newest record is written.
func (p *persister) stop() {
	p.mu.Lock()
	p.stopped = true
	p.mu.Unlock()
	p.cond.Broadcast()
}

func (p *persister) run() {
	for {
		p.mu.Lock()
		for p.next == nil && !p.stopped {
			p.cond.Wait()
		}
		if p.next == nil {
			p.mu.Unlock()
			return
		}
		t, n := p.next, p.queued
		p.next = nil
		p.mu.Unlock()

		ctx, cancel := context.WithTimeout(context.Background(), saveWait)
		err := p.st.SaveTour(ctx, *t)
		if err != nil {
			// The tour goes on in memory; a later save may succeed.
			p.log.Error("saving a tour failed", "tour", p.code, "err", err)
		}
		p.met.TourSaved(err)
		cancel()

		p.mu.Lock()
		p.written = n
		p.mu.Unlock()
		p.cond.Broadcast()
	}
}
