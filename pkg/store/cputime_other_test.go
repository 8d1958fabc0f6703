//go:build !unix

package store_test

import "time"

// cpuTime is unknown here; cpu-ns/row then reads 0.
func cpuTime() time.Duration { return 0 }
