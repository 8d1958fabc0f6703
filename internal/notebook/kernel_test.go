package notebook

import (
	"os"
	"strings"
	"testing"

	"github.com/lensbook/lensbook/internal/ipynb"
)

// kernelPaths returns the paths of the installed GoNB kernel, skipping the
// test when there is none, unless LENSBOOK_REQUIRE_KERNEL is set (make test
// sets it, so CI never skips silently).
func kernelPaths(t *testing.T) *Paths {
	t.Helper()
	if testing.Short() {
		t.Skip("runs the GoNB kernel: skipped with -short")
	}
	p, err := FindPaths()
	if err != nil {
		t.Fatal(err)
	}
	if ok, why := p.KernelInstalled(); !ok {
		if os.Getenv("LENSBOOK_REQUIRE_KERNEL") != "" {
			t.Fatalf("LENSBOOK_REQUIRE_KERNEL is set but %s", why)
		}
		t.Skipf("GoNB kernel not installed: %s (run make setup; make test sets LENSBOOK_REQUIRE_KERNEL=1 to fail instead)", why)
	}
	return &p
}

// stdout joins the stdout stream outputs of cell i (0-based).
func stdout(nb *ipynb.Notebook, i int) string {
	var b strings.Builder
	for _, o := range nb.Cells[i].Outputs {
		if o.OutputType == "stream" && o.Name == "stdout" {
			b.WriteString(string(o.Text))
		}
	}
	return b.String()
}
