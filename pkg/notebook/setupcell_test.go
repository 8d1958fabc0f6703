package notebook

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/lensbook/lensbook/pkg/ipynb"
)

// offlineEnv is an environment with no way to reach a module proxy or a
// checksum database: GOPROXY=off forbids downloads, and GOSUMDB names a
// checksum database that exists nowhere (a verifier key of our own, served
// by nothing on 127.0.0.1:9), so any module whose checksum is not in the
// scratch module's go.sum fails, even if the host's sum.golang.org cache
// knows it.
var offlineEnv = map[string]string{
	"GOPROXY":     "off",
	"GOFLAGS":     "-mod=mod",
	"GOTOOLCHAIN": "local",
	"GOSUMDB":     "sumdb.lensbook.invalid+339f65ec+AQkvL7XywwlChJFueLC1IInqqCacnHRH0/M0NzE6UWSy http://127.0.0.1:9",
}

// The setup cell gives the scratch module the project's go.sum: a notebook
// importing pinned modules (Gota, gonum/plot, gonbui) runs with no proxy and
// no checksum database, from the module cache alone.
func TestSetupCellRunsOffline(t *testing.T) {
	paths := kernelPaths(t)
	t.Parallel()
	res, err := Execute(t.Context(), "testdata/offline.ipynb", ExecOptions{Paths: paths, Timeout: 3 * time.Minute, Env: offlineEnv})
	if err != nil {
		t.Fatal(err)
	}
	if err := res.Err(); err != nil {
		t.Fatalf("cells failed offline: %v", err)
	}
	if got, want := stdout(res.Notebook, 2), "rows=3 title=offline fields=11\n"; got != want {
		t.Errorf("cell 3 stdout = %q, want %q", got, want)
	}
}

// The setup cell before go.sum was carried over asks the checksum database
// for every pinned module, so the same notebook fails offline: this is what
// TestSetupCellRunsOffline guards against.
func TestLegacySetupCellNeedsTheChecksumDatabase(t *testing.T) {
	paths := kernelPaths(t)
	t.Parallel()
	nb, err := ipynb.ReadFile("testdata/offline.ipynb")
	if err != nil {
		t.Fatal(err)
	}
	nb.Cells[1].Source = ipynb.MultilineText(legacySetupCellSources[1])
	path := filepath.Join(t.TempDir(), "offline-legacy.ipynb")
	if err := nb.WriteFile(path); err != nil {
		t.Fatal(err)
	}
	res, err := Execute(t.Context(), path, ExecOptions{Paths: paths, Timeout: 3 * time.Minute, Env: offlineEnv})
	if err != nil {
		t.Fatal(err)
	}
	err = res.Err()
	if err == nil || !strings.Contains(err.Error(), "verifying module") {
		t.Fatalf("legacy setup cell offline: err = %v, want a checksum verification failure", err)
	}
}

// Every committed notebook starts with the current setup cell, not an
// earlier one that IsSetupCell still accepts.
func TestCommittedNotebooksUseTheCurrentSetupCell(t *testing.T) {
	paths, err := FindPaths()
	if err != nil {
		t.Fatal(err)
	}
	files, err := filepath.Glob(filepath.Join(paths.Root, "notebooks", "*.ipynb"))
	if err != nil {
		t.Fatal(err)
	}
	files = append(files, "testdata/offline.ipynb", "testdata/hello.ipynb")
	for _, f := range files {
		if strings.HasPrefix(filepath.Base(f), ".") {
			continue
		}
		nb, err := ipynb.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, c := range nb.Cells {
			if c.CellType == "code" {
				if got := strings.TrimSpace(string(c.Source)); got != SetupCellSource {
					t.Errorf("%s: first code cell is not notebook.SetupCellSource:\n%s", filepath.Base(f), got)
				}
				found = true
				break
			}
		}
		if !found {
			t.Errorf("%s: no code cell", filepath.Base(f))
		}
	}
	if _, err := os.Stat(filepath.Join(paths.Root, "go.sum")); err != nil {
		t.Errorf("the setup cell reads the checkout's go.sum: %v", err)
	}
}
