package notebook

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
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
// one. It reads /proc, so it does nothing where there is none.
func (m RunMark) KillAll() {
	if m.id == "" {
		return
	}
	marker := []byte("\x00" + m.Env() + "\x00")
	self := os.Getpid()
	dirs, _ := filepath.Glob("/proc/[0-9]*")
	for _, dir := range dirs {
		pid, err := strconv.Atoi(filepath.Base(dir))
		if err != nil || pid == self {
			continue
		}
		env, err := os.ReadFile(filepath.Join(dir, "environ"))
		if err != nil {
			continue
		}
		if bytes.Contains(append(append([]byte{0}, env...), 0), marker) {
			_ = syscall.Kill(pid, syscall.SIGKILL)
		}
	}
}
