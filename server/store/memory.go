package store

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"time"
)

// Memory is a Store that keeps tours in memory only, for tests of code
// built on Store and for a server run without a database file. It follows
// the same contract as SQLite, including the UTC, millisecond and nil-hash
// normalisation, so code tested against it behaves the same on disk.
type Memory struct {
	mu    sync.Mutex
	tours map[string]Tour
}

var _ Store = (*Memory)(nil)

// NewMemory returns an empty Memory store.
func NewMemory() *Memory {
	return &Memory{tours: make(map[string]Tour)}
}

// CreateTour implements Store.
func (m *Memory) CreateTour(ctx context.Context, t Tour) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if t.Code == "" {
		return errors.New("store: create tour: empty code")
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, ok := m.tours[t.Code]; ok {
		return ErrExists
	}
	if err := checkMembers(t); err != nil {
		return err
	}
	m.tours[t.Code] = normalize(t)
	return nil
}

// SaveTour implements Store.
func (m *Memory) SaveTour(ctx context.Context, t Tour) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, ok := m.tours[t.Code]; !ok {
		return ErrNotFound
	}
	if err := checkMembers(t); err != nil {
		return err
	}
	m.tours[t.Code] = normalize(t)
	return nil
}

// LoadTour implements Store.
func (m *Memory) LoadTour(ctx context.Context, code string) (Tour, error) {
	if err := ctx.Err(); err != nil {
		return Tour{}, err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	t, ok := m.tours[code]
	if !ok {
		return Tour{}, ErrNotFound
	}
	// A copy, so that the caller changing it does not change the store.
	return normalize(t), nil
}

// DeleteEndedBefore implements Store.
func (m *Memory) DeleteEndedBefore(ctx context.Context, before time.Time) (int, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	n := 0
	for code, t := range m.tours {
		if t.Ended && t.Updated.UnixMilli() < before.UnixMilli() {
			delete(m.tours, code)
			n++
		}
	}
	return n, nil
}

// EndIdleBefore implements Store.
func (m *Memory) EndIdleBefore(ctx context.Context, before, at time.Time, running []string) (int, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	n := 0
	for code, t := range m.tours {
		if !t.Ended && t.Updated.UnixMilli() < before.UnixMilli() && !slices.Contains(running, code) {
			t.Ended, t.Updated = true, fromMillis(millis(at))
			m.tours[code] = t
			n++
		}
	}
	return n, nil
}

// Ping implements Store; a Memory store always answers.
func (m *Memory) Ping(ctx context.Context) error { return ctx.Err() }

// Close implements Store; a Memory store keeps working after it.
func (m *Memory) Close() error { return nil }

// normalize returns a deep copy of t as SQLite would give it back: times in
// UTC truncated to the millisecond, empty hashes nil, members ordered by ID.
func normalize(t Tour) Tour {
	t.TokenHash = cloneBytes(t.TokenHash)
	t.Created, t.Updated = fromMillis(millis(t.Created)), fromMillis(millis(t.Updated))
	if len(t.Members) == 0 {
		t.Members = nil
		return t
	}
	ms := make([]Member, len(t.Members))
	for i, mb := range t.Members {
		mb.ResumeHash = cloneBytes(mb.ResumeHash)
		mb.LastSeen = fromMillis(millis(mb.LastSeen))
		ms[i] = mb
	}
	slices.SortStableFunc(ms, func(a, b Member) int { return int(a.ID) - int(b.ID) })
	t.Members = ms
	return t
}

// checkMembers refuses what the SQLite primary key refuses: two members
// with one ID.
func checkMembers(t Tour) error {
	seen := make(map[uint16]bool, len(t.Members))
	for _, mb := range t.Members {
		if seen[mb.ID] {
			return fmt.Errorf("store: tour %s: member %d appears twice", t.Code, mb.ID)
		}
		seen[mb.ID] = true
	}
	return nil
}

func cloneBytes(b []byte) []byte {
	if len(b) == 0 {
		return nil
	}
	return slices.Clone(b)
}
