package publish

import (
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	"github.com/lensbook/lensbook/internal/notebook"
)

// WriteTimings writes where the render's time went, from the Timings of
// its reports (a render with Options.Timings): one line per executed
// notebook with the wall time of each phase, then every phase over all
// notebooks with its wall and CPU time. The phases: Jupyter and the kernel
// starting (the Jupyter client's start to the first cell); in the cells, GoNB's
// goimports, its `go get`, the build of each cell's program (its link
// apart), the program's run (the cell's data and display work) and the
// rest (GoNB's own work and the messages); the kernel's shutdown and
// the client writing the notebook; the page. Reports without timings are
// left out.
func (s *Summary) WriteTimings(w io.Writer) error {
	sec := func(d time.Duration) string { return fmt.Sprintf("%.1f", d.Seconds()) }
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "seconds, wall\tall\tstart\tcells\tgoimports\tgo get\tbuild\t(link)\trun\tgonb\tend\tpage\tCPU\t")
	var total phaseTotals
	n := 0
	for _, r := range s.Reports {
		t := r.Timings
		if t == nil {
			continue
		}
		n++
		c := cellPhases(t)
		total.add(t, c, r.PageDuration)
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t\n", r.Slug,
			sec(t.Wall+r.PageDuration), sec(t.KernelStart), sec(t.CellsWall()), sec(c.goimports.Wall), sec(c.goGet.Wall),
			sec(c.build.Wall), sec(c.link.Wall), sec(c.run.Wall), sec(c.gonb), sec(t.Tail), sec(r.PageDuration), sec(t.CPU))
	}
	if n == 0 {
		return tw.Flush()
	}
	fmt.Fprintf(tw, "all %d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t\n", n,
		sec(total.wall), sec(total.start), sec(total.cells), sec(total.goimports.Wall), sec(total.goGet.Wall),
		sec(total.build.Wall), sec(total.link.Wall), sec(total.run.Wall), sec(total.gonb), sec(total.end), sec(total.page), sec(total.cpu))
	if err := tw.Flush(); err != nil {
		return err
	}

	fmt.Fprintf(w, "\nover the %d notebooks (%d cells):\n", n, total.nCells)
	tw = tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "phase\tprocesses\twall s\tCPU s\twall s each\t")
	row := func(name string, count int, wall, cpu time.Duration, each int) {
		c, e := "", ""
		if cpu > 0 {
			c = sec(cpu)
		}
		if each > 0 {
			e = fmt.Sprintf("%.2f", wall.Seconds()/float64(each))
		}
		fmt.Fprintf(tw, "%s\t%d\t%s\t%s\t%s\t\n", name, count, sec(wall), c, e)
	}
	row("Jupyter and kernel start", n, total.start, 0, n)
	for _, p := range total.startup {
		row("  "+p.Name, p.N, p.Wall, p.CPU, p.N)
	}
	row("cells", total.nCells, total.cells, 0, total.nCells)
	row("  goimports", total.goimports.N, total.goimports.Wall, total.goimports.CPU, total.goimports.N)
	row("  go get", total.goGet.N, total.goGet.Wall, total.goGet.CPU, total.goGet.N)
	row("  go build", total.build.N, total.build.Wall, total.build.CPU, total.build.N)
	row("    of which link", total.link.N, total.link.Wall, total.link.CPU, total.link.N)
	row("  run (data, display)", total.run.N, total.run.Wall, total.run.CPU, total.run.N)
	row("  gonb, messages", total.nCells, total.gonb, 0, total.nCells)
	row("kernel shutdown, writing", n, total.end, 0, n)
	row("page", n, total.page, 0, n)
	row("all (CPU: Jupyter client, kernel, all they ran)", n, total.wall, total.cpu, n)
	return tw.Flush()
}

// phases are the cell phases of one run, added up over its cells.
type phases struct {
	goimports, goGet, build, link, run notebook.Phase
	gonb                               time.Duration // the cells' wall time no process of theirs accounts for
}

func cellPhases(t *notebook.Timings) phases {
	c := phases{
		goimports: t.Phase(notebook.PhaseGoImports), goGet: t.Phase(notebook.PhaseGoGet),
		build: t.Phase(notebook.PhaseBuild), link: t.Phase(notebook.PhaseLink), run: t.Phase(notebook.PhaseRun),
	}
	c.gonb = t.CellsWall() - c.goimports.Wall - c.goGet.Wall - c.build.Wall - c.run.Wall
	return c
}

// phaseTotals adds the phases up over the notebooks of a render.
type phaseTotals struct {
	phases
	wall, cpu, start, cells, end, page time.Duration
	nCells                             int
	startup                            []notebook.Phase
}

func (a *phaseTotals) add(t *notebook.Timings, c phases, page time.Duration) {
	a.wall += t.Wall + page
	a.cpu += t.CPU
	a.start += t.KernelStart
	a.cells += t.CellsWall()
	a.end += t.Tail
	a.page += page
	a.nCells += len(t.Cells)
	for _, p := range []*struct {
		sum *notebook.Phase
		add notebook.Phase
	}{{&a.goimports, c.goimports}, {&a.goGet, c.goGet}, {&a.build, c.build}, {&a.link, c.link}, {&a.run, c.run}} {
		p.sum.Name = p.add.Name
		p.sum.N += p.add.N
		p.sum.Wall += p.add.Wall
		p.sum.CPU += p.add.CPU
	}
	a.gonb += c.gonb
	for _, p := range t.Startup {
		found := false
		for i := range a.startup {
			if a.startup[i].Name == p.Name {
				a.startup[i].N += p.N
				a.startup[i].Wall += p.Wall
				a.startup[i].CPU += p.CPU
				found = true
			}
		}
		if !found {
			a.startup = append(a.startup, p)
		}
	}
}
