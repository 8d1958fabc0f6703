package duckdbtest

import (
	"database/sql"
	"net/http/httptest"
	"path/filepath"
	"testing"
	"time"

	_ "github.com/duckdb/duckdb-go/v2" // registers the "duckdb" driver

	"github.com/lensbook/lensbook/internal/emulator"
	"github.com/lensbook/lensbook/internal/export"
	"github.com/lensbook/lensbook/pkg/cryptolens"
	"github.com/lensbook/lensbook/pkg/store"
)

// DuckDB reads a partitioned export of the store as one table: the same
// rows per day as the store, the same sum of a column, times as
// timestamps, and the day column from the folder names.
func TestDuckDBReadsThePartitionedExport(t *testing.T) {
	ds := emulator.Generate(emulator.Config{Seed: 21, Days: 20, Rows: 30_000, Hostile: true})
	srv := emulator.NewServer(ds)
	tok := srv.NewToken(emulator.AllPermissions...)
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	c, err := cryptolens.NewClient(tok, cryptolens.WithBaseURL(ts.URL+"/api"))
	if err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(filepath.Join(t.TempDir(), "store.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	acct := st.Account(c)
	win := cryptolens.Window{Since: ds.Config.End.AddDate(0, 0, -14), Until: ds.Config.End}
	if _, err := acct.Sync(t.Context(), store.WebAPILog, win.Since); err != nil {
		t.Fatal(err)
	}
	rows, err := acct.WebAPILog(t.Context(), win, store.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	perDay := map[string][2]int{} // requests, failures
	var sumState int64
	for _, r := range rows {
		d := perDay[r.Time.Format(time.DateOnly)]
		d[0]++
		if r.State.Failed() {
			d[1]++
		}
		perDay[r.Time.Format(time.DateOnly)] = d
		sumState += int64(r.State)
	}

	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	for _, by := range []export.Partition{export.ByDay, export.ByMonth} {
		dir := filepath.Join(t.TempDir(), "weblog")
		if _, _, err := export.WritePartitioned(dir, by, export.Rows(rows)); err != nil {
			t.Fatal(err)
		}
		from := "read_parquet('" + dir + "/*/*.parquet', hive_partitioning = true)"
		var n, sum int64
		var first, last time.Time
		if err := db.QueryRowContext(t.Context(), "SELECT count(*), sum(state), min(time), max(time) FROM "+from).
			Scan(&n, &sum, &first, &last); err != nil {
			t.Fatal(err)
		}
		if n != int64(len(rows)) || sum != sumState || !first.Equal(rows[0].Time) || !last.Equal(rows[len(rows)-1].Time) {
			t.Fatalf("%s: DuckDB counts %d rows, sum(state) %d, times %v..%v; the store %d, %d, %v..%v",
				by, n, sum, first, last, len(rows), sumState, rows[0].Time, rows[len(rows)-1].Time)
		}
		var typ string
		if err := db.QueryRowContext(t.Context(), "SELECT typeof(time) FROM "+from+" LIMIT 1").Scan(&typ); err != nil {
			t.Fatal(err)
		}
		if typ != "TIMESTAMP WITH TIME ZONE" && typ != "TIMESTAMP" {
			t.Fatalf("%s: time is %s, want a timestamp", by, typ)
		}
		if by != export.ByDay {
			continue
		}
		// The README's query.
		q, err := db.QueryContext(t.Context(), "SELECT strftime(day, '%Y-%m-%d'), count(*) AS requests, "+
			"count(*) FILTER (WHERE state % 100 // 10 = 2) AS failures FROM "+from+" GROUP BY day ORDER BY day")
		if err != nil {
			t.Fatal(err)
		}
		got := map[string][2]int{}
		for q.Next() {
			var day string
			var k, f int
			if err := q.Scan(&day, &k, &f); err != nil {
				t.Fatal(err)
			}
			got[day] = [2]int{k, f}
		}
		if err := q.Err(); err != nil {
			t.Fatal(err)
		}
		q.Close()
		if len(got) != len(perDay) {
			t.Fatalf("DuckDB sees %d days, the store %d", len(got), len(perDay))
		}
		for day, want := range perDay {
			if got[day] != want {
				t.Fatalf("%s: DuckDB counts %v (requests, failures), the store %v", day, got[day], want)
			}
		}
	}
}
