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

// The page cache and memory map of every connection to a store file.
const (
	mmapSize  = 1 << 30 // bytes: reads map the file instead of copying pages
	cacheSize = -32768  // 32 MiB of page cache (negative: KiB)
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

	reads readConnPool // the connections that read windows (columns.go)
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
		// A new file gets 16 KiB pages: a sync spends less on splitting
		// pages and a read crosses fewer (no effect on an existing file).
		// journal_mode is the shorthand key, which the driver applies after
		// the _pragma list: the first write fixes the page size.
		q.Add("_pragma", "page_size(16384)")
		q.Set("_journal_mode", "WAL")
		q.Add("_pragma", "synchronous(NORMAL)")
	}
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", fmt.Sprintf("mmap_size(%d)", mmapSize))
	q.Add("_pragma", fmt.Sprintf("cache_size(%d)", cacheSize))
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
