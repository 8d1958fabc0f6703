package notebook

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/lensbook/lensbook/internal/ipynb"
)

// RunDirPrefix starts the name of each run's folder in the temporary folder.
const RunDirPrefix = "lensbook-run-"

// RunCopyPrefix starts the name of the hidden copy of a notebook that a run
// with parameters writes beside it (so that the kernel starts in the
// notebook's folder).
const RunCopyPrefix = ".lensbook-run-"

// kernelName is the kernelspec each run installs in its own folder, first
// on JUPYTER_PATH: the installed GoNB kernel, wrapped by kernelWrapper.
const kernelName = "gonb"

// kernelWrapper runs the kernel ("$@") in the background and, when the
// kernel ends or the wrapper gets SIGTERM (its parent-death signal, set by
// setpriv: nbconvert has died), kills its whole process group: the wrapper
// leads it (jupyter_client starts kernels in a session of their own), and
// the kernel, its go builds and the programs of its cells are all in it.
const kernelWrapper = `trap 'kill -KILL 0' TERM HUP
"$@" &
wait $!
kill -KILL 0
`

// runFiles is the folder of one run, RunDirPrefix*, in the temporary
// folder: an "owner" file naming the process that made it (pid and start
// time) and the hidden copy of the notebook, the kernelspec, the kernel's
// TMPDIR (GoNB's scratch modules), Jupyter's runtime folder and nbconvert's
// output. Removing it removes everything of the run.
type runFiles struct {
	dir string
}

// newRun creates the folder of a run and its wrapped kernelspec.
func newRun(paths Paths) (*runFiles, error) {
	dir, err := os.MkdirTemp("", RunDirPrefix)
	if err != nil {
		return nil, fmt.Errorf("creating the run's folder: %w", err)
	}
	r := &runFiles{dir: dir}
	fail := func(err error) (*runFiles, error) {
		r.remove()
		return nil, fmt.Errorf("preparing the run in %s: %w", dir, err)
	}
	start, err := processStart(os.Getpid())
	if err != nil {
		start = "unknown" // no /proc: CleanDeadRuns then leaves the run alone
	}
	if err := os.WriteFile(filepath.Join(dir, "owner"), fmt.Appendf(nil, "pid %d %s\n", os.Getpid(), start), 0o600); err != nil {
		return fail(err)
	}
	for _, sub := range []string{"tmp", "runtime", "out"} {
		if err := os.Mkdir(filepath.Join(dir, sub), 0o700); err != nil {
			return fail(err)
		}
	}
	if err := r.writeKernelSpec(paths); err != nil {
		return fail(err)
	}
	return r, nil
}

// writeKernelSpec copies the installed GoNB kernelspec into the run's
// Jupyter path, its command wrapped so that the kernel's process group dies
// with nbconvert.
func (r *runFiles) writeKernelSpec(paths Paths) error {
	data, err := os.ReadFile(paths.KernelSpec())
	if err != nil {
		return err
	}
	var spec map[string]any
	if err := json.Unmarshal(data, &spec); err != nil {
		return fmt.Errorf("%s: %w", paths.KernelSpec(), err)
	}
	argv, _ := spec["argv"].([]any)
	if len(argv) == 0 {
		return fmt.Errorf("%s: no argv", paths.KernelSpec())
	}
	wrapped := []any{"/bin/sh", "-c", kernelWrapper, "lensbook-kernel"}
	if setpriv, err := exec.LookPath("setpriv"); err == nil {
		wrapped = append([]any{setpriv, "--pdeathsig", "TERM"}, wrapped...)
	}
	spec = maps.Clone(spec)
	spec["argv"] = append(wrapped, argv...)
	out, err := json.MarshalIndent(spec, "", " ")
	if err != nil {
		return err
	}
	dir := filepath.Join(r.dir, "jupyter", "kernels", kernelName)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "kernel.json"), out, 0o600)
}

// env adds to extra the variables that keep the run's files in its folder.
func (r *runFiles) env(extra map[string]string) map[string]string {
	env := maps.Clone(extra)
	if env == nil {
		env = map[string]string{}
	}
	jupyterPath := filepath.Join(r.dir, "jupyter")
	if p := os.Getenv("JUPYTER_PATH"); p != "" {
		jupyterPath += string(os.PathListSeparator) + p
	}
	env["JUPYTER_PATH"] = jupyterPath
	env["JUPYTER_RUNTIME_DIR"] = filepath.Join(r.dir, "runtime")
	env["TMPDIR"] = filepath.Join(r.dir, "tmp")
	return env
}

// output is where nbconvert writes the executed notebook.
func (r *runFiles) output() string { return filepath.Join(r.dir, "out", "executed.ipynb") }

// writeCopy writes nb as a hidden copy beside the notebook at path, so that
// the kernel starts in the same folder ($GONB_DIR), or in the run's folder
// when that one is not writable (the setup cell then relies on
// LENSBOOK_ROOT), and records it in the owner file.
func (r *runFiles) writeCopy(path string, nb *ipynb.Notebook) (string, error) {
	data, err := nb.Marshal()
	if err != nil {
		return "", fmt.Errorf("notebook %s: %w", path, err)
	}
	name := RunCopyPrefix + strings.ReplaceAll(strings.TrimSuffix(filepath.Base(path), ".ipynb"), "*", "_") + "-*.ipynb"
	f, err := os.CreateTemp(filepath.Dir(path), name)
	if err != nil {
		if f, err = os.CreateTemp(r.dir, name); err != nil {
			return "", fmt.Errorf("notebook %s: writing the copy to run: %w", path, err)
		}
	}
	if err := appendLine(filepath.Join(r.dir, "owner"), "copy "+f.Name()); err != nil {
		f.Close()
		os.Remove(f.Name())
		return "", fmt.Errorf("notebook %s: %w", path, err)
	}
	_, werr := f.Write(data)
	if cerr := f.Close(); werr == nil {
		werr = cerr
	}
	if werr != nil {
		return "", fmt.Errorf("notebook %s: writing the copy to run: %w", path, werr)
	}
	return f.Name(), nil
}

// remove deletes the run's files: its copy and its folder.
func (r *runFiles) remove() {
	removeRun(r.dir)
}

// removeRun deletes the copy recorded in a run folder's owner file, then
// the folder.
func removeRun(dir string) {
	if data, err := os.ReadFile(filepath.Join(dir, "owner")); err == nil {
		for line := range strings.Lines(string(data)) {
			if p, ok := strings.CutPrefix(strings.TrimSpace(line), "copy "); ok && strings.HasPrefix(filepath.Base(p), RunCopyPrefix) {
				os.Remove(p)
			}
		}
	}
	os.RemoveAll(dir)
}

// CleanDeadRuns removes the files of runs whose process is gone (killed
// before it could clean up): their hidden notebook copies and their folders
// in the temporary folder. It returns the folders removed. Runs of live
// processes, this one's included, are left alone. Execute calls it first.
func CleanDeadRuns() []string {
	dirs, _ := filepath.Glob(filepath.Join(os.TempDir(), RunDirPrefix+"*"))
	var removed []string
	for _, dir := range dirs {
		data, err := os.ReadFile(filepath.Join(dir, "owner"))
		if err != nil {
			continue // not one of ours, or still being created
		}
		var pid int
		var start string
		if _, err := fmt.Sscanf(string(data), "pid %d %s", &pid, &start); err != nil {
			continue
		}
		if now, err := processStart(pid); start == "unknown" || err == nil && now == start {
			continue // still running, or cannot tell
		}
		removeRun(dir)
		removed = append(removed, dir)
	}
	return removed
}

// processStart returns the start time of a process (field 22 of
// /proc/PID/stat, in clock ticks since boot): with the pid, it names one
// process, even after the pid is reused.
func processStart(pid int) (string, error) {
	data, err := os.ReadFile(filepath.Join("/proc", strconv.Itoa(pid), "stat"))
	if err != nil {
		return "", err
	}
	// The command name (field 2) is in parentheses and may hold spaces.
	i := bytes.LastIndexByte(data, ')')
	if i < 0 {
		return "", fmt.Errorf("process %d: unreadable stat", pid)
	}
	fields := strings.Fields(string(data[i+1:]))
	if len(fields) < 20 {
		return "", fmt.Errorf("process %d: unreadable stat", pid)
	}
	return fields[19], nil
}

func appendLine(path, line string) error {
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	w.WriteString(line + "\n")
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
