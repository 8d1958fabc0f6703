package main

import (
	"flag"
	"fmt"

	"github.com/lensbook/lensbook/pkg/cryptolens"
)

// parallelFlag registers --parallel: how many requests a walk of the Web
// API Log keeps in flight.
func parallelFlag(fs *flag.FlagSet) *int {
	return fs.Int("parallel", cryptolens.DefaultParallel,
		fmt.Sprintf("Web API Log: requests in flight (1 to %d; 1 pages strictly one request at a time)", cryptolens.MaxParallel))
}

// checkParallel refuses a --parallel outside 1..MaxParallel.
func checkParallel(n int) error {
	if n < 1 || n > cryptolens.MaxParallel {
		return usagef("--parallel %d: want 1 to %d", n, cryptolens.MaxParallel)
	}
	return nil
}
