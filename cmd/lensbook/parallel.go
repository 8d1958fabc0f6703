package main

import (
	"flag"
	"fmt"
	"strconv"

	"github.com/lensbook/lensbook/pkg/cryptolens"
)

// parallelFlag registers --parallel: how many requests a walk of the Web
// API Log keeps in flight. "auto", the default (0), lets the walk choose
// from the round trip it measures, up to cryptolens.DefaultParallel; a
// number from 1 to MaxParallel fixes it, 1 for strictly one request at a
// time. Anything else is a flag error, so parseFlags refuses it as a usage
// error.
func parallelFlag(fs *flag.FlagSet) *int {
	var n parallelValue
	fs.Var(&n, "parallel",
		fmt.Sprintf("Web API Log: requests in flight: auto (as many as hide the measured round trip, up to %d) or 1 to %d (1 pages strictly one request at a time)",
			cryptolens.DefaultParallel, cryptolens.MaxParallel))
	return (*int)(&n)
}

// parallelValue is the value of --parallel; 0 is auto.
type parallelValue int

func (p *parallelValue) String() string {
	if p == nil || *p == 0 {
		return "auto"
	}
	return strconv.Itoa(int(*p))
}

func (p *parallelValue) Set(s string) error {
	if s == "auto" {
		*p = 0
		return nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > cryptolens.MaxParallel {
		return fmt.Errorf("--parallel %s: want auto or 1 to %d", s, cryptolens.MaxParallel)
	}
	*p = parallelValue(n)
	return nil
}
