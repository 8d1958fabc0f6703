package main

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/lensbook/lensbook/internal/ipynb"
	"github.com/lensbook/lensbook/internal/kerneltest"
	"github.com/lensbook/lensbook/internal/notebook"
)

// asMainEnv makes the test binary run as the lensbook command, so that a
// test can start a real `lensbook render` process and kill it.
const asMainEnv = "LENSBOOK_TEST_AS_MAIN"

func TestMain(m *testing.M) {
	if os.Getenv(asMainEnv) == "1" {
		main()
	}
	os.Exit(m.Run())
}

func TestRenderArgumentsAndParameters(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"render", "README.md"}, "README.md is not a notebook: give a .ipynb file, or the name of one in notebooks/"},
		{[]string{"render", "no-such-report"}, "no notebook no-such-report, and no notebooks/no-such-report.ipynb; the notebooks are "},
		{[]string{"render", "nope.ipynb"}, "no notebook nope.ipynb"},
		{[]string{"render", "most-active-keys", "--param", "weeks=2"}, `unknown parameter "weeks": the parameters are days (int, default 30), productID (int, default 0), asOf (string, default "")`},
		{[]string{"render", "most-active-keys", "--param", "days=abc"}, "notebooks/most-active-keys.ipynb: parameter days=abc: days is an int; want a whole number, such as 30"},
		{[]string{"render", "most-active-keys", "--param", "days=0"}, "parameter days=0: the window would be empty or inverted; want a positive number of days"},
		{[]string{"render", "most-active-keys", "--param", "days=9223372036854775807"}, "would start before 1970; want at most"},
		{[]string{"render", "most-active-keys", "--param", "days=99999999999999999999"}, "parameter days=99999999999999999999: days is an int; want a whole number, such as 30"},
		{[]string{"render", "most-active-keys", "--param", "productID=-5"}, "parameter productID=-5: want a product id (a positive number), or 0 for every product"},
		{[]string{"render", "most-active-keys", "--param", "asOf=yesterday"}, "parameter asOf=yesterday: want an RFC 3339 time"},
		{[]string{"render", "most-active-keys", "--param", "days"}, `--param "days": want name=value`},
		{[]string{"render", "most-active-keys", "--param", "days=1", "--param", "days=2"}, "--param days is given twice"},
		{[]string{"render", "--param", "weeks=2"}, `unknown parameter "weeks": the parameters are days (int, default 30 or 90)`},
		{[]string{"fetch", "weblog", "--product", "-5"}, "--product -5: want a product id (a positive number), or 0 for every product"},
	}
	t.Chdir("../..") // render NAME looks in notebooks/
	for _, tt := range tests {
		code, _, errs := runCLI(t, tt.args...)
		if code != 2 || !strings.Contains(errs, tt.want) {
			t.Errorf("lensbook %s: exit %d, stderr %q; want exit 2 and %q", strings.Join(tt.args, " "), code, errs, tt.want)
		}
		for _, bad := range []string{"strconv", "goroutine", "panic", "invalid syntax"} {
			if strings.Contains(errs, bad) {
				t.Errorf("lensbook %s: stderr holds %q: %s", strings.Join(tt.args, " "), bad, errs)
			}
		}
		if strings.Count(strings.TrimSpace(errs), "\n") > 0 {
			t.Errorf("lensbook %s: want a one-line message, got %q", strings.Join(tt.args, " "), errs)
		}
	}
}

// hangingNotebook writes a notebook whose cell signals that it runs, by
// creating the file LENSBOOK_TEST_READY names, then sleeps for its seconds
// parameter.
func hangingNotebook(t *testing.T, dir string) string {
	t.Helper()
	return writeGoNBNotebook(t, filepath.Join(dir, "hang.ipynb"), "# Hangs\n\nSleeps in a cell.",
		ipynb.Cell{CellType: "code", ID: "params", Metadata: map[string]any{"tags": []any{"parameters"}}, Source: "var (\n\tseconds = 1\n\tasOf    = \"\"\n)"},
		ipynb.Cell{CellType: "markdown", ID: "sleep-title", Metadata: map[string]any{}, Source: "## Sleep"},
		ipynb.Cell{CellType: "code", ID: "sleep", Metadata: map[string]any{}, Source: "import (\n\t\"os\"\n\t\"time\"\n)\n\n%%\n" +
			"if p := os.Getenv(\"LENSBOOK_TEST_READY\"); p != \"\" {\n\tos.WriteFile(p, nil, 0o644)\n}\n" +
			"time.Sleep(time.Duration(seconds) * time.Second)"})
}

// writeGoNBNotebook writes a GoNB notebook at path: a title cell, the
// setup cell, then cells.
func writeGoNBNotebook(t *testing.T, path, title string, cells ...ipynb.Cell) string {
	t.Helper()
	nb := &ipynb.Notebook{NBFormat: 4, NBFormatMinor: 5, Metadata: map[string]any{
		"kernelspec": map[string]any{"name": "gonb", "display_name": "Go (gonb)", "language": "go"},
	}, Cells: append([]ipynb.Cell{
		{CellType: "markdown", ID: "title", Metadata: map[string]any{}, Source: ipynb.MultilineText(title)},
		{CellType: "code", ID: "setup", Metadata: map[string]any{}, Source: ipynb.MultilineText(notebook.SetupCellSource)},
	}, cells...)}
	data, err := nb.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// kill -9 of `lensbook render` leaves no nbconvert, kernel or cell process
// running, and the next render removes the hidden copy and the temporary
// folder the killed one left.
func TestRenderKilledLeavesNothingRunning(t *testing.T) {
	paths := kerneltest.Paths(t)
	_ = paths
	dir := t.TempDir()
	nbPath := hangingNotebook(t, dir)
	b := make([]byte, 8)
	rand.Read(b)
	marker := "LENSBOOK_TEST_MARKER=" + hex.EncodeToString(b)
	ready := filepath.Join(dir, "ready")
	cmd := exec.Command(os.Args[0], "render", "--demo", "--out", filepath.Join(dir, "out"), "--param", "seconds=3600", nbPath)
	cmd.Env = append(os.Environ(), asMainEnv+"=1", marker, "LENSBOOK_TEST_READY="+ready)
	var output bytes.Buffer
	cmd.Stdout, cmd.Stderr = &output, &output
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	t.Cleanup(func() {
		for _, pid := range notebook.ProcessesWithEnv(marker) {
			_ = syscallKill(pid)
		}
	})
	// Wait, without a time limit of the test's own (go test -timeout
	// bounds it), for the cell to run: render, nbconvert, kernel and the
	// cell's program are all up.
	for {
		if _, err := os.Stat(ready); err == nil {
			break
		}
		select {
		case err := <-exited:
			t.Fatalf("lensbook render exited before its cell ran (%v):\n%s", err, output.String())
		case <-time.After(200 * time.Millisecond):
		}
	}
	before := notebook.ProcessesWithEnv(marker)
	t.Logf("processes of the render before kill -9: %s", describe(before))
	if len(before) < 4 {
		t.Errorf("want at least render, nbconvert, the kernel and the cell's program; found %s", describe(before))
	}
	copies, _ := filepath.Glob(filepath.Join(dir, notebook.RunCopyPrefix+"hang-*.ipynb"))
	if len(copies) != 1 {
		t.Fatalf("hidden run copies while running: %v", copies)
	}
	runDir := runDirOf(t, cmd.Process.Pid)

	if err := cmd.Process.Kill(); err != nil { // SIGKILL: no clean-up code runs
		t.Fatal(err)
	}
	<-exited
	killed := time.Now()
	var left []int
	for range 300 { // the kernel's process group dies with nbconvert, within a moment
		if left = notebook.ProcessesWithEnv(marker); len(left) == 0 {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if len(left) > 0 {
		t.Fatalf("processes left 30 s after kill -9 of lensbook render: %s", describe(left))
	}
	t.Logf("no process of the render left %s after kill -9", time.Since(killed).Round(100*time.Millisecond))
	if _, err := os.Stat(runDir); err != nil {
		t.Fatalf("the killed run's folder %s is already gone (%v): nothing for the next render to clean", runDir, err)
	}

	// The next render cleans what the killed one left.
	code, out, errs := runCLI(t, "render", "--demo", "--out", filepath.Join(dir, "out2"), "--param", "seconds=0", nbPath)
	if code != 0 {
		t.Fatalf("next render: exit %d\n%s\n%s", code, out, errs)
	}
	if copies, _ := filepath.Glob(filepath.Join(dir, notebook.RunCopyPrefix+"*")); len(copies) > 0 {
		t.Errorf("hidden run copies left after the next render: %v", copies)
	}
	if _, err := os.Stat(runDir); err == nil {
		t.Errorf("the killed run's folder %s is still there after the next render", runDir)
	}
}

// runDirOf finds the run folder whose owner is pid.
func runDirOf(t *testing.T, pid int) string {
	t.Helper()
	dirs, _ := filepath.Glob(filepath.Join(os.TempDir(), notebook.RunDirPrefix+"*"))
	for _, d := range dirs {
		data, err := os.ReadFile(filepath.Join(d, "owner"))
		if err == nil && strings.HasPrefix(string(data), "pid "+strconv.Itoa(pid)+" ") {
			return d
		}
	}
	t.Fatalf("no run folder of process %d in %s", pid, os.TempDir())
	return ""
}

// describe lists processes with their command lines.
func describe(pids []int) string {
	var parts []string
	for _, pid := range pids {
		cmdline, _ := os.ReadFile(filepath.Join("/proc", strconv.Itoa(pid), "cmdline"))
		args := strings.Split(strings.TrimRight(string(cmdline), "\x00"), "\x00")
		line := strings.Join(strings.Fields(strings.Join(args, " ")), " ")
		if len(line) > 100 {
			line = line[:100] + "..."
		}
		parts = append(parts, strconv.Itoa(pid)+": "+line)
	}
	return strconv.Itoa(len(pids)) + " [" + strings.Join(parts, "; ") + "]"
}

func syscallKill(pid int) error { return syscall.Kill(pid, syscall.SIGKILL) }

// TestRenderAsOfTravelsAsTheParameter: render's one instant reaches a
// notebook one way, as its asOf parameter; LENSBOOK_AS_OF is not how.
func TestRenderAsOfTravelsAsTheParameter(t *testing.T) {
	kerneltest.Paths(t)
	dir := t.TempDir()
	path := writeGoNBNotebook(t, filepath.Join(dir, "as-of.ipynb"), "# As of\n\nPrints its instant.",
		ipynb.Cell{CellType: "code", ID: "params", Metadata: map[string]any{"tags": []any{"parameters"}}, Source: "var (\n\tdays = 30\n\tasOf = \"\"\n)"},
		ipynb.Cell{CellType: "code", ID: "print", Metadata: map[string]any{}, Source: "import \"os\"\n\n%%\n" +
			"fmt.Printf(\"param[%s] env[%s] days[%d]\\n\", asOf, os.Getenv(\"LENSBOOK_AS_OF\"), days)"})
	t.Setenv(envAsOf, "")
	out := filepath.Join(dir, "out")
	code, _, errs := runCLI(t, "render", "--demo", "--as-of", "2026-10-01", "--param", "days=7", "--out", out, path)
	if code != 0 {
		t.Fatalf("render: exit %d: %s", code, errs)
	}
	page, err := os.ReadFile(filepath.Join(out, "as-of.html"))
	if err != nil {
		t.Fatal(err)
	}
	if want := "param[2026-10-01T00:00:00Z] env[] days[7]"; !strings.Contains(string(page), want) {
		t.Errorf("the page lacks %q", want)
	}
}
