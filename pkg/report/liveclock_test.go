package report_test

import (
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/lensbook/lensbook/internal/emulator"
	"github.com/lensbook/lensbook/pkg/report"
	"github.com/lensbook/lensbook/pkg/store"
)

// cellEnv makes the test binary run one notebook cell (TestCell) instead of
// the tests: "fetch" syncs and reads, "read" only reads.
const cellEnv = "LENSBOOK_REPORT_TEST_CELL"

// TestCell is not a test of its own: the live-clock tests run the test
// binary again with only this test selected, as GoNB runs each cell as a new
// program. It prints the window it read and how many rows.
func TestCell(t *testing.T) {
	kind := os.Getenv(cellEnv)
	if kind == "" {
		t.Skip("runs only as a cell of the live-clock tests")
	}
	s, err := report.Open(report.Params{Days: 30})
	if err != nil {
		t.Fatal(err)
	}
	if kind == "fetch" {
		if _, err := s.Sync(store.WebAPILog, store.Events); err != nil {
			t.Fatal(err)
		}
	}
	rows, err := s.WebAPILog()
	if err != nil {
		t.Fatal(err)
	}
	events, err := s.Events()
	if err != nil {
		t.Fatal(err)
	}
	os.Stdout.WriteString("CELL " + s.AsOf.Format(time.RFC3339) + " " + s.String() + " " +
		strconv.Itoa(len(rows)) + " " + strconv.Itoa(len(events)) + "\n")
}

// runCell runs one cell in a new process with the test's environment and
// returns its CELL line.
func runCell(t *testing.T, kind string, env ...string) string {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestCell$", "-test.count=1", "-test.v")
	cmd.Env = append(append(os.Environ(), cellEnv+"="+kind), env...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%s cell: %v\n%s", kind, err, out)
	}
	for line := range strings.SplitSeq(string(out), "\n") {
		if rest, ok := strings.CutPrefix(line, "CELL "); ok {
			return rest
		}
	}
	t.Fatalf("%s cell printed no result:\n%s", kind, out)
	return ""
}

// offsetClock is the real clock moved ahead by an offset the test sets, or
// stopped.
type offsetClock struct {
	mu      sync.Mutex
	off     time.Duration
	stopped time.Time
}

func (c *offsetClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.stopped.IsZero() {
		return c.stopped
	}
	return time.Now().Add(c.off)
}

func (c *offsetClock) add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.off += d
}

// stop makes no new row appear from now on.
func (c *offsetClock) stop() {
	t := c.now()
	c.mu.Lock()
	defer c.mu.Unlock()
	c.stopped = t
}

// TestCellsOfARunAgreeOnALiveClock is issue 9's first defect: on data that
// ends now, without asOf, the fetch cell synced up to T1 and the next cell
// (a new program, a moment later) asked for a window ending at T2 > T1 and
// panicked. Here every cell runs as a new process of a GoNB-like kernel
// (its own GONB_TMP_DIR), seconds apart: all agree on the fetch cell's
// instant. A run an hour later syncs the new rows and moves the window; one
// with nothing new sends one request per log.
func TestCellsOfARunAgreeOnALiveClock(t *testing.T) {
	clock := &offsetClock{}
	srv := emulator.NewLiveServer(emulator.LiveConfig{Config: emulator.Config{Seed: 3, Days: 35}, Now: clock.now})
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	t.Setenv("CRYPTOLENS_BASE_URL", ts.URL+"/api")
	t.Setenv("CRYPTOLENS_TOKEN", srv.NewToken(emulator.AllPermissions...))
	t.Setenv(report.EnvStore, filepath.Join(t.TempDir(), "store.db"))
	t.Setenv(report.EnvAsOf, "")
	t.Setenv(report.EnvOffline, "")
	kernel := report.EnvGoNBTmpDir + "=" + t.TempDir()

	fetched := runCell(t, "fetch", kernel)
	time.Sleep(1100 * time.Millisecond) // the clock moves past the fetch cell's second
	for range 2 {
		if got := runCell(t, "read", kernel); got != fetched {
			t.Fatalf("a later cell read %q, the fetch cell %q", got, fetched)
		}
	}

	// Without the kernel's record (a restarted kernel), a cell reads up to
	// the store's last sync: the same instant.
	if got := runCell(t, "read"); got != fetched {
		t.Errorf("a cell of a new kernel read %q, the fetch cell %q", got, fetched)
	}

	// An hour later: new rows, a later window, the cells still agree.
	clock.add(time.Hour)
	srv.ResetCounts()
	again := runCell(t, "fetch", kernel)
	if again == fetched || again < fetched {
		t.Errorf("the fetch cell an hour later read %q, before %q: the window did not move", again, fetched)
	}
	if got := runCell(t, "read", kernel); got != again {
		t.Errorf("a later cell read %q, the fetch cell %q", got, again)
	}
	if n := srv.RowCount(emulator.MethodGetWebAPILog); n == 0 {
		t.Error("an hour later, the sync fetched no new Web API Log rows")
	}
	w0, _, _ := srv.Visible(clock.now().Add(-time.Hour))
	w1, _, _ := srv.Visible(clock.now())
	if n := srv.RowCount(emulator.MethodGetWebAPILog); n > w1-w0+5 {
		t.Errorf("an hour later, the sync fetched %d Web API Log rows; only about %d are new", n, w1-w0)
	}

	// Nothing new: one request per log.
	clock.stop()
	runCell(t, "fetch", kernel)
	srv.ResetCounts()
	runCell(t, "fetch", kernel)
	if w, e := srv.RequestCount(emulator.MethodGetWebAPILog), srv.RequestCount(emulator.MethodGetEvents); w != 1 || e != 1 {
		t.Errorf("a run with nothing new sent %d Web API Log and %d Events requests, want 1 each", w, e)
	}
}
