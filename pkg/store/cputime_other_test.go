//go:build !unix

package store

import "time"

// CPUTime is unknown here; cpu-ns/row then reads 0.
func CPUTime() time.Duration { return 0 }
