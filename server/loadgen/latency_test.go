package main

import (
	"testing"
	"time"

	"yunyou/protocol"
)

func TestHistogramBuckets(t *testing.T) {
	// Every value falls in a bucket whose top is at or above it and
	// within 1/histSub of it: a percentile is never reported low, and
	// never more than about 3 % high.
	for _, us := range []uint64{0, 1, 63, 64, 65, 100, 999, 1000, 25_000, 49_999, 50_000, 1_000_000, histMax} {
		i := bucketOf(us)
		top := bucketTop(i)
		if top < us {
			t.Errorf("value %d µs is in bucket %d whose top is %d µs, below it", us, i, top)
		}
		if float64(top-us) > float64(us)/histSub+1 {
			t.Errorf("value %d µs is in bucket %d whose top %d µs is more than 1/%d above it", us, i, top, histSub)
		}
		if i >= histBuckets {
			t.Fatalf("value %d µs maps to bucket %d, beyond the %d buckets", us, i, histBuckets)
		}
	}
	if got := bucketOf(histMax * 10); got != bucketOf(histMax) {
		t.Errorf("a value past histMax lands in bucket %d, want the last one %d", got, bucketOf(histMax))
	}
	// Buckets are contiguous and rising: the top of one plus one µs is
	// the start of the next.
	for i := 0; i < bucketOf(histMax); i++ {
		if next := bucketOf(bucketTop(i) + 1); next != i+1 {
			t.Fatalf("after the top of bucket %d (%d µs) comes bucket %d, want %d", i, bucketTop(i), next, i+1)
		}
	}
}

func TestHistogramQuantile(t *testing.T) {
	ms := time.Millisecond
	tests := []struct {
		name    string
		samples []time.Duration
		q       float64
		want    time.Duration
		slack   time.Duration // bucket rounding allowed above want
	}{
		{"empty", nil, 0.5, 0, 0},
		{"one sample", []time.Duration{20 * ms}, 0.99, 20 * ms, 0},
		{"median of 1..100 ms", spread(1, 100, ms), 0.5, 50 * ms, 50 * ms / histSub},
		{"p99 of 1..100 ms", spread(1, 100, ms), 0.99, 99 * ms, 99 * ms / histSub},
		{"p100 is the maximum", spread(1, 100, ms), 1, 100 * ms, 0},
		{"one slow sample in a hundred stays above p99", append(spread(1, 99, 0), 80*ms), 0.99, time.Microsecond * 99, 0},
		{"two slow samples in a hundred show at p99", append(spread(1, 98, 0), 80*ms, 80*ms), 0.99, 80 * ms, 80 * ms / histSub},
		{"negative delays count as zero", []time.Duration{-5 * ms}, 0.5, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// Split the samples over two histograms and merge them, as
			// the run does with its clients' histograms.
			var a, b histogram
			for i, s := range tt.samples {
				if i%2 == 0 {
					a.add(s)
				} else {
					b.add(s)
				}
			}
			a.merge(&b)
			if a.n != uint64(len(tt.samples)) {
				t.Fatalf("merged histogram holds %d samples, want %d", a.n, len(tt.samples))
			}
			got := a.quantile(tt.q)
			if got < tt.want || got > tt.want+tt.slack {
				t.Errorf("quantile(%v) = %v, want %v (up to %v more)", tt.q, got, tt.want, tt.slack)
			}
		})
	}
}

// spread returns the delays from..to in steps of unit; a zero unit means
// microseconds.
func spread(from, to int, unit time.Duration) []time.Duration {
	if unit == 0 {
		unit = time.Microsecond
	}
	var out []time.Duration
	for v := from; v <= to; v++ {
		out = append(out, time.Duration(v)*unit)
	}
	return out
}

func TestTrackerFind(t *testing.T) {
	var tr tracker
	pose := func(i int) protocol.Pose { return protocol.Quantize(protocol.Pose{X: float32(i) / 100, Y: 1.6}) }
	if _, ok := tr.find(pose(1)); ok {
		t.Fatal("an empty tracker finds a pose")
	}
	for seq := uint32(1); seq <= sentRingSize+10; seq++ {
		tr.record(seq, pose(int(seq)), time.Duration(seq)*time.Millisecond)
	}
	if s, ok := tr.find(pose(sentRingSize + 10)); !ok || s.seq != sentRingSize+10 || s.at != (sentRingSize+10)*time.Millisecond {
		t.Errorf("newest pose: find = %+v, %v; want seq %d", s, ok, sentRingSize+10)
	}
	if s, ok := tr.find(pose(11)); !ok || s.seq != 11 {
		t.Errorf("oldest remembered pose: find = %+v, %v; want seq 11", s, ok)
	}
	if s, ok := tr.find(pose(10)); ok {
		t.Errorf("a pose pushed out of the ring is still found: %+v", s)
	}
	if got := tr.sentCount(); got != sentRingSize+10 {
		t.Errorf("sentCount = %d, want %d", got, sentRingSize+10)
	}
}

// TestTakeSnapshot follows what one reader makes of snapshots carrying a
// peer's poses: one sample per pose sent, however often it is repeated.
func TestTakeSnapshot(t *testing.T) {
	rs := &runState{}
	rs.windowEnd.Store(int64(time.Hour))
	rs.reg.m = make(map[memberKey]*tracker)

	sender := newClient(0, rs)
	sender.id, sender.session = 7, "mogao-257/1"
	rs.reg.add(sender.session, sender.id, &sender.sent)
	other := newClient(1, rs) // same ids, another session: must not match
	other.id, other.session = 7, "mogao-257/2"
	rs.reg.add(other.session, other.id, &other.sent)

	reader := newClient(2, rs)
	reader.id, reader.session = 8, "mogao-257/1"

	p1 := protocol.Quantize(protocol.Pose{X: 1, Y: 1.6, Z: -2, Yaw: 0.1})
	p2 := protocol.Quantize(protocol.Pose{X: 1.02, Y: 1.6, Z: -2, Yaw: 0.2})
	sender.sent.record(1, p1, 100*time.Millisecond)
	sender.sent.record(2, p2, 150*time.Millisecond)

	steps := []struct {
		name      string
		entries   []protocol.Entry
		at        time.Duration
		samples   uint64
		unmatched uint64
	}{
		{"first pose arrives", []protocol.Entry{{ID: 7, Pose: p1}}, 130 * time.Millisecond, 1, 0},
		{"own entry is skipped", []protocol.Entry{{ID: 8, Pose: p2}}, 160 * time.Millisecond, 1, 0},
		{"second pose", []protocol.Entry{{ID: 7, Pose: p2}}, 190 * time.Millisecond, 2, 0},
		{"full snapshot repeats it", []protocol.Entry{{ID: 7, Pose: p2}, {ID: 8, Pose: p1}}, 240 * time.Millisecond, 2, 0},
		{"an older pose late is not news", []protocol.Entry{{ID: 7, Pose: p1}}, 250 * time.Millisecond, 2, 0},
		{"a pose never sent", []protocol.Entry{{ID: 7, Pose: protocol.Pose{X: 5}}}, 260 * time.Millisecond, 2, 1},
		{"a member of no run", []protocol.Entry{{ID: 99, Pose: p1}}, 270 * time.Millisecond, 2, 1},
	}
	for _, st := range steps {
		reader.takeSnapshot(&protocol.Snapshot{Entries: st.entries}, st.at, true)
		if reader.hist.n != st.samples || reader.unmatched != st.unmatched {
			t.Fatalf("after %q: %d samples, %d unmatched; want %d, %d", st.name, reader.hist.n, reader.unmatched, st.samples, st.unmatched)
		}
	}
	// One fresh age for each snapshot with a matched peer pose, repeats
	// included: 30, 40, 90 and 150 ms.
	if got, want := reader.fresh.n, uint64(4); got != want {
		t.Errorf("%d snapshots gave a fresh age, want %d", got, want)
	}
	if got := reader.fresh.quantile(0); got < 30*time.Millisecond || got > 31*time.Millisecond {
		t.Errorf("youngest fresh age = %v, want 30 ms", got)
	}
	if got := reader.fresh.max; got != 150*time.Millisecond {
		t.Errorf("oldest fresh age = %v, want 150 ms", got)
	}
	// The two samples were 30 ms and 40 ms.
	if got := reader.hist.quantile(0.5); got < 30*time.Millisecond || got > 31*time.Millisecond {
		t.Errorf("median = %v, want 30 ms", got)
	}
	if got := reader.hist.max; got != 40*time.Millisecond {
		t.Errorf("max = %v, want 40 ms", got)
	}
}

func TestAPIURL(t *testing.T) {
	tests := []struct{ ws, want string }{
		{"ws://127.0.0.1:18090/ws", "http://127.0.0.1:18090/api/scenes"},
		{"wss://yunyou.example/ws?x=1", "https://yunyou.example/api/scenes"},
	}
	for _, tt := range tests {
		if got, err := apiURL(tt.ws, "/api/scenes"); err != nil || got != tt.want {
			t.Errorf("apiURL(%q) = %q, %v; want %q", tt.ws, got, err, tt.want)
		}
	}
	if _, err := apiURL("http://127.0.0.1/ws", "/api/scenes"); err == nil {
		t.Error("apiURL accepts an http URL; -url must be ws or wss")
	}
}
