//go:build unix

package store

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"syscall"
	"time"
)

// lockPoll is how often a sync waiting for another one checks the lock.
const lockPoll = 50 * time.Millisecond

// lockSyncs takes the store's sync lock, an exclusive flock(2) on the file
// PATH.sync-lock, waiting while another sync of the file (in any process)
// holds it or until ctx ends. The lock goes with the process: a sync that
// is killed never leaves it held.
func (s *Store) lockSyncs(ctx context.Context) (unlock func(), err error) {
	path := s.path + ".sync-lock"
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("sync lock: %w", err)
	}
	for {
		err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		if err == nil {
			return func() {
				syscall.Flock(int(f.Fd()), syscall.LOCK_UN) //nolint:errcheck // closing releases it too
				f.Close()
			}, nil
		}
		if !errors.Is(err, syscall.EWOULDBLOCK) && !errors.Is(err, syscall.EINTR) {
			f.Close()
			return nil, fmt.Errorf("sync lock %s: %w", path, err)
		}
		select {
		case <-ctx.Done():
			f.Close()
			return nil, fmt.Errorf("waiting for another sync of %s: %w", s.path, context.Cause(ctx))
		case <-time.After(lockPoll):
		}
	}
}

// readOnly reports whether the store file exists but this process cannot
// write it, or cannot create files beside it (SQLite's -wal and -shm).
func readOnly(path string) bool {
	if _, err := os.Stat(path); err != nil {
		return false
	}
	const wOK = 2 // W_OK
	return syscall.Access(path, wOK) != nil || syscall.Access(filepath.Dir(path), wOK) != nil
}
