//go:build unix

package store

import (
	"syscall"
	"time"
)

// CPUTime is the process's user and system CPU time so far: on a busy
// machine, rows per CPU second says more than rows per second.
func CPUTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
