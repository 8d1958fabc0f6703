package notebook

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/lensbook/lensbook/internal/ipynb"
	"github.com/lensbook/lensbook/internal/secret"
)

// DefaultTimeout bounds an execution when ExecOptions.Timeout is zero.
const DefaultTimeout = 10 * time.Minute

// ErrTimeout is wrapped by Execute's error when the notebook did not finish
// within its timeout.
var ErrTimeout = errors.New("timed out")

// ErrTokenLeak is wrapped by Execute's error when the access token appears in
// the executed notebook.
var ErrTokenLeak = errors.New("the access token appears in the executed notebook")

// ExecOptions configures Execute.
type ExecOptions struct {
	// Timeout bounds the whole execution, kernel start included; at the
	// deadline the run is killed. Zero means DefaultTimeout.
	Timeout time.Duration
	// Env is added to the environment of nbconvert and so of the kernel
	// and every cell: CRYPTOLENS_BASE_URL, CRYPTOLENS_TOKEN, LENSBOOK_AS_OF...
	Env map[string]string
	// Notebook, when set, is the notebook to run, already read from path
	// (and given its parameters with InjectValues): Execute then does not
	// read path again, which only names the notebook and its folder.
	Notebook *ipynb.Notebook
	// Params are parsed and checked with Bind and injected with
	// InjectValues before the run; an error wraps ErrParam.
	Params map[string]string
	// Declared, with Notebook, are the notebook's parameters with the
	// values its caller bound and injected (WithValues): Execute returns
	// them as Result.Params instead of reading the parameters cells again.
	// publish binds every notebook's values once per render and sets it.
	Declared []Param
	// Redactor holds the secrets that must not appear in the executed
	// notebook or in an error: the account's (credentials.Credentials.Redactor),
	// built once by the caller and passed down. Nil means none.
	Redactor *secret.Redactor
	// Paths locates the kernel and jupyter; nil means FindPaths().
	Paths *Paths
	// Timings, when set, makes Result.Timings say where the run's time
	// went (see Timings). The executed notebook is the same as without.
	Timings bool
}

// Result is an executed notebook and what failed in it.
type Result struct {
	// Notebook is the executed notebook, with outputs. Its cells are those
	// of the notebook as committed, in the same places (the cell holding
	// injected parameters is removed after the run), and each failed cell's
	// error output says what its Failure says, without a goroutine dump.
	Notebook *ipynb.Notebook
	Failures []Failure     // failed cells, in cell order; empty when all ran cleanly
	Params   []Param       // the parameters the notebook ran with
	Duration time.Duration // wall time of the run
	Timings  *Timings      // where the time went, with ExecOptions.Timings; else nil
}

// OK reports whether every cell ran without failing.
func (r *Result) OK() bool { return len(r.Failures) == 0 }

// Err is nil when every cell ran cleanly, and otherwise an error naming the
// first failed cell and its error (and how many more failed).
func (r *Result) Err() error {
	switch len(r.Failures) {
	case 0:
		return nil
	case 1:
		return errors.New(r.Failures[0].String())
	}
	return fmt.Errorf("%s (and %d more failed cells)", r.Failures[0], len(r.Failures)-1)
}

// Execute runs the notebook at path through the GoNB kernel with
// `jupyter nbconvert --execute --allow-errors` and returns the executed
// notebook with its failures. Cell failures are not errors: they are in
// Result.Failures (see Result.Err). The error is for a run that could not
// happen or finish: an unreadable notebook, bad parameters (wrapping
// ErrParam), nbconvert failing, the timeout (wrapping ErrTimeout), or the
// access token found in the output (wrapping ErrTokenLeak; no notebook is
// returned then). The notebook's own folder stays the kernel's working
// folder, even when parameters are injected.
//
// Nothing of a run outlives it, even when this process is killed with
// SIGKILL: nbconvert runs in its own process group with a parent-death
// signal, the kernel in its own process group is killed whole when
// nbconvert ends, and the run's files (the hidden copy beside the notebook,
// its temporary folder) are removed at the end, or by the next Execute when
// the process that made them is gone (see CleanDeadRuns).
func Execute(ctx context.Context, path string, opts ExecOptions) (*Result, error) {
	start := time.Now()
	paths, err := resolvePaths(opts.Paths)
	if err != nil {
		return nil, err
	}
	if ok, why := paths.KernelInstalled(); !ok {
		return nil, fmt.Errorf("notebook %s: %s", path, why)
	}
	CleanDeadRuns()
	nb := opts.Notebook
	changed := nb != nil
	if nb == nil {
		if nb, err = ipynb.ReadFile(path); err != nil {
			return nil, fmt.Errorf("notebook: %w", err)
		}
	}
	params := opts.Declared
	switch {
	case len(opts.Params) > 0:
		nb = cloneNotebook(nb)
		if params, err = injectParameters(nb, opts.Params); err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		changed = true
	case params == nil || opts.Notebook == nil:
		if params, err = Parameters(nb); err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("notebook %s: %w", path, err)
	}
	run, err := newRun(paths)
	if err != nil {
		return nil, fmt.Errorf("notebook %s: %w", path, err)
	}
	defer run.remove()
	input := abs
	// The run's own changes to the cells, undone in the executed notebook.
	var changes []sourceChange
	if changed {
		changes = injectIntoParametersCell(nb)
	}
	if i, src := addImportsPrelude(nb, paths.Root, run.dir); i >= 0 {
		changes = append(changes, sourceChange{cell: i, source: src})
		changed = true
	}
	if changed {
		if input, err = run.writeCopy(abs, nb); err != nil {
			return nil, err
		}
	}

	timeout := opts.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	stats, err := runJupyter(ctx, paths, run, input, timeout, opts.Env, opts.Redactor, opts.Timings)
	if err != nil {
		return nil, fmt.Errorf("notebook %s: %w", path, err)
	}
	executed, err := ipynb.ReadFile(run.output())
	if err != nil {
		return nil, fmt.Errorf("notebook %s: reading the executed notebook: %w", path, err)
	}
	slices.Reverse(changes) // the first change's source is the one the notebook had
	restoreSources(executed, changes)
	var timings *Timings
	if opts.Timings {
		timings = buildTimings(stats.started, stats.ended, stats.procs)
	}
	if ContainsSecret(executed, opts.Redactor) {
		return nil, fmt.Errorf("notebook %s: %w: refusing to return it", path, ErrTokenLeak)
	}
	foldInjected(executed)
	failures := Failures(executed)
	tidyFailures(executed, failures)
	return &Result{
		Notebook: executed,
		Failures: failures,
		Params:   params,
		Duration: time.Since(start),
		Timings:  timings,
	}, nil
}

func resolvePaths(p *Paths) (Paths, error) {
	if p != nil {
		return *p, nil
	}
	return FindPaths()
}

func cloneNotebook(nb *ipynb.Notebook) *ipynb.Notebook {
	c := *nb
	c.Cells = slices.Clone(nb.Cells)
	return &c
}

// jupyterRun is what runJupyter measured of a run.
type jupyterRun struct {
	started, ended time.Time
	procs          []process // with timings: the processes of the run
}

// runJupyter executes input into the run's output notebook, killing the
// whole run (the notebook client, nbclient or nbconvert; the kernel in its
// own session; the cell programs) at the timeout or when ctx ends. With
// timings, the run's processes are watched.
func runJupyter(ctx context.Context, paths Paths, run *runFiles, input string, timeout time.Duration, env map[string]string, redactor *secret.Redactor, timings bool) (jupyterRun, error) {
	var stats jupyterRun
	mark, err := NewRunMark()
	if err != nil {
		return stats, err
	}
	// nbclient's own per-cell timeout must not fire first: it aborts the
	// run without writing the notebook.
	cellTimeout := int(timeout/time.Second) + 60
	cmd := nbclientCommand(paths, input, run.output(), cellTimeout)
	cmd.Dir = filepath.Dir(input)
	cmd.Env = append(KernelEnv(paths, run.env(env)), mark.Env())
	var stderr bytes.Buffer
	cmd.Stdout = &stderr
	cmd.Stderr = &stderr
	stats.started = time.Now()
	started, done := startOrphanProof(cmd)
	if err := <-started; err != nil {
		return stats, fmt.Errorf("starting the notebook client (%s): %w", cmd.Path, err)
	}
	var watcher *procWatcher
	if timings {
		watcher = watchProcesses(cmd.Process.Pid)
	}
	timer := time.NewTimer(timeout)
	defer timer.Stop()
	select {
	case err := <-done:
		stats.ended = time.Now()
		if watcher != nil {
			stats.procs = watcher.stop()
		}
		mark.KillAll() // a cell may have left a background process behind
		if err != nil {
			return stats, fmt.Errorf("the notebook client failed (%w): %s", err, errorLines(redactor.Redact(stderr.String())))
		}
		return stats, nil
	case <-timer.C:
		stopGroup(cmd.Process.Pid, done)
		if watcher != nil {
			watcher.stop()
		}
		mark.KillAll()
		return stats, fmt.Errorf("%w after %s", ErrTimeout, timeout)
	case <-ctx.Done():
		stopGroup(cmd.Process.Pid, done)
		if watcher != nil {
			watcher.stop()
		}
		mark.KillAll()
		return stats, fmt.Errorf("execution stopped: %w", context.Cause(ctx))
	}
}

// startOrphanProof starts cmd in a process group of its own whose leader
// gets SIGKILL when this process dies, even by SIGKILL. The parent-death
// signal fires when the OS thread that started the child ends, so cmd is
// started and waited for on a goroutine locked to its thread, which ends
// only after cmd has. started receives Start's error; done then receives
// Wait's.
func startOrphanProof(cmd *exec.Cmd) (started, done <-chan error) {
	s, d := make(chan error, 1), make(chan error, 1)
	go func() {
		runtime.LockOSThread()
		// Never unlocked: the thread ends with this goroutine, after cmd.
		cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
		if err := cmd.Start(); err != nil {
			s <- err
			return
		}
		s <- nil
		d <- cmd.Wait()
	}()
	return s, d
}

// stopGroup interrupts nbconvert's process group so that nbclient can shut
// its kernel down, and kills the group if it has not exited 3 s later.
func stopGroup(pid int, done <-chan error) {
	_ = syscall.Kill(-pid, syscall.SIGINT)
	select {
	case <-done:
	case <-time.After(3 * time.Second):
		_ = syscall.Kill(-pid, syscall.SIGKILL)
		<-done
	}
}

// KernelEnv is the environment in which to run jupyter and the GoNB kernel:
// this process's, with the build's bin folder first on PATH, the Jupyter
// folders, LENSBOOK_ROOT and LENSBOOK_BUILD_DIR of paths, GOFLAGS with the
// cells' link flags (goflags.go), and extra on top.
func KernelEnv(paths Paths, extra map[string]string) []string {
	set := map[string]string{
		"PATH":               paths.BinDir() + string(os.PathListSeparator) + os.Getenv("PATH"),
		"JUPYTER_DATA_DIR":   paths.JupyterDataDir,
		"JUPYTER_CONFIG_DIR": filepath.Join(paths.BuildDir, "jupyter-config"),
		"LENSBOOK_ROOT":      paths.Root,
		"LENSBOOK_BUILD_DIR": paths.BuildDir,
		"GOFLAGS":            cellGoFlags(os.Getenv("GOFLAGS")),
	}
	for k, v := range extra {
		set[k] = v
	}
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		if _, ok := set[k]; !ok {
			env = append(env, kv)
		}
	}
	for _, k := range slices.Sorted(maps.Keys(set)) {
		env = append(env, k+"="+set[k])
	}
	return env
}

// errorLines picks the lines of nbconvert's stderr that say what went
// wrong, or else its last lines.
func errorLines(stderr string) string {
	var picked []string
	for line := range strings.Lines(stderr) {
		if strings.Contains(line, "ERROR") || strings.Contains(line, "Error") {
			picked = append(picked, strings.TrimSpace(line))
		}
	}
	if len(picked) > 0 {
		return tail(strings.Join(picked, "\n"), 2000)
	}
	return tail(stderr, 2000)
}

// tail returns the last n bytes of s, on a line boundary when possible.
func tail(s string, n int) string {
	s = strings.TrimSpace(s)
	if len(s) <= n {
		return s
	}
	s = s[len(s)-n:]
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[i+1:]
	}
	return "..." + s
}
