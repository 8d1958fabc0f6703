package report_test

import (
	"testing"

	"github.com/lensbook/lensbook/pkg/report"
	"github.com/lensbook/lensbook/pkg/store"
)

// BenchmarkSessionRead reads a synced window repeatedly through one
// session, as a notebook's cells read it: the session opens its store
// once, so a read costs the query, not an open and a schema check.
func BenchmarkSessionRead(b *testing.B) {
	startEmulator(b)
	s, err := report.Open(report.Params{Days: 3, AsOf: "2026-11-01"})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	if _, err := s.Sync(store.Events); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		if _, err := s.Events(); err != nil {
			b.Fatal(err)
		}
	}
}
