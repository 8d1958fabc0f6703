package store

import (
	"context"
	"fmt"
)

// migrations bring the schema from user_version i to i+1; the schema's
// version is len(migrations).
var migrations = []string{
	// 0 -> 1: accounts, the three logs, coverage.
	// The weblog, events and objectlog tables look alike by shape only: each
	// holds its own log's columns, so they stay three tables.
	`CREATE TABLE accounts (
		id          INTEGER PRIMARY KEY,
		fingerprint TEXT NOT NULL UNIQUE
	);
	CREATE TABLE weblog (
		account          INTEGER NOT NULL REFERENCES accounts(id),
		id               INTEGER NOT NULL,
		product_id       INTEGER NOT NULL,
		key              TEXT    NOT NULL,
		ip               TEXT    NOT NULL,
		time             INTEGER NOT NULL,
		state            INTEGER NOT NULL,
		machine_code     TEXT    NOT NULL,
		friendly_name    TEXT    NOT NULL,
		floating_expires INTEGER NOT NULL,
		do_int_value     INTEGER NOT NULL,
		do_id            INTEGER NOT NULL,
		PRIMARY KEY (account, id)
	) WITHOUT ROWID;
	CREATE INDEX weblog_time ON weblog(account, time);
	CREATE TABLE events (
		account      INTEGER NOT NULL REFERENCES accounts(id),
		id           INTEGER NOT NULL,
		product_id   INTEGER NOT NULL,
		key          TEXT    NOT NULL,
		machine_code TEXT    NOT NULL,
		feature_name TEXT    NOT NULL,
		event_name   TEXT    NOT NULL,
		value        INTEGER NOT NULL,
		currency     TEXT    NOT NULL,
		time         INTEGER NOT NULL,
		metadata     TEXT    NOT NULL,
		PRIMARY KEY (account, id)
	) WITHOUT ROWID;
	CREATE INDEX events_time ON events(account, time);
	CREATE TABLE objectlog (
		account              INTEGER NOT NULL REFERENCES accounts(id),
		id                   INTEGER NOT NULL,
		created              INTEGER NOT NULL,
		resource_type        INTEGER NOT NULL,
		resource_action      INTEGER NOT NULL,
		affected_object_id   INTEGER NOT NULL,
		object_owner_user_id INTEGER NOT NULL,
		performed_by_user_id TEXT    NOT NULL,
		data                 TEXT    NOT NULL,
		PRIMARY KEY (account, id)
	) WITHOUT ROWID;
	CREATE INDEX objectlog_time ON objectlog(account, created);
	CREATE TABLE coverage (
		account INTEGER NOT NULL REFERENCES accounts(id),
		log     TEXT    NOT NULL CHECK (log IN ('weblog', 'events', 'objectlog')),
		lo_id   INTEGER NOT NULL,
		hi_id   INTEGER NOT NULL,
		since   INTEGER NOT NULL,
		until   INTEGER NOT NULL,
		PRIMARY KEY (account, log, lo_id)
	) WITHOUT ROWID;`,
	// 1 -> 2: the file's random identity, which names its window snapshots
	// (snapshot.go), so a file deleted and made again never reads the
	// snapshots of the one before.
	`CREATE TABLE store_id (id TEXT NOT NULL);
	INSERT INTO store_id (id) VALUES (lower(hex(randomblob(16))));`,
}

// SchemaVersion is the user_version of a store file this package writes.
const SchemaVersion = 2

// migrate applies the migrations the file lacks, each in one transaction
// that re-reads user_version under the write lock, so two processes opening
// a new file at once apply each step once.
func (s *Store) migrate(ctx context.Context) error {
	for {
		var v int
		if err := s.db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil {
			return fmt.Errorf("read schema version: %w", err)
		}
		if v > len(migrations) {
			return fmt.Errorf("schema version %d is newer than this program's %d", v, len(migrations))
		}
		if v == len(migrations) {
			return nil
		}
		if err := s.migrateStep(ctx); err != nil {
			return err
		}
	}
}

func (s *Store) migrateStep(ctx context.Context) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	defer tx.Rollback()
	var v int
	if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil {
		return fmt.Errorf("migrate: read schema version: %w", err)
	}
	if v >= len(migrations) {
		return nil
	}
	if _, err := tx.ExecContext(ctx, migrations[v]); err != nil {
		return fmt.Errorf("migrate schema %d -> %d: %w", v, v+1, err)
	}
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", v+1)); err != nil {
		return fmt.Errorf("migrate schema %d -> %d: %w", v, v+1, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("migrate schema %d -> %d: %w", v, v+1, err)
	}
	return nil
}
