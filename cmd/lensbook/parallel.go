package main

import (
	"flag"
	"fmt"
	"strconv"

	"github.com/lensbook/lensbook/pkg/cryptolens"
)

// parallelFlag registers --parallel: how many requests a walk of the Web
// API Log keeps in flight. A value outside 1..MaxParallel is a flag error,
// so parseFlags refuses it as a usage error.
func parallelFlag(fs *flag.FlagSet) *int {
	n := parallelValue(cryptolens.DefaultParallel)
	fs.Var(&n, "parallel",
		fmt.Sprintf("Web API Log: requests in flight (1 to %d; 1 pages strictly one request at a time)", cryptolens.MaxParallel))
	return (*int)(&n)
}

// parallelValue is the value of --parallel.
type parallelValue int

func (p *parallelValue) String() string { return strconv.Itoa(int(*p)) }

func (p *parallelValue) Set(s string) error {
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > cryptolens.MaxParallel {
		return fmt.Errorf("--parallel %s: want 1 to %d", s, cryptolens.MaxParallel)
	}
	*p = parallelValue(n)
	return nil
}
