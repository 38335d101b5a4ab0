// Package store keeps guided tours on disk, so that a tour outlives a
// restart of the server: its code, settings, guide token hash and every
// member with their resume secret hash and last pose.
//
// The whole use:
//
//	st, err := store.OpenSQLite("data/tours.db")
//	if err != nil {
//		log.Fatal(err) // says which file and what to fix
//	}
//	defer st.Close()
//	err = st.CreateTour(ctx, tour)         // store.ErrExists if the code is taken
//	err = st.SaveTour(ctx, tour)           // after every change; replaces the members
//	tour, err = st.LoadTour(ctx, "K7QX3M") // store.ErrNotFound if unknown
//	n, err := st.DeleteEndedBefore(ctx, time.Now().Add(-7*24*time.Hour))
//	n, err = st.EndIdleBefore(ctx, time.Now().Add(-30*24*time.Hour), time.Now(), running)
//
// Callers hold a [Store]; [SQLite] is the implementation kept in one SQLite
// file, [Memory] one kept in memory for tests and runs without a file.
// Times come back in UTC, truncated to the millisecond; empty hashes and
// empty member lists come back nil.
package store

import (
	"context"
	"errors"
	"time"

	"yunyou/protocol"
)

// Member is one participant of a tour as stored.
type Member struct {
	ID    uint16
	Name  string
	Color string
	Role  string // protocol.RoleGuide or ""
	Slot  int
	// ResumeHash is the SHA-256 of the member's resume secret; the secret
	// itself is never stored, so a copy of the file cannot take a place.
	ResumeHash           []byte
	Hand, Muted, Removed bool
	Pose                 protocol.Pose
	// LastSeen is when the member was last connected; the zero time is
	// stored and returned as given (the caller decides what it means).
	LastSeen time.Time
}

// Tour is a guided tour as stored.
type Tour struct {
	Code      string
	Scene     string
	GuideName string
	// TokenHash is the SHA-256 of the guide token; the token itself lives
	// only in the guide's link.
	TokenHash              []byte
	Follow                 bool
	Spotlight              string
	Locked, ChatOff, Ended bool
	NextID                 uint16
	Created, Updated       time.Time
	Members                []Member // ordered by ID
}

// ErrNotFound means that no tour has the code.
var ErrNotFound = errors.New("store: no tour with that code")

// ErrExists means that CreateTour was given a code already in use, also by
// an ended tour that housekeeping has not removed yet.
var ErrExists = errors.New("store: a tour with that code already exists")

// Store keeps tours. Implementations are safe for concurrent use.
type Store interface {
	// CreateTour stores a new tour and its members; ErrExists when the
	// code is in use.
	CreateTour(ctx context.Context, t Tour) error
	// SaveTour replaces the stored tour and all its members at once;
	// ErrNotFound if the tour was never created.
	SaveTour(ctx context.Context, t Tour) error
	// LoadTour returns the tour with members ordered by ID; ErrNotFound if
	// there is none.
	LoadTour(ctx context.Context, code string) (Tour, error)
	// DeleteEndedBefore removes ended tours last updated before t and
	// reports how many it removed.
	DeleteEndedBefore(ctx context.Context, t time.Time) (int, error)
	// EndIdleBefore marks ended, as of at, every tour not ended yet that
	// was last updated before t and whose code is not in running (tours
	// whose sessions run, which save their own state), and reports how
	// many it ended. Their codes then stop working; DeleteEndedBefore
	// removes them later, counting from at.
	EndIdleBefore(ctx context.Context, t, at time.Time, running []string) (int, error)
	// Ping runs the cheapest query that proves the store answers, for
	// readiness checks; it fails once the store is closed.
	Ping(ctx context.Context) error
	// Close releases the store; it must not be used afterwards.
	Close() error
}
