// Package notebook executes lensbook's GoNB notebooks headlessly and checks
// them.
//
// Execute runs one notebook through `jupyter nbconvert --execute` with the
// GoNB kernel that scripts/setup.sh installs under .build, kills it at a
// timeout, and returns the executed notebook with every failure found in it:
// error outputs, cells that never ran, and `exit status N` lines that a failing
// shell command (`!cmd`) leaves on stderr. InjectParameters and Parameters work
// with the cell tagged "parameters"; Check and Strip keep committed notebooks
// clean. SetupCellSource is the canonical first code cell that makes
// github.com/lensbook/lensbook/... importable from a notebook (see
// docs/notebook-setup.md).
package notebook
