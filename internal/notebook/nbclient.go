package notebook

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
)

// nbclientScript executes a notebook the way `jupyter nbconvert --to
// notebook --execute --allow-errors` does, through nbclient (which
// nbconvert itself calls), without nbconvert: Python then imports
// nbformat, nbclient and jupyter_client alone, not nbconvert's exporters,
// templates and filters, which saves about a second of start per notebook
// on a loaded machine. The kernel is shut down at once after the last cell
// ("immediate"): GoNB's graceful shutdown takes about a second and leaves
// nothing the run does not remove (its scratch folder is in the run's
// TMPDIR, and Execute kills every process of the run).
//
// Arguments: the notebook, the executed notebook to write, the kernel name
// and the per-cell timeout in seconds. The kernel starts in the notebook's
// folder, as with nbconvert.
const nbclientScript = `
import os, sys
import nbformat
from nbclient import NotebookClient

src, out, kernel, timeout = sys.argv[1:5]
nb = nbformat.read(src, as_version=4)
client = NotebookClient(
    nb, timeout=int(timeout), kernel_name=kernel, allow_errors=True,
    record_timing=False, shutdown_kernel="immediate",
    resources={"metadata": {"path": os.path.dirname(os.path.abspath(src))}})
client.execute()
nbformat.write(nb, out)
`

// nbclientPython returns the Python of the jupyter command (from its #!
// line), when that Python has nbclient; "" otherwise, and Execute then
// runs nbconvert.
func nbclientPython(jupyter string) string {
	path, err := exec.LookPath(jupyter)
	if err != nil {
		return ""
	}
	f, err := os.Open(path)
	if err != nil {
		return ""
	}
	defer f.Close()
	line, _ := bufio.NewReader(f).ReadString('\n')
	interp, ok := strings.CutPrefix(strings.TrimSpace(line), "#!")
	if !ok {
		return ""
	}
	fields := strings.Fields(interp)
	if len(fields) == 0 || !strings.HasPrefix(filepath.Base(fields[0]), "python") {
		return ""
	}
	python := fields[0]
	pythons.Lock()
	defer pythons.Unlock()
	has, seen := pythons.hasNBClient[python]
	if !seen {
		has = exec.Command(python, "-c", "import nbclient, nbformat").Run() == nil
		if pythons.hasNBClient == nil {
			pythons.hasNBClient = map[string]bool{}
		}
		pythons.hasNBClient[python] = has
	}
	if !has {
		return ""
	}
	return python
}

// pythons remembers which Pythons have nbclient, asked once per process.
var pythons struct {
	sync.Mutex
	hasNBClient map[string]bool
}

// nbclientCommand is the command that executes input into output with the
// kernel: nbclientScript under the jupyter command's Python when it has
// nbclient, else nbconvert (also when LENSBOOK_NBCONVERT=1, to compare).
func nbclientCommand(paths Paths, input, output string, cellTimeout int) *exec.Cmd {
	if python := nbclientPython(paths.Jupyter); python != "" && os.Getenv("LENSBOOK_NBCONVERT") != "1" {
		return exec.Command(python, "-c", nbclientScript, input, output, kernelName, strconv.Itoa(cellTimeout))
	}
	return exec.Command(paths.Jupyter, "nbconvert",
		"--to", "notebook", "--execute", "--allow-errors",
		"--ExecutePreprocessor.timeout="+strconv.Itoa(cellTimeout),
		"--ExecutePreprocessor.kernel_name="+kernelName,
		"--ExecutePreprocessor.record_timing=False", // no timestamps in cell metadata: same run, same notebook
		"--ExecutePreprocessor.shutdown_kernel=immediate",
		"--output-dir", filepath.Dir(output), "--output", filepath.Base(output),
		input)
}
