package store

// migrations[i] brings a database at schema version i to version i+1. The
// version lives in PRAGMA user_version, which SQLite keeps in the file
// header and changes inside the same transaction as the statements, so a
// migration is applied whole or not at all. Append to this list; never edit
// a step that has shipped, because files already past it will not rerun it.
var migrations = []string{
	// 0 → 1: tours and their members.
	`
CREATE TABLE tours (
	code       TEXT    PRIMARY KEY,
	scene      TEXT    NOT NULL,
	guide_name TEXT    NOT NULL,
	token_hash BLOB,
	follow     INTEGER NOT NULL,
	spotlight  TEXT    NOT NULL,
	locked     INTEGER NOT NULL,
	chat_off   INTEGER NOT NULL,
	ended      INTEGER NOT NULL,
	next_id    INTEGER NOT NULL,
	created_ms INTEGER NOT NULL, -- Unix milliseconds, UTC
	updated_ms INTEGER NOT NULL
) STRICT;

-- Housekeeping looks for ended tours by age.
CREATE INDEX tours_ended_updated ON tours (ended, updated_ms);

CREATE TABLE members (
	tour_code    TEXT    NOT NULL REFERENCES tours (code) ON DELETE CASCADE,
	id           INTEGER NOT NULL,
	name         TEXT    NOT NULL,
	color        TEXT    NOT NULL,
	role         TEXT    NOT NULL,
	slot         INTEGER NOT NULL,
	resume_hash  BLOB,
	hand         INTEGER NOT NULL,
	muted        INTEGER NOT NULL,
	removed      INTEGER NOT NULL,
	x            REAL    NOT NULL,
	y            REAL    NOT NULL,
	z            REAL    NOT NULL,
	yaw          REAL    NOT NULL,
	pitch        REAL    NOT NULL,
	last_seen_ms INTEGER NOT NULL,
	PRIMARY KEY (tour_code, id)
) STRICT, WITHOUT ROWID;
`,
}

// schemaVersion is the version this build writes and understands.
var schemaVersion = len(migrations)
