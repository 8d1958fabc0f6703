package notebook

// SetupCellSource is the canonical first code cell of a lensbook notebook. It
// points the GoNB scratch module at this checkout, so that cells can import
// github.com/lensbook/lensbook/...: at LENSBOOK_ROOT when set (Execute always
// sets it; scripts/env.sh exports it), otherwise at the module enclosing the
// notebook's folder. docs/notebook-setup.md explains it.
const SetupCellSource = `// lensbook setup: makes github.com/lensbook/lensbook/... importable (docs/notebook-setup.md).
!*LENSBOOK_ROOT=${LENSBOOK_ROOT:-$(cd "$GONB_DIR" && go list -m -f '{{.Dir}}' github.com/lensbook/lensbook 2>/dev/null)}; \
  go mod edit -require=github.com/lensbook/lensbook@v0.0.0 \
  -replace=github.com/lensbook/lensbook=${LENSBOOK_ROOT:?not inside a lensbook checkout: set LENSBOOK_ROOT}`
