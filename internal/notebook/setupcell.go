package notebook

import "strings"

// SetupCellSource is the setup cell that lensbook notebooks carried as their
// first code cell before the kernel made it unnecessary. Notebooks need no
// setup cell now: scripts/setup.sh registers the GoNB kernel through
// scripts/gonb-kernel.sh, which starts every notebook's scratch module with a
// go.work that uses the checkout (LENSBOOK_ROOT when set, else the checkout
// the kernel was installed from), so cells import github.com/lensbook/lensbook/...
// and the checkout's go.sum verifies the pinned modules, with no network.
//
// A notebook that still has this cell (or one of its earlier versions) runs
// unchanged, and internal/publish hides the cell on pages (IsSetupCell).
// docs/notebook-setup.md explains it.
const SetupCellSource = `// lensbook setup: makes github.com/lensbook/lensbook/... importable (docs/notebook-setup.md).
!*LENSBOOK_ROOT=${LENSBOOK_ROOT:-$(cd "$GONB_DIR" && go list -m -f '{{.Dir}}' github.com/lensbook/lensbook 2>/dev/null)}; \
  go mod edit -require=github.com/lensbook/lensbook@v0.0.0 \
  "-replace=github.com/lensbook/lensbook=${LENSBOOK_ROOT:?not inside a lensbook checkout: set LENSBOOK_ROOT}" && \
  cat "$LENSBOOK_ROOT/go.sum" >>go.sum`

// legacySetupCellSources are the earlier published setup cells, still
// recognised (and hidden on pages): the first did not quote the -replace
// argument (a checkout path with spaces breaks it); neither gave the scratch
// module the project's go.sum, so each run asked the checksum database.
var legacySetupCellSources = []string{
	`// lensbook setup: makes github.com/lensbook/lensbook/... importable (docs/notebook-setup.md).
!*LENSBOOK_ROOT=${LENSBOOK_ROOT:-$(cd "$GONB_DIR" && go list -m -f '{{.Dir}}' github.com/lensbook/lensbook 2>/dev/null)}; \
  go mod edit -require=github.com/lensbook/lensbook@v0.0.0 \
  -replace=github.com/lensbook/lensbook=${LENSBOOK_ROOT:?not inside a lensbook checkout: set LENSBOOK_ROOT}`,
	`// lensbook setup: makes github.com/lensbook/lensbook/... importable (docs/notebook-setup.md).
!*LENSBOOK_ROOT=${LENSBOOK_ROOT:-$(cd "$GONB_DIR" && go list -m -f '{{.Dir}}' github.com/lensbook/lensbook 2>/dev/null)}; \
  go mod edit -require=github.com/lensbook/lensbook@v0.0.0 \
  "-replace=github.com/lensbook/lensbook=${LENSBOOK_ROOT:?not inside a lensbook checkout: set LENSBOOK_ROOT}"`,
}

// IsSetupCell reports whether a cell's source is the setup cell
// (SetupCellSource, or one of its earlier versions), ignoring surrounding
// blank space.
func IsSetupCell(source string) bool {
	s := strings.TrimSpace(source)
	if s == SetupCellSource {
		return true
	}
	for _, legacy := range legacySetupCellSources {
		if s == legacy {
			return true
		}
	}
	return false
}
