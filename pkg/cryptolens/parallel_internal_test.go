package cryptolens

import (
	"testing"
	"time"
)

func TestInFlight(t *testing.T) {
	ms := time.Millisecond
	for _, c := range []struct {
		workers         int
		roundTrip, page time.Duration
		full            bool
		want            int
	}{
		{16, 50 * ms, 53 * ms, true, 16}, // distant: every worker
		{16, 20 * ms, 25 * ms, true, 6},  // 25/5 + 1
		{16, ms / 4, 3 * ms, true, 3},    // near: 2 + 1
		{16, 0, 3 * ms, false, 16},       // a short first page tells nothing
		{1, 50 * ms, 53 * ms, true, 1},   // strictly sequential stays so
		{2, ms / 4, 3 * ms, true, 2},
	} {
		if got := inFlight(c.workers, c.roundTrip, c.page, c.full); got != c.want {
			t.Errorf("inFlight(%d, %v, %v, %v) = %d, want %d", c.workers, c.roundTrip, c.page, c.full, got, c.want)
		}
	}
}
