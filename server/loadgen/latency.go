package main

import (
	"math"
	"math/bits"
	"sync"
	"time"

	"yunyou/protocol"
)

// sentRingSize is how many recent poses a client remembers: 64 ticks at
// 20 Hz is 3.2 s, far beyond any latency worth measuring, so a pose that
// arrives later than that counts as unmatched instead of as a sample.
const sentRingSize = 64

// sent is one pose a client sent: its sequence number (from 1), the
// quantised pose the server will relay, and when it left, on the run's
// monotonic clock.
type sent struct {
	seq  uint32
	pose protocol.Pose
	at   time.Duration
}

// tracker remembers the poses one client sent recently, so that any other
// client that sees one of them in a snapshot can tell how long it took.
// The client's writer records; the readers of every other member of its
// session look up.
type tracker struct {
	mu   sync.RWMutex
	ring [sentRingSize]sent
	last uint32 // seq of the newest entry; 0 before the first
}

// record remembers that pose p left at time at with sequence number seq.
// Sequence numbers must rise by one each call.
func (t *tracker) record(seq uint32, p protocol.Pose, at time.Duration) {
	t.mu.Lock()
	t.ring[seq%sentRingSize] = sent{seq: seq, pose: p, at: at}
	t.last = seq
	t.mu.Unlock()
}

// find returns the newest remembered send of pose p. It scans from the
// newest entry back, because a snapshot usually carries one of the last
// two or three poses a client sent.
func (t *tracker) find(p protocol.Pose) (sent, bool) {
	t.mu.RLock()
	defer t.mu.RUnlock()
	for i := uint32(0); i < sentRingSize && i < t.last; i++ {
		s := t.ring[(t.last-i)%sentRingSize]
		if s.pose == p {
			return s, true
		}
	}
	return sent{}, false
}

// sentCount returns how many poses were recorded.
func (t *tracker) sentCount() uint32 {
	t.mu.RLock()
	defer t.mu.RUnlock()
	return t.last
}

// Histogram layout: values in microseconds; below 2·histSub each value has
// its own bucket, above that each power of two is split into histSub
// buckets, so a percentile is exact to 1/histSub (about 3 %). Values over
// histMax are counted in the last bucket: a 67 s delay is a failure,
// whatever its exact size.
const (
	histSubBits = 5
	histSub     = 1 << histSubBits
	histMaxBits = 26
	histMax     = 1<<histMaxBits - 1 // µs, about 67 s
	histBuckets = (histMaxBits - histSubBits + 1) * histSub
)

// histogram counts latencies. One reader owns each histogram, so adding
// needs no lock; merge them once the readers are done.
type histogram struct {
	counts [histBuckets]uint32
	n      uint64
	max    time.Duration
}

// bucketOf returns the bucket index of a value in microseconds.
func bucketOf(us uint64) int {
	if us > histMax {
		us = histMax
	}
	if us < 2*histSub {
		return int(us)
	}
	e := bits.Len64(us) - histSubBits - 1 // us>>e lies in [histSub, 2·histSub)
	return e*histSub + int(us>>e)
}

// bucketTop returns the largest value, in microseconds, of bucket i.
func bucketTop(i int) uint64 {
	if i < 2*histSub {
		return uint64(i)
	}
	e := i/histSub - 1
	m := uint64(i - e*histSub)
	return (m+1)<<e - 1
}

func (h *histogram) add(d time.Duration) {
	if d < 0 {
		d = 0
	}
	h.counts[bucketOf(uint64(d/time.Microsecond))]++
	h.n++
	h.max = max(h.max, d)
}

func (h *histogram) merge(o *histogram) {
	for i, c := range o.counts {
		h.counts[i] += c
	}
	h.n += o.n
	h.max = max(h.max, o.max)
}

// quantile returns the latency below which a fraction q of the samples
// lie, rounded up to the top of its bucket so that it never flatters the
// server. It returns 0 for an empty histogram.
func (h *histogram) quantile(q float64) time.Duration {
	if h.n == 0 {
		return 0
	}
	// The nearest-rank definition: the smallest sample with at least
	// q·n samples at or below it.
	// q·n a hair less, so that 0.99·100 in floating point is rank 99.
	rank := uint64(math.Ceil(q*float64(h.n) - 1e-9))
	rank = max(1, min(rank, h.n))
	var seen uint64
	for i, c := range h.counts {
		seen += uint64(c)
		if seen >= rank {
			return min(time.Duration(bucketTop(i))*time.Microsecond, h.max)
		}
	}
	return h.max
}
