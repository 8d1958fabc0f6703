package notebook

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
)

// RunMarkVar is the environment variable that marks the processes of one
// run.
const RunMarkVar = "LENSBOOK_RUN_ID"

// RunMark tags every process of one run (jupyter, the kernels that
// jupyter_client starts in sessions of their own, the programs of their
// cells) through an environment variable they all inherit, so that KillAll
// finds them all, and nothing else, when the run must stop.
type RunMark struct{ id string }

// NewRunMark returns a fresh, random mark.
func NewRunMark() (RunMark, error) {
	b := make([]byte, 12)
	if _, err := rand.Read(b); err != nil {
		return RunMark{}, fmt.Errorf("notebook: run mark: %w", err)
	}
	return RunMark{hex.EncodeToString(b)}, nil
}

// Env is the NAME=value entry to add to the run's environment.
func (m RunMark) Env() string { return RunMarkVar + "=" + m.id }

// KillAll sends SIGKILL to every process carrying the mark, other than this
// one, and removes the scratch folders of the GoNB kernels it killed (which
// a killed kernel cannot). It reads /proc, so it does nothing where there is
// none.
func (m RunMark) KillAll() {
	if m.id == "" {
		return
	}
	var scratch []string
	defer func() {
		for _, dir := range scratch {
			os.RemoveAll(dir)
		}
	}()
	for _, pid := range ProcessesWithEnv(m.Env()) {
		// Read the environment first: a killed process may no longer show it.
		env, err := os.ReadFile(filepath.Join("/proc", strconv.Itoa(pid), "environ"))
		_ = syscall.Kill(pid, syscall.SIGKILL)
		if err != nil {
			continue
		}
		if dir := gonbScratchDir(append(append([]byte{0}, env...), 0)); dir != "" {
			scratch = append(scratch, dir)
		}
	}
}

// ProcessesWithEnv returns the ids of the processes, other than this one,
// whose environment holds the entry kv ("NAME=value"), ascending. It reads
// /proc, so it finds none where there is none.
func ProcessesWithEnv(kv string) []int {
	marker := []byte("\x00" + kv + "\x00")
	self := os.Getpid()
	var pids []int
	dirs, _ := filepath.Glob("/proc/[0-9]*")
	for _, dir := range dirs {
		pid, err := strconv.Atoi(filepath.Base(dir))
		if err != nil || pid == self {
			continue
		}
		env, err := os.ReadFile(filepath.Join(dir, "environ"))
		if err == nil && bytes.Contains(append(append([]byte{0}, env...), 0), marker) {
			pids = append(pids, pid)
		}
	}
	slices.Sort(pids)
	return pids
}

// gonbScratchDir returns the GONB_TMP_DIR of a cell program's environment
// when it is one of GoNB's folders in the temporary folder, and "" otherwise.
func gonbScratchDir(env []byte) string {
	const key = "\x00GONB_TMP_DIR="
	i := bytes.Index(env, []byte(key))
	if i < 0 {
		return ""
	}
	value := env[i+len(key):]
	dir := filepath.Clean(string(value[:bytes.IndexByte(value, 0)]))
	if filepath.Dir(dir) != filepath.Clean(os.TempDir()) || !strings.HasPrefix(filepath.Base(dir), "gonb_") {
		return ""
	}
	return dir
}
