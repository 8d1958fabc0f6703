package notebook

import "strings"

// SetupCellSource is the canonical first code cell of a lensbook notebook. It
// points the GoNB scratch module at this checkout, so that cells can import
// github.com/lensbook/lensbook/...: at LENSBOOK_ROOT when set (Execute always
// sets it; scripts/env.sh exports it), otherwise at the module enclosing the
// notebook's folder. docs/notebook-setup.md explains it.
const SetupCellSource = `// lensbook setup: makes github.com/lensbook/lensbook/... importable (docs/notebook-setup.md).
!*LENSBOOK_ROOT=${LENSBOOK_ROOT:-$(cd "$GONB_DIR" && go list -m -f '{{.Dir}}' github.com/lensbook/lensbook 2>/dev/null)}; \
  go mod edit -require=github.com/lensbook/lensbook@v0.0.0 \
  "-replace=github.com/lensbook/lensbook=${LENSBOOK_ROOT:?not inside a lensbook checkout: set LENSBOOK_ROOT}"`

// legacySetupCellSource is the first published setup cell, which did not
// quote the -replace argument (a checkout path with spaces breaks it).
const legacySetupCellSource = `// lensbook setup: makes github.com/lensbook/lensbook/... importable (docs/notebook-setup.md).
!*LENSBOOK_ROOT=${LENSBOOK_ROOT:-$(cd "$GONB_DIR" && go list -m -f '{{.Dir}}' github.com/lensbook/lensbook 2>/dev/null)}; \
  go mod edit -require=github.com/lensbook/lensbook@v0.0.0 \
  -replace=github.com/lensbook/lensbook=${LENSBOOK_ROOT:?not inside a lensbook checkout: set LENSBOOK_ROOT}`

// IsSetupCell reports whether a cell's source is the setup cell
// (SetupCellSource, or its first, unquoted version), ignoring surrounding
// blank space.
func IsSetupCell(source string) bool {
	s := strings.TrimSpace(source)
	return s == SetupCellSource || s == legacySetupCellSource
}
