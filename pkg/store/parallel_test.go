package store_test

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/lensbook/lensbook/internal/emulator"
	"github.com/lensbook/lensbook/pkg/cryptolens"
	"github.com/lensbook/lensbook/pkg/store"
)

// A first sync paged in parallel through faults holds exactly the rows of
// its window and proves the coverage a sequential sync proves; the next
// sync asks once.
func TestParallelFirstSync(t *testing.T) {
	ds := emulator.Generate(emulator.Config{Seed: 17, Days: 30, Rows: 30_000})
	api := startAPI(t, ds)
	since := ds.Config.Start().AddDate(0, 0, 9).Add(5*time.Hour + 30*time.Minute)
	win := cryptolens.Window{Since: since, Until: ds.Config.End}
	for _, parallel := range []int{1, 8} {
		api.current.Load().SetFaults(emulator.Faults{ServerErrorRate: 0.05, DropRate: 0.05, TruncateRate: 0.05, Seed: 3})
		c, err := cryptolens.NewClient(testToken, cryptolens.WithBaseURL(api.baseURL), cryptolens.WithParallel(parallel),
			cryptolens.WithRetry(cryptolens.RetryPolicy{MaxAttempts: 12, MinDelay: time.Millisecond, MaxDelay: 2 * time.Millisecond}))
		if err != nil {
			t.Fatal(err)
		}
		st := openStore(t, filepath.Join(t.TempDir(), "store.db"))
		acct := st.Account(c)
		mustSync(t, acct, store.WebAPILog, since)
		got, err := acct.WebAPILog(t.Context(), win, store.Filter{})
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(ds.WebAPILogWhere(func(r cryptolens.WebAPILog) bool { return win.Contains(r.Time) }), got); diff != "" {
			t.Fatalf("parallel %d: rows of the window (-emulator +store):\n%.2000s", parallel, diff)
		}
		for _, w := range []cryptolens.Window{win, {Since: since.Add(time.Hour), Until: since.Add(2 * time.Hour)}} {
			if ok, err := acct.Covered(t.Context(), store.WebAPILog, w); err != nil || !ok {
				t.Fatalf("parallel %d: Covered(%v) = %v, %v", parallel, w, ok, err)
			}
		}
		if ok, _ := acct.Covered(t.Context(), store.WebAPILog, cryptolens.Window{Since: since.Add(-time.Hour)}); ok {
			t.Fatalf("parallel %d: covers an hour before since", parallel)
		}
		cov, err := acct.Coverage(t.Context(), store.WebAPILog)
		if err != nil || len(cov) != 1 {
			t.Fatalf("parallel %d: coverage %+v, %v: want one span", parallel, cov, err)
		}
		api.current.Load().SetFaults(emulator.Faults{})
		if s := mustSync(t, acct, store.WebAPILog, since); s.Requests != 1 || s.RowsNew != 0 {
			t.Fatalf("parallel %d: second sync %+v, want one request and nothing new", parallel, s)
		}
	}
}
