package notebook

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"syscall"
)

// runEnvVar marks every process of one Execute run (nbconvert, the kernel,
// which jupyter_client starts in a session of its own, and the programs of
// its cells), so that killRun finds them all and nothing else.
const runEnvVar = "LENSBOOK_EXEC_ID"

// killRun kills every process whose environment carries the run's marker.
func killRun(runID string) {
	marker := []byte("\x00" + runEnvVar + "=" + runID + "\x00")
	self := os.Getpid()
	dirs, _ := filepath.Glob("/proc/[0-9]*")
	for _, dir := range dirs {
		pid, err := strconv.Atoi(filepath.Base(dir))
		if err != nil || pid == self {
			continue
		}
		env, err := os.ReadFile(filepath.Join(dir, "environ"))
		if err != nil || !bytes.Contains(append(append([]byte{0}, env...), 0), marker) {
			continue
		}
		_ = syscall.Kill(pid, syscall.SIGKILL)
	}
}
