package report

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// EnvGoNBTmpDir is the scratch folder GoNB gives each kernel (and every
// program a cell runs); it lives as long as the kernel. The run's as-of
// instant is recorded there, in the file named by instantFile.
const EnvGoNBTmpDir = "GONB_TMP_DIR"

// instantFile is the prefix of the file in $GONB_TMP_DIR that holds the
// run's as-of instant (RFC 3339) of one store and account: the prefix, then
// the session's run key.
const instantFile = "lensbook-as-of-"

// processInstant holds the run's instants this process fixed, by run key.
var processInstant struct {
	sync.Mutex
	t map[string]time.Time
}

// recordedInstant returns the run's instant of a store and account: the one
// a Sync of this process fixed, else the one recorded for the GoNB kernel by
// an earlier cell.
func recordedInstant(key string) (time.Time, bool) {
	processInstant.Lock()
	t := processInstant.t[key]
	processInstant.Unlock()
	if !t.IsZero() {
		return t, true
	}
	dir := os.Getenv(EnvGoNBTmpDir)
	if dir == "" {
		return time.Time{}, false
	}
	b, err := os.ReadFile(filepath.Join(dir, instantFile+key))
	if err != nil {
		return time.Time{}, false
	}
	t, err = time.Parse(time.RFC3339, strings.TrimSpace(string(b)))
	if err != nil {
		return time.Time{}, false
	}
	return t.UTC(), true
}

// recordInstant makes t the run's instant for this process and, inside a
// GoNB kernel, for the cells that run after this one. The file is replaced
// whole, so a cell never reads half of it.
func recordInstant(key string, t time.Time) error {
	processInstant.Lock()
	if processInstant.t == nil {
		processInstant.t = map[string]time.Time{}
	}
	processInstant.t[key] = t
	processInstant.Unlock()
	dir := os.Getenv(EnvGoNBTmpDir)
	if dir == "" {
		return nil
	}
	f, err := os.CreateTemp(dir, "."+instantFile+key+".*")
	if err != nil {
		return fmt.Errorf("report: record the run's as-of instant: %w", err)
	}
	_, err = f.WriteString(t.UTC().Format(time.RFC3339) + "\n")
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), filepath.Join(dir, instantFile+key))
	}
	if err != nil {
		os.Remove(f.Name())
		return fmt.Errorf("report: record the run's as-of instant: %w", err)
	}
	return nil
}
