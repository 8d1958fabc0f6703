// Package notebook executes lensbook's GoNB notebooks headlessly and checks
// them.
//
// Execute runs one notebook through nbclient, as `jupyter nbconvert
// --execute` does but without nbconvert's start-up (nbconvert when Jupyter's
// Python has no nbclient), with the GoNB kernel that scripts/setup.sh
// installs under .build, kills it at a timeout, and returns the executed notebook with every failure found in it:
// error outputs, cells that never ran, and `exit status N` lines that a failing
// shell command (`!cmd`) leaves on stderr. Failures name a cell by its
// number in the notebook as committed and its section heading
// ("cell 5 (Fetch the window)"), and a Go panic by its message alone.
//
// Parameters lists the parameters of the cell tagged "parameters": its
// variables, and the fields of the report.Params literal the session opens
// on (SessionFields: days, productID, asOf, key); Bind parses and checks
// command-line values against them once (an unknown name, a bad value or an
// empty window wraps ErrParam), and InjectValues writes them into the
// notebook (InjectParameters does both). A cell that fails because the
// kernel's module cache lacks a module says which, and that `make setup`
// fills it.
//
// Cells call lensbook's packages without importing them; so that GoNB's
// goimports does not walk the module cache for each cell, Execute puts a
// file naming those packages beside every cell's program (imports.go). With
// ExecOptions.Timings, Result.Timings says where the run's time went.
//
// Nothing of a run outlives it: the Jupyter client runs in its own process
// group with a parent-death signal, the kernel's process group dies with it, and
// CleanDeadRuns (called by Execute) removes the files of runs whose process
// was killed. Check and Strip keep committed notebooks
// clean. Notebooks need no setup cell: the kernel that scripts/setup.sh
// registers starts each notebook with a go.work using the checkout, so
// cells import github.com/lensbook/lensbook/... (docs/notebook-setup.md);
// SetupCellSource is the setup cell older notebooks still carry.
package notebook
