package store_test

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/lensbook/lensbook/internal/emulator"
	"github.com/lensbook/lensbook/pkg/cryptolens"
	"github.com/lensbook/lensbook/pkg/store"
)

// TestDamagedStoreNamesTheFileAndTheFix opens a file that is not a
// database, and a store whose pages were overwritten: both errors name the
// file and the command that rebuilds it.
func TestDamagedStoreNamesTheFileAndTheFix(t *testing.T) {
	dir := t.TempDir()
	junk := filepath.Join(dir, "junk.db")
	if err := os.WriteFile(junk, []byte(strings.Repeat("not a database at all. ", 200)), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := store.Open(junk)
	wantDamaged(t, err, junk)

	ds := emulator.Generate(emulator.Config{Seed: 4, Days: 20})
	api := startAPI(t, ds)
	path := filepath.Join(dir, "store.db")
	st, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	acct := st.Account(api.client(t))
	mustSync(t, acct, store.WebAPILog, time.Time{})
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	// Overwrite the second half of the file (the table's pages; the schema
	// is on the first page) with garbage.
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	info, _ := f.Stat()
	if _, err := f.WriteAt([]byte(strings.Repeat("\xde\xad\xbe\xef", int(info.Size()/8))), info.Size()/2); err != nil {
		t.Fatal(err)
	}
	f.Close()
	st, err = store.Open(path)
	if err != nil {
		wantDamaged(t, err, path)
		return
	}
	defer st.Close()
	_, err = st.Account(api.client(t)).WebAPILog(t.Context(), cryptolens.Window{}, store.Filter{})
	wantDamaged(t, err, path)
}

func wantDamaged(t *testing.T, err error, path string) {
	t.Helper()
	if !errors.Is(err, store.ErrDamaged) {
		t.Fatalf("error %v, want store.ErrDamaged", err)
	}
	for _, want := range []string{path, "mv " + path + " " + path + ".damaged", "`lensbook sync all --since 30d`"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not name %q", err, want)
		}
	}
}

// TestTwoSyncsAtOnceDownloadOnce starts two syncs of one new store file at
// once: the second waits for the first, then fetches only what is new (one
// empty page), so every row crosses the wire once.
func TestTwoSyncsAtOnceDownloadOnce(t *testing.T) {
	ds := emulator.Generate(emulator.Config{Seed: 17, Days: 30, Rows: 8_000})
	api := startAPI(t, ds)
	srv := api.current.Load()
	// One request at a time, so that the server's count of rows sent is
	// exactly the rows fetched (a parallel walk's probes overlap).
	c, err := cryptolens.NewClient(testToken, cryptolens.WithBaseURL(api.baseURL), cryptolens.WithParallel(1))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "store.db")
	type result struct {
		stats store.SyncStats
		err   error
	}
	results := make(chan result, 2)
	for range 2 {
		st := openStore(t, path)
		go func() {
			stats, err := st.Account(c).Sync(t.Context(), store.WebAPILog, time.Time{})
			results <- result{stats, err}
		}()
	}
	var fetched, requests []int
	for range 2 {
		r := <-results
		if r.err != nil {
			t.Fatal(r.err)
		}
		fetched = append(fetched, r.stats.RowsFetched)
		requests = append(requests, r.stats.Requests)
	}
	if got := srv.RowCount(emulator.MethodGetWebAPILog); got != len(ds.WebAPILog) {
		t.Errorf("the server sent %d Web API Log rows for %d in the log: syncs fetched %v", got, len(ds.WebAPILog), fetched)
	}
	if min(requests[0], requests[1]) != 1 {
		t.Errorf("requests of the two syncs: %v; the second should send one", requests)
	}
}

// The environment of a child process that reads a read-only store (see
// TestReadOnlyStoreChild).
const (
	roChildEnv = "LENSBOOK_STORE_TEST_RO_CHILD"
	roWantEnv  = "LENSBOOK_STORE_TEST_RO_WANT" // rows the child must read
)

// TestReadOnlyStoreChild is not a test of its own: TestReadOnlyStoreCanBeRead
// runs the test binary again with only this test selected, as a user who may
// not write the store.
func TestReadOnlyStoreChild(t *testing.T) {
	if os.Getenv(roChildEnv) != "1" {
		t.Skip("runs only as the child process of TestReadOnlyStoreCanBeRead")
	}
	path, baseURL := os.Getenv(childPathEnv), os.Getenv(childURLEnv)
	if f, err := os.OpenFile(path, os.O_WRONLY, 0); err == nil {
		f.Close()
		t.Fatalf("the child may write %s: the test would prove nothing", path)
	}
	st, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	acct := st.Account(clientOf(t, baseURL, testToken))
	rows, err := acct.WebAPILog(t.Context(), cryptolens.Window{}, store.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if want, _ := strconv.Atoi(os.Getenv(roWantEnv)); len(rows) != want || want == 0 {
		t.Fatalf("read %d rows from the read-only store, want %d", len(rows), want)
	}
	ok, err := acct.Covered(t.Context(), store.WebAPILog, cryptolens.Window{Until: rows[len(rows)-1].Time})
	if err != nil || !ok {
		t.Fatalf("coverage of the read-only store: %t, %v", ok, err)
	}
	_, err = acct.Sync(t.Context(), store.WebAPILog, time.Time{})
	if err == nil || !strings.Contains(err.Error(), "read-only") {
		t.Fatalf("sync of a read-only store: %v, want an error saying it is read-only", err)
	}
	fmt.Println("READ-ONLY OK")
}

// TestReadOnlyStoreCanBeRead makes a synced store and its folder read-only
// and reads it from a process that may not write them (as root, the child
// runs as nobody, since root may write anything): every read works, and a
// sync says the store is read-only.
func TestReadOnlyStoreCanBeRead(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a child process")
	}
	ds := emulator.Generate(emulator.Config{Seed: 4, Days: 20})
	api := startAPI(t, ds)
	top := t.TempDir()
	dir := filepath.Join(top, "cache")
	path := filepath.Join(dir, "store.db")
	st, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	mustSync(t, st.Account(api.client(t)), store.WebAPILog, time.Time{})
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	bin := os.Args[0]
	cmd := exec.Command(bin)
	if os.Geteuid() == 0 {
		// nobody must reach the store and the test binary.
		bin = filepath.Join(top, "store.test")
		copyFile(t, os.Args[0], bin, 0o755)
		for d := top; d != "/" && d != "."; d = filepath.Dir(d) {
			if err := os.Chmod(d, 0o755); err != nil {
				t.Fatal(err)
			}
		}
		cmd = exec.Command(bin)
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	}
	if err := os.Chmod(path, 0o444); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dir, 0o555); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(dir, 0o755) })
	cmd.Args = []string{bin, "-test.run=^TestReadOnlyStoreChild$", "-test.count=1", "-test.v"}
	cmd.Env = append(os.Environ(), roChildEnv+"=1", childPathEnv+"="+path, childURLEnv+"="+api.baseURL,
		roWantEnv+"="+strconv.Itoa(len(ds.WebAPILog)), "HOME="+top, "GOCACHE="+filepath.Join(top, "gocache"))
	out, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "READ-ONLY OK") {
		t.Fatalf("reading the read-only store: %v\n%s", err, out)
	}
}

func copyFile(t *testing.T, from, to string, mode os.FileMode) {
	t.Helper()
	in, err := os.Open(from)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, mode)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
}
