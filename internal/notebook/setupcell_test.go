package notebook

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/lensbook/lensbook/internal/ipynb"
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

// A notebook needs no setup cell: the kernel's go.work (scripts/gonb-kernel.sh)
// gives its scratch module the checkout and the checkout's go.sum, so a
// notebook importing pinned modules (Gota, gonum/plot, gonbui) and a lensbook
// package runs with no proxy and no checksum database, from the module cache
// alone. (GOFLAGS=-mod=mod, which workspace mode refuses, is dropped by the
// kernel's start script.)
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
	if got, want := stdout(res.Notebook, 1), "rows=3 title=offline fields=11\n"; got != want {
		t.Errorf("cell 2 stdout = %q, want %q", got, want)
	}
}

// A notebook written with the earlier setup cell still runs offline under the
// kernel's go.work, and its setup cell is still recognised (and hidden on
// pages).
func TestOldSetupCellStillRunsOffline(t *testing.T) {
	paths := kernelPaths(t)
	t.Parallel()
	nb, err := ipynb.ReadFile("testdata/offline.ipynb")
	if err != nil {
		t.Fatal(err)
	}
	setup := ipynb.Cell{CellType: "code", ID: "setup", Metadata: map[string]any{}, Source: ipynb.MultilineText(SetupCellSource)}
	nb.Cells = append([]ipynb.Cell{nb.Cells[0], setup}, nb.Cells[1:]...)
	path := filepath.Join(t.TempDir(), "offline-setup-cell.ipynb")
	if err := nb.WriteFile(path); err != nil {
		t.Fatal(err)
	}
	res, err := Execute(t.Context(), path, ExecOptions{Paths: paths, Timeout: 3 * time.Minute, Env: offlineEnv})
	if err != nil {
		t.Fatal(err)
	}
	if err := res.Err(); err != nil {
		t.Fatalf("a notebook with the old setup cell failed offline: %v", err)
	}
	if got, want := stdout(res.Notebook, 2), "rows=3 title=offline fields=11\n"; got != want {
		t.Errorf("cell 3 stdout = %q, want %q", got, want)
	}
}

// No committed notebook carries a setup cell: the kernel makes lensbook
// importable.
func TestCommittedNotebooksHaveNoSetupCell(t *testing.T) {
	paths, err := FindPaths()
	if err != nil {
		t.Fatal(err)
	}
	files, err := List(filepath.Join(paths.Root, "notebooks"))
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
		for i, c := range nb.Cells {
			src := string(c.Source)
			if c.CellType == "code" && (IsSetupCell(src) || strings.Contains(src, "go mod edit")) {
				t.Errorf("%s: cell %d is a setup cell; delete it (docs/notebook-setup.md)", filepath.Base(f), i+1)
			}
		}
	}
}

// A cell that imports a module the checkout pins (Gota) runs whatever proxy
// the environment names, even one that answers nothing: the kernel looks
// modules up in the module cache only (scripts/gonb-kernel.sh sets
// GOPROXY=off), where GoNB's `go get` would otherwise ask the proxy for a
// module the scratch module does not require.
func TestKernelNeedsNoModuleProxy(t *testing.T) {
	paths := kernelPaths(t)
	t.Parallel()
	res, err := Execute(t.Context(), "testdata/offline.ipynb", ExecOptions{Paths: paths, Timeout: 3 * time.Minute,
		Env: map[string]string{"GOPROXY": "http://127.0.0.1:9/no-proxy-here"}})
	if err != nil {
		t.Fatal(err)
	}
	if err := res.Err(); err != nil {
		t.Fatalf("cells failed with an unreachable proxy: %v", err)
	}
	if got, want := stdout(res.Notebook, 1), "rows=3 title=offline fields=11\n"; got != want {
		t.Errorf("cell 2 stdout = %q, want %q", got, want)
	}
}
