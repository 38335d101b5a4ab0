package store

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

// TestReopen is what a server restart does: close the file, open it again
// and find the tour as it was last saved.
func TestReopen(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "tours.db")
	s, err := OpenSQLite(path)
	if err != nil {
		t.Fatal(err)
	}
	tour := sampleTour("RESTRT", 12)
	if err := s.CreateTour(ctx, tour); err != nil {
		t.Fatal(err)
	}
	tour.Members = tour.Members[:11]
	tour.Members[3].Hand = !tour.Members[3].Hand
	tour.Updated = tour.Updated.Add(time.Minute)
	if err := s.SaveTour(ctx, tour); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	s, err = OpenSQLite(path)
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	defer s.Close()
	got, err := s.LoadTour(ctx, "RESTRT")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, tour) {
		t.Errorf("after reopening, tour differs from the last save\n got %+v\nwant %+v", got, tour)
	}
}

// TestSettings checks the connection settings the package documents,
// through the store's own connection.
func TestSettings(t *testing.T) {
	s := openTemp(t)
	for _, c := range []struct{ pragma, want string }{
		{"journal_mode", "wal"},
		{"foreign_keys", "1"},
		{"busy_timeout", "5000"},
		{"synchronous", "1"}, // NORMAL
		{"user_version", "1"},
	} {
		var got string
		if err := s.db.QueryRow("PRAGMA " + c.pragma).Scan(&got); err != nil {
			t.Fatal(err)
		}
		if got != c.want {
			t.Errorf("PRAGMA %s = %s, want %s", c.pragma, got, c.want)
		}
	}
}

// TestCascade checks that deleting a tour deletes its member rows, so a
// housekept file does not grow with orphans.
func TestCascade(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	tour := sampleTour("CASCAD", 5)
	tour.Ended = true
	if err := s.CreateTour(ctx, tour); err != nil {
		t.Fatal(err)
	}
	if _, err := s.DeleteEndedBefore(ctx, time.Now()); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := s.db.QueryRow("SELECT count(*) FROM members WHERE tour_code = 'CASCAD'").Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != 0 {
		t.Errorf("%d member rows left after their tour was deleted, want 0", n)
	}
}

func TestOpenErrors(t *testing.T) {
	dir := t.TempDir()
	garbage := filepath.Join(dir, "garbage.db")
	if err := os.WriteFile(garbage, []byte(strings.Repeat("not a database, just some notes\n", 200)), 0o644); err != nil {
		t.Fatal(err)
	}
	plainFile := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(plainFile, []byte("notes"), 0o644); err != nil {
		t.Fatal(err)
	}
	newer := filepath.Join(dir, "newer.db")
	raw, err := sql.Open("sqlite", newer)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec("PRAGMA user_version = 99"); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	foreign := filepath.Join(dir, "foreign.db")
	raw, err = sql.Open("sqlite", foreign)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec("CREATE TABLE bookmarks (url TEXT)"); err != nil {
		t.Fatal(err)
	}
	raw.Close()

	cases := []struct {
		name, path string
		want       []string // every one must appear in the message
	}{
		{"missing directory", filepath.Join(dir, "nope", "tours.db"), []string{"nope", "does not exist", "create it"}},
		{"path is a directory", dir, []string{dir, "is a directory"}},
		{"parent is a file", filepath.Join(plainFile, "tours.db"), []string{"notes.txt", "not a directory"}},
		{"not a database", garbage, []string{garbage, "not a tour database", "move it"}},
		{"newer schema", newer, []string{newer, "99", "newer server"}},
		{"another program's database", foreign, []string{foreign, "another program"}},
		{"empty path", "", []string{"give the path"}},
		{"memory database", ":memory:", []string{"give the path"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s, err := OpenSQLite(c.path)
			if err == nil {
				s.Close()
				t.Fatalf("OpenSQLite(%q) succeeded, want an error", c.path)
			}
			t.Log(err)
			for _, w := range c.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not say %q", err, w)
				}
			}
		})
	}
	// A file that is not ours is left as it was.
	if b, _ := os.ReadFile(garbage); !strings.HasPrefix(string(b), "not a database") {
		t.Error("opening a file that is not a database changed it")
	}
}

// TestUnwritableDirectory needs a user the permissions apply to; root
// writes anywhere.
func TestUnwritableDirectory(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root ignores directory permissions")
	}
	dir := t.TempDir()
	if err := os.Chmod(dir, 0o500); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod(dir, 0o700)
	s, err := OpenSQLite(filepath.Join(dir, "tours.db"))
	if err == nil {
		s.Close()
		t.Fatal("opening a database in a read-only directory succeeded, want an error")
	}
	t.Log(err)
	if !strings.Contains(err.Error(), "not writable") && !strings.Contains(err.Error(), "permissions") {
		t.Errorf("error %q does not say to fix the permissions", err)
	}
}
