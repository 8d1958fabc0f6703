// Package kerneltest gives tests that execute notebooks the installed GoNB
// kernel, as net/http/httptest gives servers to tests of HTTP code.
package kerneltest

import (
	"os"
	"testing"

	"github.com/lensbook/lensbook/internal/notebook"
)

// RequireEnv names the environment variable that turns a missing kernel from
// a skip into a failure; make test sets it, so CI never skips silently.
const RequireEnv = "LENSBOOK_REQUIRE_KERNEL"

// Paths returns the paths of the installed GoNB kernel. It skips the test
// under -short, and when no kernel is installed, unless RequireEnv is set, in
// which case a missing kernel fails the test.
func Paths(t testing.TB) *notebook.Paths {
	t.Helper()
	if testing.Short() {
		t.Skip("runs the GoNB kernel: skipped with -short")
	}
	p, err := notebook.FindPaths()
	why := ""
	if err != nil {
		why = err.Error()
	} else if ok, reason := p.KernelInstalled(); !ok {
		why = reason
	}
	if why != "" {
		if os.Getenv(RequireEnv) != "" {
			t.Fatalf("%s is set but %s", RequireEnv, why)
		}
		t.Skipf("GoNB kernel not installed: %s (run make setup; make test sets %s=1 to fail instead)", why, RequireEnv)
	}
	return &p
}
