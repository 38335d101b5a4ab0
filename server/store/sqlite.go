package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"modernc.org/sqlite" // registers the "sqlite" driver
	sqlite3 "modernc.org/sqlite/lib"
)

// busyTimeout is how long a statement waits for a lock held by another
// process (a backup tool, an operator's sqlite3 shell) before failing with
// SQLITE_BUSY. Inside this process writes never contend (see OpenSQLite);
// five seconds outlasts any checkpoint or backup step yet fails before an
// HTTP client gives up.
const busyTimeout = 5 * time.Second

// openTimeout bounds opening the file and migrating its schema at start-up.
const openTimeout = 30 * time.Second

// SQLite is the Store kept in one SQLite file. It is safe for concurrent
// use.
type SQLite struct {
	db   *sql.DB
	path string

	// Statements prepared once on the single connection; transactions use
	// them through Tx.StmtContext, which reuses the compiled statement
	// because the transaction runs on that same connection.
	insertTour, updateTour, selectTour, deleteEnded, endIdle *sql.Stmt
	insertMember, deleteMembers, selectMembers               *sql.Stmt
}

var _ Store = (*SQLite)(nil)

// OpenSQLite opens the tour database at path, creating the file and its
// schema if needed and migrating an older schema forward. The directory
// must exist and be writable: SQLite creates the -wal and -shm files beside
// the database.
//
// The database runs in WAL mode so that a reader never waits for a writer
// and a commit appends to the log instead of rewriting pages, with
// synchronous=NORMAL: a commit survives the process dying (a server crash
// or restart); only a power cut can lose the last commits, never corrupt
// the file.
func OpenSQLite(path string) (*SQLite, error) {
	if err := checkPath(path); err != nil {
		return nil, err
	}
	// _txlock=immediate makes BEGIN take the write lock at once, so a
	// transaction that reads and then writes cannot deadlock with another
	// process and fail without waiting for busy_timeout.
	dsn := path + "?_txlock=immediate" +
		fmt.Sprintf("&_pragma=busy_timeout(%d)", busyTimeout.Milliseconds()) +
		"&_pragma=foreign_keys(1)" +
		"&_pragma=journal_mode(WAL)" +
		"&_pragma=synchronous(NORMAL)"
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, openError(path, err)
	}
	// One connection for the whole process. SQLite allows one writer at a
	// time per file; with several connections, concurrent SaveTour calls
	// would queue inside SQLite on busy_timeout (and fail with SQLITE_BUSY
	// once it runs out), whereas with one they queue in database/sql's
	// pool, fairly and with no timeout but the caller's context. Reads are
	// rare (a tour is loaded when it is resumed after a restart) and short,
	// so serialising them behind writes costs nothing a person notices.
	// It also keeps the prepared statements on a single connection.
	db.SetMaxOpenConns(1)
	db.SetMaxIdleConns(1)
	db.SetConnMaxLifetime(0)

	s := &SQLite{db: db, path: path}
	ctx, cancel := context.WithTimeout(context.Background(), openTimeout)
	defer cancel()
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	if err := s.prepare(ctx); err != nil {
		db.Close()
		return nil, openError(path, err)
	}
	return s, nil
}

// checkPath rejects paths SQLite would misread or fail on with a vague
// message, and says what to do instead.
func checkPath(path string) error {
	if path == "" || path == ":memory:" || strings.HasPrefix(path, "file:") {
		return fmt.Errorf("tour store %q: give the path of a database file, for example data/tours.db", path)
	}
	if strings.ContainsAny(path, "?#") {
		return fmt.Errorf("tour store %s: the path may not contain '?' or '#': rename the file or directory", path)
	}
	dir := filepath.Dir(path)
	info, err := os.Stat(dir)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return fmt.Errorf("tour store %s: directory %s does not exist: create it or choose another path", path, dir)
	case err != nil:
		return fmt.Errorf("tour store %s: %w: check the permissions of %s", path, err, dir)
	case !info.IsDir():
		return fmt.Errorf("tour store %s: %s is not a directory: choose another path", path, dir)
	}
	if info, err := os.Stat(path); err == nil && info.IsDir() {
		return fmt.Errorf("tour store %s: is a directory: give the path of a file inside it, for example %s", path, filepath.Join(path, "tours.db"))
	}
	return nil
}

// openError adds to an error from opening or migrating the database which
// file it concerns and what a person can do about it.
func openError(path string, err error) error {
	hint := "check that the server may read and write the file and create files in its directory"
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() & 0xff { // the primary code; extended codes add detail in the high bits
		case sqlite3.SQLITE_NOTADB, sqlite3.SQLITE_CORRUPT:
			hint = "the file is not a tour database or is damaged: move it (and any -wal, -shm files) aside to start with no stored tours, or choose another path"
		case sqlite3.SQLITE_READONLY, sqlite3.SQLITE_PERM, sqlite3.SQLITE_CANTOPEN:
			hint = "the file or its directory is not writable: fix the permissions or choose another path"
		case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
			hint = "another process holds the database locked: stop it or choose another path"
		case sqlite3.SQLITE_FULL:
			hint = "the disk is full: free space or choose another path"
		}
	}
	return fmt.Errorf("tour store %s: %w: %s", path, err, hint)
}

// migrate brings the schema to schemaVersion, one step per transaction.
func (s *SQLite) migrate(ctx context.Context) error {
	for {
		tx, err := s.db.BeginTx(ctx, nil)
		if err != nil {
			return openError(s.path, err)
		}
		var v int
		if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil {
			tx.Rollback()
			return openError(s.path, err)
		}
		if v == schemaVersion {
			if err := tx.Commit(); err != nil {
				return openError(s.path, err)
			}
			return nil
		}
		if v < 0 || v > schemaVersion {
			tx.Rollback()
			return fmt.Errorf("tour store %s: schema version %d is newer than this server knows (%d): run a newer server or choose another path", s.path, v, schemaVersion)
		}
		if v == 0 {
			// A file with tables but no schema version belongs to some
			// other program; adding ours to it would mix two databases.
			var n int
			if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema").Scan(&n); err != nil {
				tx.Rollback()
				return openError(s.path, err)
			}
			if n > 0 {
				tx.Rollback()
				return fmt.Errorf("tour store %s: the file is an SQLite database of another program (%d schema objects, no tour schema version): choose another path", s.path, n)
			}
		}
		if _, err := tx.ExecContext(ctx, migrations[v]); err != nil {
			tx.Rollback()
			return openError(s.path, fmt.Errorf("migrate schema %d to %d: %w", v, v+1, err))
		}
		// PRAGMA takes no parameters; v+1 is our own integer.
		if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", v+1)); err != nil {
			tx.Rollback()
			return openError(s.path, err)
		}
		if err := tx.Commit(); err != nil {
			return openError(s.path, fmt.Errorf("migrate schema %d to %d: %w", v, v+1, err))
		}
	}
}

// Column lists of the INSERT and SELECT statements; CreateTour, insertMembers
// and LoadTour bind and scan in this order.
const (
	tourColumns   = "code, scene, guide_name, token_hash, follow, spotlight, locked, chat_off, ended, next_id, created_ms, updated_ms"
	memberColumns = "tour_code, id, name, color, role, slot, resume_hash, hand, muted, removed, x, y, z, yaw, pitch, last_seen_ms"
)

func (s *SQLite) prepare(ctx context.Context) error {
	for _, p := range []struct {
		dst *(*sql.Stmt)
		sql string
	}{
		// DO NOTHING instead of a constraint error: RowsAffected then says
		// whether the code was free, without parsing error codes.
		{&s.insertTour, "INSERT INTO tours (" + tourColumns + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT (code) DO NOTHING"},
		{&s.updateTour, "UPDATE tours SET scene=?, guide_name=?, token_hash=?, follow=?, spotlight=?, locked=?, chat_off=?, ended=?, next_id=?, created_ms=?, updated_ms=? WHERE code=?"},
		{&s.selectTour, "SELECT " + tourColumns + " FROM tours WHERE code=?"},
		{&s.deleteEnded, "DELETE FROM tours WHERE ended=1 AND updated_ms<?"},
		// The running codes come as one JSON array, so that one prepared
		// statement serves any number of them.
		{&s.endIdle, "UPDATE tours SET ended=1, updated_ms=? WHERE ended=0 AND updated_ms<? AND code NOT IN (SELECT value FROM json_each(?))"},
		{&s.insertMember, "INSERT INTO members (" + memberColumns + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"},
		{&s.deleteMembers, "DELETE FROM members WHERE tour_code=?"},
		{&s.selectMembers, "SELECT " + memberColumns + " FROM members WHERE tour_code=? ORDER BY id"},
	} {
		st, err := s.db.PrepareContext(ctx, p.sql)
		if err != nil {
			return fmt.Errorf("prepare %q: %w", p.sql, err)
		}
		*p.dst = st
	}
	return nil
}

// CreateTour stores a new tour and its members in one transaction. It
// returns ErrExists when a tour, also an ended one, has the code.
func (s *SQLite) CreateTour(ctx context.Context, t Tour) error {
	if t.Code == "" {
		return errors.New("store: create tour: empty code")
	}
	return s.inTx(ctx, "create tour "+t.Code, func(tx *sql.Tx) error {
		res, err := tx.StmtContext(ctx, s.insertTour).ExecContext(ctx,
			t.Code, t.Scene, t.GuideName, t.TokenHash, t.Follow, t.Spotlight,
			t.Locked, t.ChatOff, t.Ended, t.NextID, millis(t.Created), millis(t.Updated))
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			return ErrExists
		}
		return s.insertMembers(ctx, tx, t)
	})
}

// SaveTour replaces the stored tour and all its members in one
// transaction: a member absent from t.Members is deleted. It returns
// ErrNotFound if the tour was never created or has been deleted.
func (s *SQLite) SaveTour(ctx context.Context, t Tour) error {
	return s.inTx(ctx, "save tour "+t.Code, func(tx *sql.Tx) error {
		res, err := tx.StmtContext(ctx, s.updateTour).ExecContext(ctx,
			t.Scene, t.GuideName, t.TokenHash, t.Follow, t.Spotlight,
			t.Locked, t.ChatOff, t.Ended, t.NextID, millis(t.Created), millis(t.Updated), t.Code)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			return ErrNotFound
		}
		if _, err := tx.StmtContext(ctx, s.deleteMembers).ExecContext(ctx, t.Code); err != nil {
			return err
		}
		return s.insertMembers(ctx, tx, t)
	})
}

func (s *SQLite) insertMembers(ctx context.Context, tx *sql.Tx, t Tour) error {
	st := tx.StmtContext(ctx, s.insertMember)
	for _, m := range t.Members {
		p := m.Pose
		if _, err := st.ExecContext(ctx,
			t.Code, m.ID, m.Name, m.Color, m.Role, m.Slot, m.ResumeHash,
			m.Hand, m.Muted, m.Removed,
			float64(p.X), float64(p.Y), float64(p.Z), float64(p.Yaw), float64(p.Pitch),
			millis(m.LastSeen)); err != nil {
			return fmt.Errorf("member %d: %w", m.ID, err)
		}
	}
	return nil
}

// LoadTour returns the tour with its members ordered by ID, or ErrNotFound.
func (s *SQLite) LoadTour(ctx context.Context, code string) (Tour, error) {
	var t Tour
	// One transaction so that the tour and its members come from the same
	// SaveTour, never half of one and half of the next.
	err := s.inTx(ctx, "load tour "+code, func(tx *sql.Tx) error {
		var created, updated int64
		err := tx.StmtContext(ctx, s.selectTour).QueryRowContext(ctx, code).Scan(
			&t.Code, &t.Scene, &t.GuideName, &t.TokenHash, &t.Follow, &t.Spotlight,
			&t.Locked, &t.ChatOff, &t.Ended, &t.NextID, &created, &updated)
		if errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		}
		if err != nil {
			return err
		}
		t.TokenHash = nilIfEmpty(t.TokenHash)
		t.Created, t.Updated = fromMillis(created), fromMillis(updated)

		rows, err := tx.StmtContext(ctx, s.selectMembers).QueryContext(ctx, code)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var (
				m                   Member
				tourCode            string
				x, y, z, yaw, pitch float64
				lastSeen            int64
			)
			if err := rows.Scan(&tourCode, &m.ID, &m.Name, &m.Color, &m.Role, &m.Slot, &m.ResumeHash,
				&m.Hand, &m.Muted, &m.Removed, &x, &y, &z, &yaw, &pitch, &lastSeen); err != nil {
				return fmt.Errorf("member: %w", err)
			}
			m.ResumeHash = nilIfEmpty(m.ResumeHash)
			// Stored from float32, so the conversion back is exact.
			m.Pose.X, m.Pose.Y, m.Pose.Z = float32(x), float32(y), float32(z)
			m.Pose.Yaw, m.Pose.Pitch = float32(yaw), float32(pitch)
			m.LastSeen = fromMillis(lastSeen)
			t.Members = append(t.Members, m)
		}
		return rows.Err()
	})
	if err != nil {
		return Tour{}, err
	}
	return t, nil
}

// DeleteEndedBefore removes ended tours last updated before t, with their
// members, and reports how many tours it removed.
func (s *SQLite) DeleteEndedBefore(ctx context.Context, t time.Time) (int, error) {
	res, err := s.deleteEnded.ExecContext(ctx, millis(t))
	if err != nil {
		return 0, fmt.Errorf("tour store %s: delete ended tours: %w", s.path, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, fmt.Errorf("tour store %s: delete ended tours: %w", s.path, err)
	}
	return int(n), nil
}

// EndIdleBefore marks ended, as of at, the tours not ended that were last
// updated before t and are not in running, and reports how many it ended.
// Their members stay as they were, for the record, until
// DeleteEndedBefore removes the tour.
func (s *SQLite) EndIdleBefore(ctx context.Context, t, at time.Time, running []string) (int, error) {
	if running == nil {
		// json.Marshal writes nil as null, which json_each reads as one
		// NULL row, and code NOT IN (NULL) is never true: nothing would end.
		running = []string{}
	}
	codes, err := json.Marshal(running)
	if err != nil {
		return 0, fmt.Errorf("tour store %s: end idle tours: %w", s.path, err)
	}
	res, err := s.endIdle.ExecContext(ctx, millis(at), millis(t), string(codes))
	if err != nil {
		return 0, fmt.Errorf("tour store %s: end idle tours: %w", s.path, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, fmt.Errorf("tour store %s: end idle tours: %w", s.path, err)
	}
	return int(n), nil
}

// Ping reads one row of the tours table: cheap, yet it proves the file
// is open and readable and that the connection is not stuck behind a
// long write.
func (s *SQLite) Ping(ctx context.Context) error {
	var one int
	err := s.db.QueryRowContext(ctx, "SELECT 1 FROM tours LIMIT 1").Scan(&one)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("tour store %s: ping: %w", s.path, err)
	}
	return nil
}

// Close closes the database. Calls in flight finish first.
func (s *SQLite) Close() error {
	for _, st := range []*sql.Stmt{s.insertTour, s.updateTour, s.selectTour, s.deleteEnded, s.endIdle,
		s.insertMember, s.deleteMembers, s.selectMembers} {
		st.Close()
	}
	if err := s.db.Close(); err != nil {
		return fmt.Errorf("tour store %s: close: %w", s.path, err)
	}
	return nil
}

// inTx runs fn in a transaction, committing if it returns nil. ErrExists
// and ErrNotFound pass through unwrapped so callers can compare them; other
// errors say what was being done to which file.
func (s *SQLite) inTx(ctx context.Context, what string, fn func(*sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("tour store %s: %s: %w", s.path, what, err)
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		if errors.Is(err, ErrExists) || errors.Is(err, ErrNotFound) {
			return err
		}
		return fmt.Errorf("tour store %s: %s: %w", s.path, what, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("tour store %s: %s: commit: %w", s.path, what, err)
	}
	return nil
}

// zeroMillis is the zero time.Time in Unix milliseconds. It is stored as is
// (it sorts before every real time, so housekeeping treats it as oldest)
// and read back as the zero time.
var zeroMillis = time.Time{}.UnixMilli()

func millis(t time.Time) int64 { return t.UnixMilli() }

func fromMillis(ms int64) time.Time {
	if ms == zeroMillis {
		return time.Time{}
	}
	return time.UnixMilli(ms).UTC()
}

func nilIfEmpty(b []byte) []byte {
	if len(b) == 0 {
		return nil
	}
	return b
}
