package session

import (
	"io"
	"log/slog"
	"testing"
	"time"

	"yunyou/protocol"
	"yunyou/server/metrics"
)

// queuePeer stands in for a connection: a queue of one frame that is
// emptied as the next arrives, so every send succeeds as with a reader
// that keeps up, at the cost of a real channel send.
type queuePeer struct{ q chan Frame }

func (p *queuePeer) Send(f Frame) bool {
	select {
	case <-p.q:
	default:
	}
	p.q <- f
	return true
}

func (p *queuePeer) Close(protocol.Error) {}

// BenchmarkSessionTick measures one tick of a full session in which every
// member moved: taking 64 new poses, encoding one delta and queueing it for
// 64 members, and timing the tick for the metrics.
func BenchmarkSessionTick(b *testing.B) {
	s := newSession("bench/1", "bench", protocol.Pose{Y: 1.6}, slog.New(slog.NewTextHandler(io.Discard, nil)))
	s.met = metrics.New()
	var handles []*Member
	for range protocol.MaxSessionMembers {
		h := &Member{session: s, peer: &queuePeer{q: make(chan Frame, 1)}, name: "v", poses: make(chan protocol.Pose, 1)}
		handles = append(handles, h)
		s.join(h)
	}
	s.snapshot() // the newcomers' full snapshots
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		for j, h := range handles {
			h.Pose(protocol.Pose{X: float32(i%100) * 0.01, Y: 1.6, Z: float32(j) * 0.1, Yaw: float32(i%628) * 0.01})
		}
		s.tickOnce(time.Time{})
	}
	b.ReportMetric(float64(protocol.SnapshotHeaderSize+protocol.MaxSessionMembers*protocol.SnapshotEntrySize), "bytes/snapshot")
}
