package notebook

import (
	"testing"
	"time"

	"github.com/lensbook/lensbook/internal/ipynb"
)

// BenchmarkExecuteWarm measures one warm run of a small notebook (kernel
// start, setup cell, one cell importing a lensbook package): the fixed cost
// every rendered notebook pays. About 4-5 s on 2 idle cores.
func BenchmarkExecuteWarm(b *testing.B) {
	if testing.Short() {
		b.Skip("runs the GoNB kernel")
	}
	p, err := FindPaths()
	if err != nil {
		b.Fatal(err)
	}
	if ok, why := p.KernelInstalled(); !ok {
		b.Skip(why)
	}
	for b.Loop() {
		res, err := Execute(b.Context(), "testdata/hello.ipynb", ExecOptions{Paths: &p, Timeout: 5 * time.Minute})
		if err != nil {
			b.Fatal(err)
		}
		if err := res.Err(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCheck measures checking a notebook with outputs.
func BenchmarkCheck(b *testing.B) {
	nb, err := ipynb.ReadFile("testdata/executed-failures.ipynb")
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if len(Check(nb)) == 0 {
			b.Fatal("no problems found")
		}
	}
}
