package store

import (
	"context"
	"testing"

	"yunyou/protocol"
)

// BenchmarkSaveTour200 saves a full tour (every member's pose changed), as
// the server does after a change in a busy tour.
func BenchmarkSaveTour200(b *testing.B) {
	ctx := context.Background()
	s := openTemp(b)
	tour := sampleTour("BENCH2", protocol.MaxTourMembers)
	if err := s.CreateTour(ctx, tour); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		for j := range tour.Members {
			tour.Members[j].Pose.X = float32(i)
		}
		if err := s.SaveTour(ctx, tour); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N*len(tour.Members))/b.Elapsed().Seconds(), "members/s")
}
