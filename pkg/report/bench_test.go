package report_test

import (
	"testing"

	"github.com/lensbook/lensbook/pkg/report"
	"github.com/lensbook/lensbook/pkg/store"
)

// BenchmarkSessionRead reads a small synced window (3 days of the Object
// Log) repeatedly through one session: the session opens its store once,
// so a read costs the query, not an open and a schema check. On the shared
// 2-core test machine (load ~19): 0.21-1.1 ms a read, against 1.4-5.6 ms
// when every read opened the store.
func BenchmarkSessionRead(b *testing.B) {
	startEmulator(b)
	s, err := report.Open(report.Params{Days: 3, AsOf: "2026-11-01"})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	if _, err := s.Sync(store.ObjectLog); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		if _, err := s.ObjectLog(); err != nil {
			b.Fatal(err)
		}
	}
}
