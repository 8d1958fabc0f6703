package cryptolens

import (
	"testing"
	"time"
)

// The walk's own choice of requests in flight: 2 on a near server, enough
// to hide a distant one's round trip, never more than allowed, and a slow
// first page (a busy machine) does not starve a distant walk.
func TestWorkersFor(t *testing.T) {
	ms := time.Millisecond
	for _, tt := range []struct {
		most                 int
		roundTrip, firstPage time.Duration
		want                 int
	}{
		{16, 300 * time.Microsecond, 3 * ms, 2},         // loopback
		{16, 0, 2 * ms, 2},                              // no probe timed
		{16, 2 * ms, 4 * ms, 2},                         // a page takes as long as the round trip
		{16, 5 * ms, 7 * ms, 4},                         // a near data centre
		{16, 50 * ms, 53 * ms, 16},                      // 50 ms away: all allowed (26 would hide it)
		{64, 50 * ms, 53 * ms, 26},                      // 1 + 50/2
		{16, 50 * ms, 200 * ms, 16},                     // a slow first page counts as 2 ms
		{64, 20 * ms, 20*ms + 100*time.Microsecond, 64}, // a page at 0.1 ms: 201, cut to the most
		{2, 50 * ms, 53 * ms, 2},
		{1, 50 * ms, 53 * ms, 1},
	} {
		if got := workersFor(tt.most, tt.roundTrip, tt.firstPage); got != tt.want {
			t.Errorf("workersFor(%d, %v, %v) = %d, want %d", tt.most, tt.roundTrip, tt.firstPage, got, tt.want)
		}
	}
}
