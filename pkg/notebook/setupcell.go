package notebook

import "strings"

// SetupCellSource is the canonical first code cell of a lensbook notebook. It
// points the GoNB scratch module at this checkout, so that cells can import
// github.com/lensbook/lensbook/...: at LENSBOOK_ROOT when set (Execute always
// sets it; scripts/env.sh exports it), otherwise at the module enclosing the
// notebook's folder. It also gives the scratch module the checkout's go.sum,
// so that the modules the project pins are verified against the project's
// own checksums and a notebook runs with no network at all when the module
// cache holds them. docs/notebook-setup.md explains it.
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
