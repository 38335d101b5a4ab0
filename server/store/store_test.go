package store

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"reflect"
	"sync"
	"testing"
	"time"

	"yunyou/protocol"
)

// implementations lists every Store, so each behaves by the same contract.
var implementations = []struct {
	name string
	open func(t testing.TB) Store
}{
	{"sqlite", func(t testing.TB) Store { return openTemp(t) }},
	{"memory", func(t testing.TB) Store { return NewMemory() }},
}

// openTemp opens a SQLite store in a fresh temporary directory and closes
// it when the test ends.
func openTemp(t testing.TB) *SQLite {
	t.Helper()
	s, err := OpenSQLite(t.TempDir() + "/tours.db")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// base is a fixed instant with milliseconds, so round trips can compare
// times exactly.
var base = time.UnixMilli(1_795_000_000_123).UTC()

func hash(s string) []byte {
	h := sha256.Sum256([]byte(s))
	return h[:]
}

// sampleTour returns a tour whose every field differs from its zero value,
// with n members whose fields differ from each other's.
func sampleTour(code string, n int) Tour {
	t := Tour{
		Code:      code,
		Scene:     "mogao-257",
		GuideName: "Ana Zhāng",
		TokenHash: hash("token " + code),
		Follow:    true,
		Spotlight: "nine-coloured-deer",
		Locked:    true,
		ChatOff:   true,
		NextID:    uint16(n + 1),
		Created:   base,
		Updated:   base.Add(90 * time.Second),
	}
	for i := range n {
		m := Member{
			ID:         uint16(i + 1),
			Name:       fmt.Sprintf("Visitor %d 游客", i+1),
			Color:      fmt.Sprintf("#%06x", i*0x10101),
			Slot:       i,
			ResumeHash: hash(fmt.Sprintf("resume %s %d", code, i)),
			Hand:       i%2 == 1,
			Muted:      i%3 == 1,
			Removed:    i%5 == 4,
			// Values that are not exact in decimal, negative and tiny,
			// so a lossy float conversion would show.
			Pose: protocol.Pose{
				X: 0.1 * float32(i+1), Y: -1.7, Z: 3.3e-5 * float32(i),
				Yaw: -3.1415927, Pitch: 0.7853982,
			},
			LastSeen: base.Add(time.Duration(i) * time.Second),
		}
		if i == 0 {
			m.Role = protocol.RoleGuide
			m.LastSeen = time.Time{} // connected now
		}
		t.Members = append(t.Members, m)
	}
	return t
}

func TestRoundTrip(t *testing.T) {
	cases := []struct {
		name string
		tour Tour
	}{
		{"guide and visitors", sampleTour("K7QX3M", 6)},
		{"no members", sampleTour("ABCDEF", 0)},
		{"zero flags and hashes", Tour{Code: "ZZZZZZ", Scene: "mogao-45",
			Members: []Member{{ID: 3, Name: "Léa"}}}},
		{"full tour", sampleTour("FULL22", protocol.MaxTourMembers)},
	}
	for _, impl := range implementations {
		t.Run(impl.name, func(t *testing.T) {
			s := impl.open(t)
			ctx := context.Background()
			for _, c := range cases {
				if err := s.CreateTour(ctx, c.tour); err != nil {
					t.Fatalf("%s: create: %v", c.name, err)
				}
				got, err := s.LoadTour(ctx, c.tour.Code)
				if err != nil {
					t.Fatalf("%s: load: %v", c.name, err)
				}
				if !reflect.DeepEqual(got, c.tour) {
					t.Errorf("%s: loaded tour differs from the created one\n got %+v\nwant %+v", c.name, got, c.tour)
				}
			}
		})
	}
}

// TestTimesNormalised checks what a caller gets back for a time that is
// not in UTC and has sub-millisecond digits.
func TestTimesNormalised(t *testing.T) {
	local := time.FixedZone("Dunhuang", 8*3600)
	created := time.Date(2026, 5, 1, 9, 30, 0, 123_456_789, local)
	for _, impl := range implementations {
		t.Run(impl.name, func(t *testing.T) {
			s := impl.open(t)
			ctx := context.Background()
			tour := Tour{Code: "TIME22", Created: created, Updated: created,
				Members: []Member{{ID: 1, LastSeen: created}}}
			if err := s.CreateTour(ctx, tour); err != nil {
				t.Fatal(err)
			}
			got, err := s.LoadTour(ctx, "TIME22")
			if err != nil {
				t.Fatal(err)
			}
			want := created.Truncate(time.Millisecond)
			for what, tm := range map[string]time.Time{"created": got.Created, "updated": got.Updated, "last seen": got.Members[0].LastSeen} {
				if !tm.Equal(want) || tm.Location() != time.UTC {
					t.Errorf("%s = %v, want %v in UTC", what, tm, want)
				}
			}
		})
	}
}

func TestErrors(t *testing.T) {
	ctx := context.Background()
	for _, impl := range implementations {
		t.Run(impl.name, func(t *testing.T) {
			s := impl.open(t)
			if err := s.CreateTour(ctx, sampleTour("TAKEN2", 2)); err != nil {
				t.Fatal(err)
			}
			ended := sampleTour("ENDED2", 1)
			ended.Ended = true
			if err := s.CreateTour(ctx, ended); err != nil {
				t.Fatal(err)
			}
			cases := []struct {
				name string
				err  error
				want error
			}{
				{"create a taken code", s.CreateTour(ctx, sampleTour("TAKEN2", 0)), ErrExists},
				{"create the code of an ended tour", s.CreateTour(ctx, sampleTour("ENDED2", 0)), ErrExists},
				{"save an unknown tour", s.SaveTour(ctx, sampleTour("NOPE22", 1)), ErrNotFound},
				{"load an unknown tour", func() error { _, err := s.LoadTour(ctx, "NOPE22"); return err }(), ErrNotFound},
			}
			for _, c := range cases {
				if !errors.Is(c.err, c.want) {
					t.Errorf("%s: error %v, want %v", c.name, c.err, c.want)
				}
			}
			// The refused create must not have touched the stored tour.
			got, err := s.LoadTour(ctx, "TAKEN2")
			if err != nil || len(got.Members) != 2 {
				t.Errorf("after a refused create, tour has %d members (err %v), want the 2 it was created with", len(got.Members), err)
			}
			// A tour saved before it was created is not created by the save.
			if _, err := s.LoadTour(ctx, "NOPE22"); !errors.Is(err, ErrNotFound) {
				t.Errorf("load after save of unknown tour: %v, want ErrNotFound", err)
			}
			dup := sampleTour("DUPE22", 2)
			dup.Members[1].ID = dup.Members[0].ID
			if err := s.CreateTour(ctx, dup); err == nil {
				t.Error("create with two members of one ID succeeded, want an error")
			}
			if err := s.CreateTour(ctx, Tour{}); err == nil {
				t.Error("create with an empty code succeeded, want an error")
			}
		})
	}
}

func TestSaveReplaces(t *testing.T) {
	ctx := context.Background()
	for _, impl := range implementations {
		t.Run(impl.name, func(t *testing.T) {
			s := impl.open(t)
			tour := sampleTour("SAVE22", 4)
			if err := s.CreateTour(ctx, tour); err != nil {
				t.Fatal(err)
			}
			// The guide moves on, member 3 leaves for good, a newcomer
			// joins, and the guide hands over to member 2.
			tour.Scene = "mogao-45"
			tour.Spotlight = ""
			tour.Follow, tour.Locked, tour.ChatOff, tour.Ended = false, false, false, true
			tour.TokenHash = hash("new token")
			tour.NextID = 6
			tour.Updated = base.Add(time.Hour)
			tour.Members = append(tour.Members[:2], tour.Members[3])
			tour.Members[0].Role = ""
			tour.Members[1].Role = protocol.RoleGuide
			tour.Members[1].Pose = protocol.Pose{X: 9.5, Y: 1.6, Z: -2.25, Yaw: 1, Pitch: -0.5}
			tour.Members = append(tour.Members, Member{ID: 5, Name: "Newcomer", Slot: 4, LastSeen: base})
			if err := s.SaveTour(ctx, tour); err != nil {
				t.Fatal(err)
			}
			got, err := s.LoadTour(ctx, "SAVE22")
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tour) {
				t.Errorf("loaded tour differs from the saved one\n got %+v\nwant %+v", got, tour)
			}
			var ids []uint16
			for _, m := range got.Members {
				ids = append(ids, m.ID)
			}
			if want := []uint16{1, 2, 4, 5}; !reflect.DeepEqual(ids, want) {
				t.Errorf("member ids %v, want %v (member 3 gone)", ids, want)
			}
		})
	}
}

func TestLoadedTourIsACopy(t *testing.T) {
	ctx := context.Background()
	for _, impl := range implementations {
		t.Run(impl.name, func(t *testing.T) {
			s := impl.open(t)
			tour := sampleTour("COPY22", 2)
			if err := s.CreateTour(ctx, tour); err != nil {
				t.Fatal(err)
			}
			tour.Members[0].Name = "changed after create"
			tour.TokenHash[0] ^= 0xff
			got, _ := s.LoadTour(ctx, "COPY22")
			got.Members[1].Name = "changed after load"
			again, _ := s.LoadTour(ctx, "COPY22")
			if again.Members[0].Name == "changed after create" || again.Members[1].Name == "changed after load" ||
				again.TokenHash[0] == tour.TokenHash[0] {
				t.Error("changing a tour outside the store changed the stored tour")
			}
		})
	}
}

func TestDeleteEndedBefore(t *testing.T) {
	ctx := context.Background()
	cutoff := base.Add(24 * time.Hour)
	tours := []struct {
		code    string
		ended   bool
		updated time.Time
		gone    bool
	}{
		{"OLDEND", true, cutoff.Add(-time.Hour), true},
		{"NEWEND", true, cutoff.Add(time.Hour), false},
		{"ATCUTS", true, cutoff, false}, // "before" is strict
		{"OLDRUN", false, cutoff.Add(-time.Hour), false},
		{"ZEROUP", true, time.Time{}, true},
	}
	for _, impl := range implementations {
		t.Run(impl.name, func(t *testing.T) {
			s := impl.open(t)
			for _, tc := range tours {
				tour := sampleTour(tc.code, 3)
				tour.Ended, tour.Updated = tc.ended, tc.updated
				if err := s.CreateTour(ctx, tour); err != nil {
					t.Fatal(err)
				}
			}
			n, err := s.DeleteEndedBefore(ctx, cutoff)
			if err != nil {
				t.Fatal(err)
			}
			if n != 2 {
				t.Errorf("deleted %d tours, want 2", n)
			}
			for _, tc := range tours {
				_, err := s.LoadTour(ctx, tc.code)
				if gone := errors.Is(err, ErrNotFound); gone != tc.gone {
					t.Errorf("tour %s: gone = %v (err %v), want %v", tc.code, gone, err, tc.gone)
				}
			}
			// A removed tour's code is free again.
			if err := s.CreateTour(ctx, sampleTour("OLDEND", 1)); err != nil {
				t.Errorf("create a code freed by housekeeping: %v", err)
			}
			if n, err := s.DeleteEndedBefore(ctx, cutoff); n != 0 || err != nil {
				t.Errorf("second housekeeping deleted %d (err %v), want 0", n, err)
			}
		})
	}
}

func TestEndIdleBefore(t *testing.T) {
	ctx := context.Background()
	cutoff := base.Add(24 * time.Hour)
	at := cutoff.Add(30 * 24 * time.Hour)
	tours := []struct {
		code    string
		ended   bool
		updated time.Time
		ends    bool // ended by this call, so its updated time becomes at
	}{
		{"IDLEOK", false, cutoff.Add(-time.Hour), true},
		{"ZEROUP", false, time.Time{}, true},
		{"RECENT", false, cutoff.Add(time.Hour), false},
		{"ATCUTS", false, cutoff, false}, // "before" is strict
		{"RUNNIN", false, cutoff.Add(-time.Hour), false},
		{"WASEND", true, cutoff.Add(-time.Hour), false}, // keeps its own end time
	}
	for _, impl := range implementations {
		for _, running := range [][]string{{"RUNNIN", "NOSUCH"}, {"RUNNIN"}} {
			t.Run(fmt.Sprintf("%s/%d running", impl.name, len(running)), func(t *testing.T) {
				s := impl.open(t)
				for _, tc := range tours {
					tour := sampleTour(tc.code, 2)
					tour.Ended, tour.Updated = tc.ended, tc.updated
					if err := s.CreateTour(ctx, tour); err != nil {
						t.Fatal(err)
					}
				}
				n, err := s.EndIdleBefore(ctx, cutoff, at, running)
				if err != nil {
					t.Fatal(err)
				}
				if n != 2 {
					t.Errorf("ended %d tours, want 2", n)
				}
				for _, tc := range tours {
					got, err := s.LoadTour(ctx, tc.code)
					if err != nil {
						t.Fatalf("tour %s: %v", tc.code, err)
					}
					wantEnded, wantUpdated := tc.ended, tc.updated
					if tc.ends {
						wantEnded, wantUpdated = true, at
					}
					if got.Ended != wantEnded || !got.Updated.Equal(wantUpdated) {
						t.Errorf("tour %s: ended %v updated %v; want ended %v updated %v", tc.code, got.Ended, got.Updated, wantEnded, wantUpdated)
					}
					// Ending keeps the members, so the record stays whole
					// until it is deleted.
					if len(got.Members) != 2 {
						t.Errorf("tour %s: %d members after ending idle tours, want 2", tc.code, len(got.Members))
					}
				}
				// An ended tour is kept until DeleteEndedBefore counts from
				// when it ended, not from when it was last used.
				if n, err := s.DeleteEndedBefore(ctx, at); n != 1 || err != nil {
					t.Errorf("deleting tours ended before the idle ones: %d deleted (err %v), want only WASEND", n, err)
				}
				if n, err := s.EndIdleBefore(ctx, cutoff, at, running); n != 0 || err != nil {
					t.Errorf("second pass ended %d (err %v), want 0", n, err)
				}
			})
		}
	}
}

// Without running tours, every idle tour ends: a nil list must not read
// as "skip everything".
func TestEndIdleBeforeNoneRunning(t *testing.T) {
	ctx := context.Background()
	for _, impl := range implementations {
		for _, running := range [][]string{nil, {}} {
			t.Run(fmt.Sprintf("%s/%#v", impl.name, running), func(t *testing.T) {
				s := impl.open(t)
				for _, code := range []string{"IDLE01", "IDLE02"} {
					if err := s.CreateTour(ctx, sampleTour(code, 1)); err != nil {
						t.Fatal(err)
					}
				}
				n, err := s.EndIdleBefore(ctx, base.Add(time.Hour), base.Add(time.Hour), running)
				if n != 2 || err != nil {
					t.Errorf("ended %d (err %v), want 2", n, err)
				}
			})
		}
	}
}

// TestConcurrentSaves saves different tours from several goroutines at
// once, as tours' own goroutines do; run with -race.
func TestConcurrentSaves(t *testing.T) {
	const (
		writers = 8
		saves   = 15
	)
	ctx := context.Background()
	for _, impl := range implementations {
		t.Run(impl.name, func(t *testing.T) {
			s := impl.open(t)
			var wg sync.WaitGroup
			errs := make(chan error, writers)
			for w := range writers {
				wg.Go(func() {
					code := fmt.Sprintf("CONC%02d", w)
					tour := sampleTour(code, 10)
					if err := s.CreateTour(ctx, tour); err != nil {
						errs <- err
						return
					}
					for i := range saves {
						tour.Members = sampleTour(code, 10+i).Members
						tour.Spotlight = fmt.Sprintf("hotspot-%d", i)
						if err := s.SaveTour(ctx, tour); err != nil {
							errs <- err
							return
						}
						if _, err := s.LoadTour(ctx, code); err != nil {
							errs <- err
							return
						}
					}
				})
			}
			wg.Wait()
			close(errs)
			for err := range errs {
				t.Error(err)
			}
			for w := range writers {
				got, err := s.LoadTour(ctx, fmt.Sprintf("CONC%02d", w))
				if err != nil {
					t.Fatal(err)
				}
				if got.Spotlight != fmt.Sprintf("hotspot-%d", saves-1) || len(got.Members) != 10+saves-1 {
					t.Errorf("tour %s: spotlight %q with %d members, want the last save's hotspot-%d with %d",
						got.Code, got.Spotlight, len(got.Members), saves-1, 10+saves-1)
				}
			}
		})
	}
}
