package account_test

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"net/http/httptest"

	"github.com/lensbook/lensbook/internal/account"
	"github.com/lensbook/lensbook/internal/emulator"
	"github.com/lensbook/lensbook/pkg/store"
)

func TestLoadResolvesTheStoreOnce(t *testing.T) {
	t.Setenv("CRYPTOLENS_TOKEN", "tok-secret")
	t.Setenv("CRYPTOLENS_BASE_URL", "https://user:pw@api.example.test/api/")
	t.Setenv(account.EnvStore, "")
	t.Setenv(account.EnvOffline, "")
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	a, err := account.Load()
	if err != nil {
		t.Fatal(err)
	}
	want, err := store.DefaultPath(a.Credentials.BaseURL, "tok-secret")
	if err != nil {
		t.Fatal(err)
	}
	if a.StorePath != want || a.Offline {
		t.Errorf("StorePath = %q, Offline = %t; want %q, false", a.StorePath, a.Offline, want)
	}
	for _, s := range []string{a.String(), fmt.Sprintf("%v %+v %#v", a, a, a)} {
		if strings.Contains(s, "tok-secret") || strings.Contains(s, "pw") {
			t.Errorf("a secret shows: %s", s)
		}
	}
	if got := a.Redactor().Redact("tok-secret pw"); strings.Contains(got, "tok-secret") {
		t.Errorf("the redactor keeps the token: %s", got)
	}

	// The environment Env gives a notebook opens the same account and store.
	other := filepath.Join(t.TempDir(), "other.db")
	t.Setenv(account.EnvStore, other)
	t.Setenv(account.EnvOffline, "1")
	b, err := account.Load()
	if err != nil {
		t.Fatal(err)
	}
	if b.StorePath != other || !b.Offline {
		t.Errorf("with LENSBOOK_STORE and LENSBOOK_OFFLINE: %q, %t", b.StorePath, b.Offline)
	}
	for k, v := range b.Env() {
		t.Setenv(k, v)
	}
	c, err := account.Load()
	if err != nil {
		t.Fatal(err)
	}
	if c.StorePath != b.StorePath || c.Fingerprint() != b.Fingerprint() || !c.Offline {
		t.Errorf("Env does not reopen the account: %v, want %v", c, b)
	}
}

func TestClientAndStoreAreTheAccounts(t *testing.T) {
	ds := emulator.Generate(emulator.Config{Seed: 3, Days: 5})
	srv := emulator.NewServer(ds)
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	t.Setenv("CRYPTOLENS_BASE_URL", ts.URL+"/api")
	t.Setenv("CRYPTOLENS_TOKEN", srv.NewToken(emulator.AllPermissions...))
	t.Setenv(account.EnvStore, filepath.Join(t.TempDir(), "store.db"))
	a, err := account.Load()
	if err != nil {
		t.Fatal(err)
	}
	if a.StoreExists() {
		t.Fatal("Load created the store file")
	}
	st, acc, err := a.OpenStore()
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if acc.Fingerprint() != a.Fingerprint() {
		t.Fatalf("the store handle's fingerprint %s is not the account's %s", acc.Fingerprint(), a.Fingerprint())
	}
	stats, err := acc.Sync(t.Context(), store.ObjectLog, ds.Config.Start())
	if err != nil {
		t.Fatal(err)
	}
	if stats.RowsNew != len(ds.ObjectLog) || stats.RowsNew == 0 {
		t.Errorf("synced %d Object Log rows, want %d", stats.RowsNew, len(ds.ObjectLog))
	}
	if !a.StoreExists() {
		t.Error("StoreExists is false after OpenStore")
	}
}
