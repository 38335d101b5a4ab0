package session

import (
	"context"
	"errors"
	"time"
)

const (
	// housekeepEvery is how often stored tours are tidied. The ages below
	// are days, so an hour late changes nothing a person notices, and a
	// pass is two indexed statements.
	housekeepEvery = time.Hour

	// tourIdleEnd is how long a tour may go unused before it is ended,
	// so that a code and guide link handed out once do not work for ever.
	// A month outlasts any pause in a class's or a gallery's programme;
	// a tour in use is saved at every change and so is never this old.
	tourIdleEnd = 30 * 24 * time.Hour

	// endedKeep is how long an ended tour stays in the store before it is
	// deleted with its members and hashes: long enough that a visitor
	// with an old link learns "this tour has ended" rather than "there
	// is no tour with that code", short enough that the file does not
	// keep every tour ever made.
	endedKeep = 7 * 24 * time.Hour

	// housekeepWait bounds one pass, so that a store stuck behind a lock
	// does not hold up the next pass or a shutdown.
	housekeepWait = time.Minute
)

// Housekeep tidies the stored tours straight away and then every
// housekeepEvery until ctx is done: it deletes tours ended more than
// endedKeep ago and ends tours unused for tourIdleEnd whose session is not
// running. It returns when ctx is done; without tours it returns at once.
// The server runs it in its own goroutine.
func (mgr *Manager) Housekeep(ctx context.Context) {
	if mgr.store == nil {
		return
	}
	tick := time.NewTicker(housekeepEvery)
	defer tick.Stop()
	for {
		mgr.housekeep(ctx)
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}

// housekeep runs one pass of Housekeep, logging what it did. A failure is
// logged and left for the next pass: nothing a visitor does waits on it.
func (mgr *Manager) housekeep(ctx context.Context) {
	ctx, cancel := context.WithTimeout(ctx, housekeepWait)
	defer cancel()
	now := mgr.now()

	deleted, err := mgr.store.DeleteEndedBefore(ctx, now.Add(-endedKeep))
	switch {
	case err != nil && !errors.Is(err, context.Canceled):
		mgr.log.Error("deleting old ended tours failed; trying again in an hour", "err", err)
	case deleted > 0:
		mgr.log.Info("deleted ended tours", "tours", deleted, "ended_before", now.Add(-endedKeep))
	}

	// A running session saves its own state and ends its tour itself; its
	// saved time may be old when nobody has changed anything since it
	// started. A tour started between this list and the UPDATE is ended in
	// the store but its session saves it again (not ended) at its next
	// change and when it stops, so the people in it keep their tour.
	running := mgr.runningTours()
	ended, err := mgr.store.EndIdleBefore(ctx, now.Add(-tourIdleEnd), now, running)
	switch {
	case err != nil && !errors.Is(err, context.Canceled):
		mgr.log.Error("ending idle tours failed; trying again in an hour", "err", err)
	case ended > 0:
		mgr.log.Info("ended idle tours", "tours", ended, "unused_since", now.Add(-tourIdleEnd))
	}
}

// runningTours returns the codes of the tours whose sessions run.
func (mgr *Manager) runningTours() []string {
	mgr.mu.Lock()
	defer mgr.mu.Unlock()
	codes := make([]string, 0, len(mgr.tours))
	for code := range mgr.tours {
		codes = append(codes, code)
	}
	return codes
}
