package store_test

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/lensbook/lensbook/internal/emulator"
	"github.com/lensbook/lensbook/pkg/cryptolens"
	"github.com/lensbook/lensbook/pkg/store"
)

// Count gives, for each log, window and filter, as many rows as the read
// returns.
func TestCountIsTheReadsLength(t *testing.T) {
	ds := emulator.Generate(emulator.Config{})
	api := startAPI(t, ds)
	st := openStore(t, filepath.Join(t.TempDir(), "store.db"))
	acct := st.Account(api.client(t))
	since := emulator.DemoEnd.AddDate(0, 0, -40)
	for _, l := range store.Logs() {
		mustSync(t, acct, l, since)
	}
	ctx := t.Context()
	product, key, machine := ds.WebAPILog[len(ds.WebAPILog)/2].ProductID, ds.WebAPILog[len(ds.WebAPILog)/2].Key, ds.WebAPILog[len(ds.WebAPILog)/2].MachineCode
	windows := []cryptolens.Window{
		{Since: emulator.DemoEnd.AddDate(0, 0, -30), Until: emulator.DemoEnd},
		{Since: emulator.DemoEnd.AddDate(0, 0, -3).Add(90 * time.Minute), Until: emulator.DemoEnd.Add(-time.Hour)},
		{Until: emulator.DemoEnd},
	}
	filters := []store.Filter{{}, {ProductID: product}, {Key: key}, {ProductID: product, MachineCode: machine},
		{States: []cryptolens.State{2024, 1010}}, {FriendlyName: "a"}, {ProductID: -1}}
	for _, w := range windows {
		for _, f := range filters {
			n, err := acct.Count(ctx, store.WebAPILog, w, f)
			if err != nil {
				t.Fatal(err)
			}
			rows, err := acct.WebAPILog(ctx, w, f)
			if err != nil {
				t.Fatal(err)
			}
			if n != len(rows) {
				t.Errorf("Web API Log %v %+v: Count %d, read %d rows", w, f, n, len(rows))
			}
			ev, err := acct.Events(ctx, w, f)
			if err != nil {
				t.Fatal(err)
			}
			if n, err := acct.Count(ctx, store.Events, w, f); err != nil || n != len(ev) {
				t.Errorf("Events %v %+v: Count %d (%v), read %d rows", w, f, n, err, len(ev))
			}
		}
		ol, err := acct.ObjectLog(ctx, w)
		if err != nil {
			t.Fatal(err)
		}
		if n, err := acct.Count(ctx, store.ObjectLog, w, store.Filter{ProductID: product}); err != nil || n != len(ol) || n == 0 {
			t.Errorf("Object Log %v: Count %d (%v), read %d rows", w, n, err, len(ol))
		}
	}
	if _, err := acct.Count(ctx, store.Log("nope"), windows[0], store.Filter{}); err == nil {
		t.Error("Count of an unknown log: no error")
	}
}
