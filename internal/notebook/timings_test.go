package notebook

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// TestBuildTimingsDividesTheProcessesIntoCells checks the accounting on a
// run as /proc shows one: Jupyter's client, the kernel behind a wrapper
// shell, its start-up go commands, then two cells (the first one's
// goimports too short to be seen), each with its build, the compiler and
// linker under it, and its program.
func TestBuildTimingsDividesTheProcessesIntoCells(t *testing.T) {
	t0 := time.Date(2026, 11, 26, 4, 0, 0, 0, time.UTC)
	at := func(ms int) time.Time { return t0.Add(time.Duration(ms) * time.Millisecond) }
	cpu := func(ms int) time.Duration { return time.Duration(ms) * time.Millisecond }
	proc := func(pid, ppid, from, to, cpuMS int, argv ...string) process {
		return process{pid: pid, ppid: ppid, start: at(from), lastSeen: at(to), cpu: cpu(cpuMS), argv: argv}
	}
	procs := []process{
		proc(10, 1, 0, 9000, 400, "/usr/bin/python3", "-c", "..."),
		proc(11, 10, 900, 8000, 0, "/bin/sh", "-c", "trap ..."),
		proc(12, 11, 910, 8000, 300, "/work/.build/bin/gonb", "--kernel", "k.json"),
		proc(13, 12, 1000, 1040, 20, "go", "mod", "init", "gonb_1"),
		proc(14, 12, 1050, 1090, 20, "go", "work", "init"),
		// Cell 1: no goimports seen.
		proc(20, 12, 1200, 2000, 250, "go", "build", "-o", "/tmp/gonb_1/gonb_1"),
		proc(21, 20, 1300, 1400, 100, "/go/pkg/tool/linux_amd64/compile", "-o", "x"),
		proc(22, 20, 1500, 1990, 400, "/go/pkg/tool/linux_amd64/link", "-o", "x"),
		proc(23, 12, 2010, 2300, 150, "/tmp/gonb_1/gonb_1"),
		// Cell 2.
		proc(30, 12, 2500, 2520, 10, "/work/.build/bin/goimports", "-w", "main.go"),
		proc(31, 30, 2505, 2515, 5, "go", "env", "GOMOD"),
		proc(32, 12, 2600, 3400, 260, "go", "build", "-o", "/tmp/gonb_1/gonb_1"),
		proc(33, 32, 2900, 3390, 450, "/go/pkg/tool/linux_amd64/link", "-o", "x"),
		proc(34, 12, 3450, 3700, 120, "/tmp/gonb_1/gonb_1"),
	}
	got := buildTimings(t0, at(9000), procs)
	slack := watchInterval / 2
	want := &Timings{
		Wall:        9 * time.Second,
		CPU:         cpu(400 + 300 + 20 + 20 + 250 + 100 + 400 + 150 + 10 + 5 + 260 + 450 + 120),
		KernelStart: 1200 * time.Millisecond,
		Tail:        5300 * time.Millisecond,
		Startup: []Phase{
			{Name: "go mod", N: 1, Wall: cpu(40) + slack, CPU: cpu(20)},
			{Name: "go work", N: 1, Wall: cpu(40) + slack, CPU: cpu(20)},
		},
		Cells: []CellTimings{
			{Cell: 1, Wall: 1300 * time.Millisecond, Phases: []Phase{
				{Name: PhaseBuild, N: 1, Wall: cpu(800) + slack, CPU: cpu(250 + 100 + 400)},
				{Name: PhaseLink, N: 1, Wall: cpu(490) + slack, CPU: cpu(400)},
				{Name: PhaseRun, N: 1, Wall: cpu(290) + slack, CPU: cpu(150)},
			}},
			{Cell: 2, Wall: 1200 * time.Millisecond, Phases: []Phase{
				{Name: PhaseBuild, N: 1, Wall: cpu(800) + slack, CPU: cpu(260 + 450)},
				{Name: PhaseGoImports, N: 1, Wall: cpu(20) + slack, CPU: cpu(10 + 5)},
				{Name: PhaseLink, N: 1, Wall: cpu(490) + slack, CPU: cpu(450)},
				{Name: PhaseRun, N: 1, Wall: cpu(250) + slack, CPU: cpu(120)},
			}},
		},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("timings (-want +got):\n%s", diff)
	}
	if b := got.Phase(PhaseBuild); b.N != 2 || b.CPU != cpu(250+100+400+260+450) {
		t.Errorf("Phase(build) over the cells = %+v", b)
	}
}

func TestPhaseOf(t *testing.T) {
	for argv, want := range map[string]string{
		"go get":                                             PhaseGoGet,
		"go build -o /tmp/gonb_1/gonb_1":                     PhaseBuild,
		"go list -m -e -json ...":                            "go list",
		"/usr/local/go/pkg/tool/linux_amd64/link":            PhaseLink,
		"/usr/local/go/pkg/tool/linux_amd64/compile -V=full": "compile",
		"/work/.build/bin/goimports -w main.go":              PhaseGoImports,
		"/tmp/lensbook-run-1/tmp/gonb_ab/gonb_ab":            PhaseRun,
		"/work/.build/bin/gonb --kernel k.json":              "kernel",
		"/usr/bin/python3 -c ...":                            "jupyter",
		"/bin/bash -c cp a b":                                "shell",
	} {
		if got := phaseOf(strings.Fields(argv)); got != want {
			t.Errorf("phaseOf(%s) = %q, want %q", argv, got, want)
		}
	}
}

// TestImportsFileLetsGoimportsFindThePackages runs the real goimports on a
// cell's program that calls lensbook's and Gota's packages without
// importing them, in a module whose module cache is empty, so that
// goimports cannot find them by searching: with the imports file beside the
// program it adds every import, and without it none.
func TestImportsFileLetsGoimportsFindThePackages(t *testing.T) {
	paths := kernelPaths(t)
	goimports := filepath.Join(paths.BinDir(), "goimports")
	hints, err := importsFile(paths.Root)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"//go:build ignore", `display "github.com/lensbook/lensbook/pkg/display"`, "display.Bars,", "frames.CountBy,", "report.Open,", "dataframe.New,"} {
		if !strings.Contains(string(hints), want) {
			t.Errorf("the imports file lacks %q", want)
		}
	}
	program := "package main\n\nfunc main() {\n\tw := report.Must(report.Open(report.Params{Days: 7}))\n\t_ = display.Bars\n\t_ = frames.CountBy\n\t_ = dataframe.New\n\t_ = w\n}\n"
	run := func(withHints bool) string {
		dir := t.TempDir()
		write := func(name, content string) {
			if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o600); err != nil {
				t.Fatal(err)
			}
		}
		write("go.mod", "module gonb_test\n\ngo 1.26\n")
		write("main.go", program)
		if withHints {
			write(ImportsFileName, string(hints))
		}
		cmd := exec.Command(goimports, "-w", "main.go")
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GOMODCACHE="+t.TempDir(), "GOPROXY=off", "GOWORK=off", "GOFLAGS=-mod=mod")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("goimports: %v\n%s", err, out)
		}
		got, err := os.ReadFile(filepath.Join(dir, "main.go"))
		if err != nil {
			t.Fatal(err)
		}
		return string(got)
	}
	with := run(true)
	for _, imp := range []string{"pkg/report", "pkg/display", "pkg/frames", "gota/dataframe"} {
		if !strings.Contains(with, imp+`"`) {
			t.Errorf("with the imports file, goimports did not import %s:\n%s", imp, with)
		}
	}
	if without := run(false); strings.Contains(without, "lensbook/pkg") {
		t.Errorf("without the imports file goimports found lensbook's packages anyway, so this test shows nothing:\n%s", without)
	}
}

// TestExecuteWithTimings runs a notebook with timings: its cells' builds
// and runs are found, and the executed notebook is the one a run without
// timings gives, its first cell without the line Execute added.
func TestExecuteWithTimings(t *testing.T) {
	paths := kernelPaths(t)
	t.Parallel()
	res, err := Execute(t.Context(), "testdata/hello.ipynb", ExecOptions{Paths: paths, Timeout: 3 * time.Minute, Timings: true})
	if err != nil {
		t.Fatal(err)
	}
	if err := res.Err(); err != nil {
		t.Fatalf("cells failed: %v", err)
	}
	tm := res.Timings
	if tm == nil || len(tm.Cells) != 1 {
		t.Fatalf("timings = %+v, want one cell", tm)
	}
	// The cell's program prints two lines: it may end before a poll sees it.
	if b, r := tm.Phase(PhaseBuild), tm.Phase(PhaseRun); b.N != 1 || b.Wall <= 0 || b.CPU <= 0 || r.N > 1 {
		t.Errorf("build %+v, run %+v: want one build, and at most one run", b, r)
	}
	if tm.KernelStart <= 0 || tm.Wall < tm.KernelStart+tm.CellsWall() || tm.CPU <= 0 {
		t.Errorf("timings = %+v: the kernel start and the cells must fit in the run", tm)
	}
	src := string(res.Notebook.Cells[1].Source)
	if strings.Contains(src, ImportsFileName) || !strings.HasPrefix(src, "import (") {
		t.Errorf("the first code cell's source is not the notebook's:\n%s", src)
	}
	for _, c := range res.Notebook.Cells {
		if _, ok := c.Metadata["execution"]; ok {
			t.Errorf("cell %s has execution timestamps", c.ID)
		}
	}
}
