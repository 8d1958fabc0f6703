package notebook

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Timings says where one execution's time went, for ExecOptions.Timings:
// Jupyter's start, the kernel's start, and for each cell the programs GoNB
// ran to build and run it. The figures come from watching /proc for the
// processes of the run every few milliseconds (their start time, when they
// were last seen and their CPU time), so a process shorter than the poll
// may be missed and CPU times are to the clock tick (10 ms). (nbclient's
// cell timestamps would be simpler, but GoNB stamps its messages to the
// second.)
type Timings struct {
	Wall        time.Duration // the Jupyter client's run (nbclient or nbconvert), from its start to its exit
	CPU         time.Duration // user + system time of the Jupyter client, the kernel and every process they ran
	KernelStart time.Duration // the client's start to the first cell's goimports
	Cells       []CellTimings // the code cells that ran, in order
	Tail        time.Duration // the last cell's last process to the client's exit: kernel shutdown, writing the notebook
	// Startup are the processes that ran before the first cell: the
	// kernel and its setup (go mod init, go work...).
	Startup []Phase
}

// CellTimings is one code cell's time, from the start of its goimports to
// the next cell's (the last cell's: to the end of its last process), and
// the phases the processes it ran took.
type CellTimings struct {
	Cell   int // 1-based place among the cells that ran Go code
	Wall   time.Duration
	Phases []Phase
}

// Phase is the time the processes of one kind took: PhaseGoGet, PhaseBuild,
// PhaseLink (part of PhaseBuild), PhaseRun, PhaseGoImports, or another
// command's name.
type Phase struct {
	Name string
	N    int           // how many processes
	Wall time.Duration // their run times added up
	CPU  time.Duration // their user + system time
}

// The phases of a cell.
const (
	PhaseGoImports = "goimports" // GoNB's goimports of the cell's program
	PhaseGoGet     = "go get"    // GoNB's `go get` before each build (%autoget)
	PhaseBuild     = "go build"  // the build of the cell's program, its compile and link included
	PhaseLink      = "link"      // the link of the cell's program (part of PhaseBuild)
	PhaseRun       = "run"       // the cell's program running: its data and display work
)

// Phase returns the phase called name, zero when there is none.
func (c CellTimings) Phase(name string) Phase {
	for _, p := range c.Phases {
		if p.Name == name {
			return p
		}
	}
	return Phase{Name: name}
}

// Phase returns the phase called name over every cell of the run.
func (t *Timings) Phase(name string) Phase {
	sum := Phase{Name: name}
	for _, c := range t.Cells {
		p := c.Phase(name)
		sum.N += p.N
		sum.Wall += p.Wall
		sum.CPU += p.CPU
	}
	return sum
}

// CellsWall is the wall time of all cells.
func (t *Timings) CellsWall() time.Duration {
	var d time.Duration
	for _, c := range t.Cells {
		d += c.Wall
	}
	return d
}

// process is one process of a run, as seen in /proc.
type process struct {
	pid, ppid int
	start     time.Time // from /proc/PID/stat's starttime
	lastSeen  time.Time
	cpu       time.Duration // utime + stime when last seen
	argv      []string      // its command line when last seen
}

// procWatcher records the processes descending from one root process by
// polling /proc until stopped.
type procWatcher struct {
	root     int
	boot     time.Time
	ours     map[int]*process
	foreign  map[int]bool
	done     chan struct{}
	finished chan struct{}
}

// watchInterval is how often procWatcher polls /proc.
const watchInterval = 10 * time.Millisecond

// clockTick is the unit of /proc/PID/stat's times (USER_HZ, 100 on Linux).
const clockTick = 10 * time.Millisecond

// watchProcesses starts polling /proc for root and its descendants. It
// returns nil where there is no /proc.
func watchProcesses(root int) *procWatcher {
	boot, ok := bootTime()
	if !ok {
		return nil
	}
	w := &procWatcher{root: root, boot: boot, ours: map[int]*process{}, foreign: map[int]bool{},
		done: make(chan struct{}), finished: make(chan struct{})}
	w.ours[root] = &process{pid: root}
	w.poll()
	go func() {
		defer close(w.finished)
		t := time.NewTicker(watchInterval)
		defer t.Stop()
		for {
			select {
			case <-w.done:
				return
			case <-t.C:
				w.poll()
			}
		}
	}()
	return w
}

// stop ends the polling and returns the processes seen, by start time.
func (w *procWatcher) stop() []process {
	close(w.done)
	<-w.finished
	var ps []process
	for _, p := range w.ours {
		if !p.start.IsZero() {
			ps = append(ps, *p)
		}
	}
	slices.SortFunc(ps, func(a, b process) int { return a.start.Compare(b.start) })
	return ps
}

// poll reads the stat of every process not known to be foreign.
func (w *procWatcher) poll() {
	d, err := os.Open("/proc")
	if err != nil {
		return
	}
	names, _ := d.Readdirnames(-1)
	d.Close()
	now := time.Now()
	for _, name := range names {
		pid, err := strconv.Atoi(name)
		if err != nil || w.foreign[pid] {
			continue
		}
		st, ok := readStat(pid)
		if !ok {
			continue
		}
		p := w.ours[pid]
		if p == nil {
			if w.ours[st.ppid] == nil {
				w.foreign[pid] = true
				continue
			}
			p = &process{pid: pid}
			w.ours[pid] = p
		}
		if p.start.IsZero() {
			// Its parent when it started: a process whose parent dies
			// is given another (init).
			p.ppid = st.ppid
			// It started between the last poll and this one, and after
			// its start time in clock ticks (which is rounded down).
			p.start = w.boot.Add(time.Duration(st.startTicks) * clockTick)
			p.start = later(p.start, now.Add(-watchInterval/2))
		}
		p.lastSeen = now
		p.cpu = time.Duration(st.utime+st.stime) * clockTick
		if cmd, err := os.ReadFile("/proc/" + name + "/cmdline"); err == nil && len(cmd) > 0 {
			p.argv = strings.Split(strings.TrimRight(string(cmd), "\x00"), "\x00")
		}
	}
}

type procStat struct {
	ppid                     int
	utime, stime, startTicks int64
}

// readStat reads the parent, CPU times and start time of a process from
// /proc/PID/stat.
func readStat(pid int) (procStat, bool) {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return procStat{}, false
	}
	// The command name is in parentheses and may hold spaces: the fields
	// after its closing parenthesis start with the state (field 3).
	i := bytes.LastIndexByte(b, ')')
	if i < 0 {
		return procStat{}, false
	}
	f := strings.Fields(string(b[i+1:]))
	if len(f) < 20 {
		return procStat{}, false
	}
	num := func(k int) int64 { n, _ := strconv.ParseInt(f[k-3], 10, 64); return n }
	return procStat{ppid: int(num(4)), utime: num(14), stime: num(15), startTicks: num(22)}, true
}

// bootTime reads the machine's boot time from /proc/stat.
func bootTime() (time.Time, bool) {
	b, err := os.ReadFile("/proc/stat")
	if err != nil {
		return time.Time{}, false
	}
	for line := range strings.Lines(string(b)) {
		if rest, ok := strings.CutPrefix(line, "btime "); ok {
			s, err := strconv.ParseInt(strings.TrimSpace(rest), 10, 64)
			return time.Unix(s, 0), err == nil
		}
	}
	return time.Time{}, false
}

// phaseOf names what a process of the run was, from its command line.
func phaseOf(argv []string) string {
	if len(argv) == 0 {
		return "?"
	}
	base := filepath.Base(argv[0])
	switch {
	case base == "go" && len(argv) > 1:
		if argv[1] == "get" {
			return PhaseGoGet
		}
		if argv[1] == "build" || argv[1] == "test" {
			return PhaseBuild
		}
		return "go " + argv[1]
	case base == "link":
		return PhaseLink
	case base == "compile" || base == "asm" || base == "cgo" || base == "buildid":
		return "compile"
	case base == "goimports":
		return PhaseGoImports
	case strings.HasPrefix(base, "gonb_"):
		return PhaseRun
	case base == "bash" || base == "sh":
		return "shell"
	case base == "gonb":
		return "kernel"
	case strings.HasPrefix(base, "python") || base == "jupyter" || base == "jupyter-nbconvert":
		return "jupyter"
	}
	return base
}

// buildTimings divides the run's processes into its cells: GoNB starts
// every cell that holds Go code with goimports, go get and go build, so a
// cell is the time from the first of those after a build to the next (the
// last ends with its last process).
// Processes before the first goimports are the kernel's start. A process
// the kernel started is a phase; what that process started (the compiler
// and linker of a build, the go commands of goimports) adds its CPU time
// to it, and a link is also a phase of its own.
func buildTimings(started, ended time.Time, procs []process) *Timings {
	t := &Timings{Wall: ended.Sub(started)}
	for _, p := range procs {
		t.CPU += p.cpu
	}
	byPid := map[int]*process{}
	kernel := map[int]bool{}
	for i, p := range procs {
		byPid[p.pid] = &procs[i]
		if phaseOf(p.argv) == "kernel" {
			kernel[p.pid] = true
		}
	}
	// The processes between the client and the kernel (a wrapper shell)
	// last the whole run: they are the run's, like the client and the kernel.
	wrapper := map[int]bool{}
	for pid := range kernel {
		for q := byPid[byPid[pid].ppid]; q != nil; q = byPid[q.ppid] {
			wrapper[q.pid] = true
		}
	}
	// top is the process the kernel started that p descends from, or nil.
	top := func(p *process) *process {
		for q := p; q != nil; q = byPid[q.ppid] {
			if kernel[q.ppid] {
				return q
			}
		}
		return nil
	}
	var (
		cells   []map[string]*Phase
		startAt []time.Time
		endAt   []time.Time
	)
	startup := map[string]*Phase{}
	add := func(into map[string]*Phase, name string, n int, wall, cpu time.Duration) {
		ph := into[name]
		if ph == nil {
			ph = &Phase{Name: name}
			into[name] = ph
		}
		ph.N += n
		ph.Wall += wall
		ph.CPU += cpu
	}
	for i := range procs {
		p := &procs[i]
		name := phaseOf(p.argv)
		if name == "jupyter" || name == "kernel" || wrapper[p.pid] {
			continue // the run's own processes
		}
		wall := max(p.lastSeen.Sub(p.start)+watchInterval/2, 0) // it ended between two polls
		owner := top(p)
		if owner == nil {
			// Before the kernel: the wrapper script that starts it.
			add(startup, name, 1, wall, p.cpu)
			continue
		}
		if owner == p && startsCell(name) && (len(cells) == 0 || cells[len(cells)-1][PhaseBuild] != nil) {
			cells = append(cells, map[string]*Phase{})
			startAt = append(startAt, p.start)
			endAt = append(endAt, p.lastSeen)
		}
		into := startup
		if n := len(cells); n > 0 {
			into = cells[n-1]
			endAt[n-1] = later(endAt[n-1], p.lastSeen)
		}
		if owner == p {
			add(into, name, 1, wall, p.cpu)
		} else {
			add(into, phaseOf(owner.argv), 0, 0, p.cpu)
		}
		if name == PhaseLink {
			add(into, PhaseLink, 1, wall, p.cpu)
		}
	}
	t.Startup = sortedPhases(startup)
	if len(cells) == 0 {
		t.KernelStart = t.Wall
		return t
	}
	t.KernelStart = startAt[0].Sub(started)
	t.Tail = max(ended.Sub(endAt[len(endAt)-1]), 0)
	for i, phases := range cells {
		end := endAt[i]
		if i+1 < len(cells) {
			end = startAt[i+1]
		}
		t.Cells = append(t.Cells, CellTimings{Cell: i + 1, Wall: end.Sub(startAt[i]), Phases: sortedPhases(phases)})
	}
	return t
}

// startsCell reports whether a process the kernel started with this phase
// begins a cell when the cell before has built its program: GoNB runs
// goimports, go get and go build in this order for each cell with Go code
// (a short goimports may be missed by the polls).
func startsCell(phase string) bool {
	return phase == PhaseGoImports || phase == PhaseGoGet || phase == PhaseBuild
}

func later(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

func sortedPhases(m map[string]*Phase) []Phase {
	var ps []Phase
	for _, p := range m {
		ps = append(ps, *p)
	}
	slices.SortFunc(ps, func(a, b Phase) int { return strings.Compare(a.Name, b.Name) })
	return ps
}
