package store_test

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/lensbook/lensbook/internal/emulator"
	"github.com/lensbook/lensbook/pkg/cryptolens"
	"github.com/lensbook/lensbook/pkg/store"
)

// The environment of a child process that syncs a store (see
// TestChildProcessSync).
const (
	childEnv      = "LENSBOOK_STORE_TEST_CHILD"
	childURLEnv   = "LENSBOOK_STORE_TEST_URL"
	childPathEnv  = "LENSBOOK_STORE_TEST_PATH"
	childTokenEnv = "LENSBOOK_STORE_TEST_TOKEN"
	childLogsEnv  = "LENSBOOK_STORE_TEST_LOGS" // the logs to sync, in order, comma-separated
)

// TestChildProcessSync is not a test of its own: the kill and concurrency
// tests run the test binary again with only this test selected and the
// child environment set, and it syncs every log of the store at
// $LENSBOOK_STORE_TEST_PATH from the emulator at $LENSBOOK_STORE_TEST_URL.
func TestChildProcessSync(t *testing.T) {
	if os.Getenv(childEnv) != "1" {
		t.Skip("runs only as the child process of the kill and concurrency tests")
	}
	baseURL, token := os.Getenv(childURLEnv), os.Getenv(childTokenEnv)
	c, err := cryptolens.NewClient(token, cryptolens.WithBaseURL(baseURL))
	if err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(os.Getenv(childPathEnv))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	acct := st.Account(c)
	for _, name := range strings.Split(os.Getenv(childLogsEnv), ",") {
		l, err := store.ParseLog(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := acct.Sync(context.Background(), l, time.Time{}); err != nil {
			t.Fatal(err)
		}
	}
}

// childSync starts a child process syncing the logs into the store at path,
// its output going to logPath.
func childSync(t *testing.T, api *apiServer, path, logPath string, logs ...store.Log) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestChildProcessSync$", "-test.count=1")
	cmd.Env = append(os.Environ(), childEnv+"=1", childURLEnv+"="+api.baseURL,
		childPathEnv+"="+path, childTokenEnv+"="+testToken, childLogsEnv+"="+joinLogs(logs))
	out, err := os.Create(logPath)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { out.Close() })
	cmd.Stdout, cmd.Stderr = out, out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return cmd
}

func joinLogs(logs []store.Log) string {
	names := make([]string, len(logs))
	for i, l := range logs {
		names[i] = string(l)
	}
	return strings.Join(names, ",")
}

// checkCoverageHolds asserts the store's invariant: every covered id range
// holds exactly the API's rows in it, none doubled, none missing.
func checkCoverageHolds(t *testing.T, path string, ds *emulator.Dataset, events []cryptolens.Event, baseURL string) {
	t.Helper()
	st := openStore(t, path)
	defer st.Close()
	acct := st.Account(clientOf(t, baseURL, testToken))
	check := func(l store.Log, ids func() []int64, want func(lo, hi int64) []int64) {
		t.Helper()
		cov, err := acct.Coverage(t.Context(), l)
		if err != nil {
			t.Fatal(err)
		}
		held := ids()
		for _, c := range cov {
			var got []int64
			for _, id := range held {
				if id >= c.FromID && id <= c.ToID {
					got = append(got, id)
				}
			}
			if w := want(c.FromID, c.ToID); !slices.Equal(w, got) {
				diff := cmp.Diff(w, got)
				t.Fatalf("%s coverage %d..%d does not hold the API's rows (-api +store):\n%s", l, c.FromID, c.ToID, diff)
			}
		}
	}
	check(store.WebAPILog, func() []int64 {
		rows, err := acct.WebAPILog(t.Context(), cryptolens.Window{}, store.Filter{})
		if err != nil {
			t.Fatal(err)
		}
		return idsOf(rows, func(r cryptolens.WebAPILog) int64 { return r.ID })
	}, func(lo, hi int64) []int64 {
		return idsOf(ds.WebAPILogWhere(func(r cryptolens.WebAPILog) bool { return r.ID >= lo && r.ID <= hi }),
			func(r cryptolens.WebAPILog) int64 { return r.ID })
	})
	check(store.Events, func() []int64 {
		rows, err := acct.Events(t.Context(), cryptolens.Window{}, store.Filter{})
		if err != nil {
			t.Fatal(err)
		}
		return idsOf(rows, func(r cryptolens.Event) int64 { return r.ID })
	}, func(lo, hi int64) []int64 {
		var ids []int64
		for _, e := range events {
			if e.ID >= lo && e.ID <= hi {
				ids = append(ids, e.ID)
			}
		}
		return ids
	})
	check(store.ObjectLog, func() []int64 {
		rows, err := acct.ObjectLog(t.Context(), cryptolens.Window{})
		if err != nil {
			t.Fatal(err)
		}
		return idsOf(rows, func(r cryptolens.ObjectLogEntry) int64 { return r.ID })
	}, func(lo, hi int64) []int64 {
		return idsOf(ds.ObjectLogWhere(func(r cryptolens.ObjectLogEntry) bool { return r.ID >= lo && r.ID <= hi }),
			func(r cryptolens.ObjectLogEntry) int64 { return r.ID })
	})
}

func idsOf[R any](rows []R, id func(R) int64) []int64 {
	var ids []int64
	for _, r := range rows {
		ids = append(ids, id(r))
	}
	return ids
}

// wantEverything asserts that the store holds exactly the API's rows of
// every log, each log covered by one range from its first row.
func wantEverything(t *testing.T, acct *store.Account, ds *emulator.Dataset) {
	t.Helper()
	web, err := acct.WebAPILog(t.Context(), cryptolens.Window{}, store.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(ds.WebAPILog, web); diff != "" {
		t.Fatalf("web log (-emulator +store):\n%s", diff)
	}
	events, err := acct.Events(t.Context(), cryptolens.Window{}, store.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(ds.Events, events); diff != "" {
		t.Fatalf("events (-emulator +store):\n%s", diff)
	}
	objects, err := acct.ObjectLog(t.Context(), cryptolens.Window{})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(ds.ObjectLog, objects); diff != "" {
		t.Fatalf("object log (-emulator +store):\n%s", diff)
	}
	for _, l := range store.Logs() {
		cov, err := acct.Coverage(t.Context(), l)
		if err != nil {
			t.Fatal(err)
		}
		if len(cov) != 1 || cov[0].FromID != 0 || !cov[0].Window.Since.IsZero() {
			t.Fatalf("%s coverage %+v, want one range from the first row", l, cov)
		}
	}
}

// TestSyncSurvivesKill9 syncs 200,000 Web API Log rows (and the other logs)
// in child processes killed with SIGKILL at random moments, checking after
// each kill that the coverage holds exactly the API's rows, then completes
// the sync and compares every row.
func TestSyncSurvivesKill9(t *testing.T) {
	if testing.Short() {
		t.Skip("syncs 200,000 rows in child processes")
	}
	ds := emulator.Generate(emulator.Config{Seed: 21, Rows: 200_000})
	api := startAPI(t, ds)
	path := filepath.Join(t.TempDir(), "store.db")
	rng := rand.New(rand.NewPCG(21, 9))
	killed := 0
	for round := range 6 {
		// Each child starts with another log, so kills land in all three.
		logs := store.Logs()
		logs = append(logs[round%3:], logs[:round%3]...)
		cmd := childSync(t, api, path, path+".child.log", logs...)
		time.Sleep(time.Duration(30+rng.IntN(500)) * time.Millisecond)
		if err := cmd.Process.Kill(); err != nil && !errors.Is(err, os.ErrProcessDone) {
			t.Fatal(err)
		}
		err := cmd.Wait()
		var exit *exec.ExitError
		switch {
		case errors.As(err, &exit) && exit.ExitCode() == -1:
			killed++
		case err != nil:
			log, _ := os.ReadFile(path + ".child.log")
			t.Fatalf("round %d: child failed: %v\n%s", round, err, log)
		}
		checkCoverageHolds(t, path, ds, ds.Events, api.baseURL)
	}
	t.Logf("killed %d of 6 children mid-sync", killed)
	if killed < 3 {
		t.Fatalf("only %d children were killed mid-sync; the test did not exercise crashes", killed)
	}
	st := openStore(t, path)
	acct := st.Account(api.client(t))
	if _, err := acct.SyncAll(t.Context(), time.Time{}); err != nil {
		t.Fatal(err)
	}
	wantEverything(t, acct, ds)
}

// TestConcurrentProcessesSyncOneFile runs three processes syncing the same
// new store file at once: all must succeed and leave exactly the API's rows.
func TestConcurrentProcessesSyncOneFile(t *testing.T) {
	if testing.Short() {
		t.Skip("runs child processes")
	}
	ds := emulator.Generate(emulator.Config{Seed: 8, Rows: 40_000})
	api := startAPI(t, ds)
	path := filepath.Join(t.TempDir(), "store.db")
	var cmds []*exec.Cmd
	for i := range 3 {
		cmds = append(cmds, childSync(t, api, path, fmt.Sprintf("%s.child%d.log", path, i), store.Logs()...))
	}
	for i, cmd := range cmds {
		if err := cmd.Wait(); err != nil {
			log, _ := os.ReadFile(fmt.Sprintf("%s.child%d.log", path, i))
			t.Fatalf("child %d failed: %v\n%s", i, err, log)
		}
	}
	st := openStore(t, path)
	wantEverything(t, st.Account(api.client(t)), ds)
}
