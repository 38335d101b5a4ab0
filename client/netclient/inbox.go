package netclient

import (
	"errors"
	"sync"
	"time"

	"yunyou/protocol"
)

// Queue limits. While a browser tab is hidden it draws no frames, so
// nothing drains the queue, yet the socket keeps delivering 20 snapshots a
// second.
const (
	// mergeBacklog is how many frames may wait before runs of snapshots
	// are merged into one: about two seconds of snapshots, more than any
	// frame stall that the interpolation could still smooth.
	mergeBacklog = 40
	// maxBacklog is how many frames may wait at all. Past it the queue is
	// cut and the connection restarted, which resends the whole state.
	maxBacklog = 4096
)

// errBacklog closes a connection whose frames were not read in time.
var errBacklog = errors.New("too many messages waited unread; reconnecting to catch up")

type queued struct {
	gen uint64
	ev  Event
}

// inbox is the queue between a transport's callbacks and Poll. Pushing
// never blocks for long: the lock only guards a slice append.
type inbox struct {
	mu    sync.Mutex
	items []queued
	spare []queued // the slice handed out by the last drain, reused
	cut   uint64   // a generation whose backlog overflowed: its frames are dropped
	snap  protocol.Snapshot
	snap2 protocol.Snapshot
}

// sink is what a connection reports to: the inbox and the connection's
// generation.
type sink struct {
	in  *inbox
	gen uint64
}

func (s sink) opened()          { s.in.push(s.gen, Event{Kind: Opened}) }
func (s sink) closed(err error) { s.in.push(s.gen, Event{Kind: Closed, Err: err}) }

// message queues a frame; the inbox keeps data, so it must not be reused.
func (s sink) message(binary bool, data []byte) {
	s.in.push(s.gen, Event{Kind: Message, Binary: binary, Data: data, At: time.Now()})
}

func (in *inbox) push(gen uint64, ev Event) {
	in.mu.Lock()
	defer in.mu.Unlock()
	if gen == in.cut {
		return
	}
	if n := len(in.items); n >= mergeBacklog && ev.Kind == Message && ev.Binary {
		last := &in.items[n-1]
		if last.gen == gen && last.ev.Kind == Message && last.ev.Binary {
			if merged, ok := in.merge(last.ev.Data, ev.Data); ok {
				last.ev.Data, last.ev.At = merged, ev.At
				return
			}
		}
	}
	if len(in.items) >= maxBacklog {
		// Keep what is queued up to here and end the connection: the
		// session's next welcome and full snapshot replace what is lost.
		in.items = append(in.items, queued{gen: gen, ev: Event{Kind: Closed, Err: errBacklog}})
		in.cut = gen
		return
	}
	in.items = append(in.items, queued{gen: gen, ev: ev})
}

// merge folds a newer snapshot into an older one: the newer pose of each
// member wins, the newer tick is kept, and the result is full if either
// was (a full snapshot plus changes still holds everyone).
func (in *inbox) merge(older, newer []byte) ([]byte, bool) {
	if protocol.DecodeSnapshot(older, &in.snap) != nil || protocol.DecodeSnapshot(newer, &in.snap2) != nil {
		return nil, false
	}
	for _, e := range in.snap2.Entries {
		found := false
		for i := range in.snap.Entries {
			if in.snap.Entries[i].ID == e.ID {
				in.snap.Entries[i].Pose = e.Pose
				found = true
				break
			}
		}
		if !found {
			in.snap.Entries = append(in.snap.Entries, e)
		}
	}
	in.snap.Tick = in.snap2.Tick
	in.snap.Full = in.snap.Full || in.snap2.Full
	return protocol.AppendSnapshot(older[:0], in.snap), true
}

// drain returns everything queued. The returned slice is valid until the
// next drain.
func (in *inbox) drain() []queued {
	in.mu.Lock()
	defer in.mu.Unlock()
	out := in.items
	in.items = in.spare[:0]
	in.spare = out
	return out
}
