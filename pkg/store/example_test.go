package store_test

import (
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"time"

	"github.com/lensbook/lensbook/internal/emulator"
	"github.com/lensbook/lensbook/pkg/cryptolens"
	"github.com/lensbook/lensbook/pkg/store"
)

// Sync the three logs of an emulated account into a store file, sync again
// (nothing new: one request per log), then read a week offline.
func ExampleAccount_Sync() {
	ds := emulator.Generate(emulator.Config{Seed: 7, Days: 30, Rows: 3000})
	srv := emulator.NewServer(ds)
	token := srv.NewToken(emulator.AllPermissions...)
	ts := httptest.NewServer(srv)
	defer ts.Close()
	baseURL := ts.URL + "/api"

	dir, _ := os.MkdirTemp("", "lensbook-store-example")
	defer os.RemoveAll(dir)
	st, err := store.Open(filepath.Join(dir, "store.db"))
	if err != nil {
		fmt.Println(err)
		return
	}
	defer st.Close()
	// One request at a time, so that the counts below are the same on
	// every run (the default pages a first sync 16 requests at a time).
	c, _ := cryptolens.NewClient(token, cryptolens.WithBaseURL(baseURL), cryptolens.WithParallel(1))
	acct := st.Account(c)
	ctx := context.Background()

	for range 2 {
		stats, err := acct.SyncAll(ctx, time.Time{})
		if err != nil {
			fmt.Println(err)
			return
		}
		for _, s := range stats {
			fmt.Printf("%s: %d requests, all rows new: %v\n", s.Log, s.Requests, s.RowsNew == s.RowsFetched)
		}
	}
	week := cryptolens.Window{Since: emulator.DemoEnd.AddDate(0, 0, -7), Until: emulator.DemoEnd}
	rows, _ := acct.WebAPILog(ctx, week, store.Filter{})
	covered, _ := acct.Covered(ctx, store.WebAPILog, week)
	want := ds.WebAPILogWhere(func(r cryptolens.WebAPILog) bool { return week.Contains(r.Time) })
	fmt.Println("last week's rows as the API has them:", len(rows) == len(want), "covered:", covered)
	// Output:
	// weblog: 5 requests, all rows new: true
	// events: 11 requests, all rows new: true
	// objectlog: 3 requests, all rows new: true
	// weblog: 1 requests, all rows new: true
	// events: 1 requests, all rows new: true
	// objectlog: 1 requests, all rows new: true
	// last week's rows as the API has them: true covered: true
}

// The default store file of an account lives in the user's cache folder,
// named by the API host and a fingerprint of the token.
func ExampleDefaultPath() {
	path, err := store.DefaultPath("http://127.0.0.1:8470/api", "secret-token")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(filepath.Base(filepath.Dir(path)), filepath.Base(path))
	// Output: lensbook 127.0.0.1_8470-7be620e0f8fa1d6e.db
}

// Read a month column by column, as a DataFrame is built: the first read of
// a big window keeps a snapshot of it beside the store file, which the next
// read (the next cell of a notebook) decodes instead of going through SQL.
func ExampleAccount_Columns() {
	ds := emulator.Generate(emulator.Config{Seed: 7, Days: 30, Rows: 30_000})
	srv := emulator.NewServer(ds)
	token := srv.NewToken(emulator.AllPermissions...)
	ts := httptest.NewServer(srv)
	defer ts.Close()
	baseURL := ts.URL + "/api"

	dir, _ := os.MkdirTemp("", "lensbook-store-example")
	defer os.RemoveAll(dir)
	st, err := store.Open(filepath.Join(dir, "store.db"))
	if err != nil {
		fmt.Println(err)
		return
	}
	defer st.Close()
	c, _ := cryptolens.NewClient(token, cryptolens.WithBaseURL(baseURL))
	acct := st.Account(c)
	ctx := context.Background()
	if _, err := acct.Sync(ctx, store.WebAPILog, time.Time{}); err != nil {
		fmt.Println(err)
		return
	}
	month := cryptolens.Window{Since: emulator.DemoEnd.AddDate(0, 0, -30), Until: emulator.DemoEnd}
	for range 2 {
		cols, err := acct.Columns(ctx, store.WebAPILog, month, store.Filter{})
		if err != nil {
			fmt.Println(err)
			return
		}
		keys, _ := cols.Codes("key")
		fmt.Println(cols.Len() == len(ds.WebAPILog), len(cols.Int("time")) == cols.Len(), len(keys) < cols.Len())
	}
	snapshots, _ := filepath.Glob(filepath.Join(dir, "store.db.windows", "*"))
	fmt.Println("snapshots:", len(snapshots))
	// Output:
	// true true true
	// true true true
	// snapshots: 1
}
