//go:build !unix

package store

import "context"

// lockSyncs does nothing where flock(2) is missing: two syncs of one file
// at once stay correct (each page commits with its coverage) but may both
// download the new rows.
func (s *Store) lockSyncs(context.Context) (unlock func(), err error) { return func() {}, nil }

// readOnly is false where access(2) is missing: the store is opened for
// writing, as SQLite decides.
func readOnly(string) bool { return false }
