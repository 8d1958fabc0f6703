package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" driver (pure Go)
)

// busyTimeout is how long a connection waits for another process's write
// lock before giving up.
const busyTimeout = 30 * time.Second

// Store is an open store file. It is safe for concurrent use; several
// processes may open the same file.
type Store struct {
	db   *sql.DB
	path string
	ro   bool             // opened read-only (see Open)
	now  func() time.Time // the local clock; tests may replace it

	idOnce sync.Once // storeID (snapshot.go)
	id     string
	idErr  error

	reads readConnPool // the connections that read windows (readconn.go)
}

// Open opens or creates the store file at path, creating its folder, and
// brings its schema up to date. The file uses WAL journaling, a busy
// timeout and foreign keys. A store file this process may not write (or
// whose folder it may not write) is opened read-only: every read works, and
// a sync fails saying so.
func Open(path string) (*Store, error) {
	if path == "" {
		return nil, fmt.Errorf("store: open: empty path")
	}
	ro := readOnly(path)
	if !ro {
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			return nil, fmt.Errorf("store: open %s: %w", path, err)
		}
	}
	q := url.Values{}
	q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", busyTimeout.Milliseconds()))
	if ro {
		// Nothing can change the file through this process, and SQLite
		// cannot create its -shm file beside it: read it as it is.
		q.Set("mode", "ro")
		q.Set("immutable", "1")
	} else {
		q.Add("_pragma", "journal_mode(WAL)")
		q.Add("_pragma", "synchronous(NORMAL)")
	}
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "mmap_size(1073741824)") // reads map the file instead of copying pages
	q.Add("_pragma", "cache_size(-32768)")    // 32 MiB of page cache per connection
	q.Set("_txlock", "immediate")
	dsn := "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + q.Encode()
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	s := &Store{db: db, path: path, ro: ro, now: time.Now}
	if err := s.migrate(context.Background()); err != nil {
		db.Close()
		if err := s.explain(err); errors.Is(err, ErrDamaged) {
			return nil, err
		}
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	return s, nil
}

// Path returns the file the store was opened from.
func (s *Store) Path() string { return s.path }

// Close closes the database.
func (s *Store) Close() error {
	s.reads.close()
	if err := s.db.Close(); err != nil {
		return fmt.Errorf("store: close %s: %w", s.path, err)
	}
	return nil
}
