package store

import (
	"errors"
	"fmt"

	"modernc.org/sqlite"
)

// SQLite's primary result codes for a file that is not a usable database.
const (
	sqliteCorrupt = 11 // SQLITE_CORRUPT: the database disk image is malformed
	sqliteNotADB  = 26 // SQLITE_NOTADB: file is not a database
)

// ErrDamaged is the error (matched with errors.Is) of a store file that is
// damaged or is not a store at all.
var ErrDamaged = errors.New("the store file is damaged")

// damagedError says which file is damaged and how to rebuild it.
type damagedError struct {
	path string
	err  error
}

func (e *damagedError) Error() string {
	return fmt.Sprintf("store: %s is damaged or is not a lensbook store (%v): move it away (mv %s %s.damaged) and run `lensbook sync all --since 30d` to build a new one from the API (events and Object Log entries older than the API keeps are then lost)",
		e.path, e.err, e.path, e.path)
}

func (e *damagedError) Is(target error) bool { return target == ErrDamaged }

func (e *damagedError) Unwrap() error { return e.err }

// sqliteError is an error carrying SQLite's result code: the driver's
// [sqlite.Error], and a [sqliteConn]'s (a read's or a sync's).
type sqliteError interface {
	error
	Code() int
}

var _ sqliteError = (*sqlite.Error)(nil)

// explain turns SQLite's "not a database" and "malformed" errors into an
// error that names the file and the way to rebuild it; others pass as they
// are.
func (s *Store) explain(err error) error {
	var se sqliteError
	if err == nil || !errors.As(err, &se) {
		return err
	}
	switch se.Code() & 0xff {
	case sqliteCorrupt, sqliteNotADB:
		return &damagedError{path: s.path, err: se}
	}
	return err
}
