package notebook

import (
	"go/ast"
	"regexp"
	"strings"

	"github.com/lensbook/lensbook/internal/ipynb"
)

// Targets of the standard notebooks' code (issue 11, "The notebook idiom"),
// enforced by go test ./internal/notebook and printed by cmd/notebookstats.
const (
	// MaxTotalCodeLines bounds the code lines of the standard notebooks
	// together.
	MaxTotalCodeLines = 700
	// MaxCellCodeLines bounds the code lines of any one code cell.
	MaxCellCodeLines = 12
	// MaxBoilerplateShare bounds the share of code lines that are
	// boilerplate.
	MaxBoilerplateShare = 0.05
)

// Stats measure a notebook's code.
//
// A code line is a line of a code cell that is not blank and not GoNB's
// "%%" marker (which starts a cell's statements; it is cell syntax, not
// Go). Comments count.
//
// A boilerplate line is a code line that is the same in every report and
// that an analyst adapting one never edits: a setup cell (any cell running
// "go mod edit" or "go work"), an import line (an import declaration or a
// line of an import block), a gonbui.Sync() line, the lines of a parameters
// cell that declare no parameter ("var (", ")", comment lines), and the
// line that opens the session (report.Open), unless it declares
// parameters.
//
// A line of the parameters cell that declares a parameter (Parameters: a
// variable, or a field of the report.Params literal) is the report's input,
// not boilerplate. So the standard session line,
//
//	var s = report.Must(report.Open(report.Params{Days: 30, ProductID: 0, AsOf: ""})) // ...
//
// counts as input: it is where an analyst sets the window, and the session
// wrapper around the literal adds no line of its own. The same wrapper
// without a parameter in its literal (report.Params{Days: days} after a
// `var days = 30` line, or the session opened in another cell) is a line
// that exists only as plumbing, and counts as boilerplate.
//
// A sync line is a code line that only syncs the store and prints what it
// holds (fmt.Println(report.Must(s.Sync(store.WebAPILog))), or without the
// print): it names the logs the report reads, which an analyst changes with
// them, so it is counted apart (SyncLines), not as boilerplate;
// cmd/notebookstats prints both shares.
type Stats struct {
	CodeCells   int // code cells with at least one code line
	CodeLines   int // code lines in every code cell
	Boilerplate int // boilerplate lines among CodeLines
	SyncLines   int // lines that only sync the store, among CodeLines (not boilerplate)
	LongestCell int // code lines of the longest code cell
	LongestAt   int // its 1-based position among all the notebook's cells (0: none)
}

// Add sums the measures of two notebooks: code lines and boilerplate add
// up, the longest cell is the longer one (LongestAt then means nothing).
func (s Stats) Add(o Stats) Stats {
	s.CodeCells += o.CodeCells
	s.CodeLines += o.CodeLines
	s.Boilerplate += o.Boilerplate
	s.SyncLines += o.SyncLines
	if o.LongestCell > s.LongestCell {
		s.LongestCell, s.LongestAt = o.LongestCell, o.LongestAt
	}
	return s
}

// BoilerplateShare is Boilerplate / CodeLines (0 without code).
func (s Stats) BoilerplateShare() float64 {
	if s.CodeLines == 0 {
		return 0
	}
	return float64(s.Boilerplate) / float64(s.CodeLines)
}

var (
	setupLine   = regexp.MustCompile(`go mod edit|go work (init|use)`)
	importLine  = regexp.MustCompile(`^import\s*(\(|"|\w+\s+")`)
	sessionLine = regexp.MustCompile(`\breport\.Open\(`)
	syncLine    = regexp.MustCompile(`^(report\.Must\(\w+\.Sync\([^()]*\)\)|fmt\.Println\(report\.Must\(\w+\.Sync\([^()]*\)\)\)|_ = \w+\.Sync\([^()]*\)|_, _ = \w+\.Sync\([^()]*\))$`)
	displaySync = regexp.MustCompile(`^gonbui\.Sync\(\)$`)
)

// Measure returns the code measures of nb.
func Measure(nb *ipynb.Notebook) Stats {
	var st Stats
	for i, c := range nb.Cells {
		if c.CellType != "code" {
			continue
		}
		src := string(c.Source)
		setup := IsSetupCell(src) || setupLine.MatchString(src)
		params := c.HasTag(ParametersTag)
		var inputs map[int]bool
		if params {
			inputs = parameterLines(src)
		}
		lines, boiler, syncs := 0, 0, 0
		inImport := false
		n := 0
		for line := range strings.Lines(src) {
			n++
			t := strings.TrimSpace(line)
			if t == "" || t == "%%" {
				continue
			}
			lines++
			switch {
			case inputs[n]:
				// a parameter's declaration: the report's input
			case setup:
				boiler++
			case inImport:
				boiler++
				inImport = t != ")"
			case importLine.MatchString(t):
				boiler++
				inImport = strings.HasSuffix(t, "(")
			case sessionLine.MatchString(t), displaySync.MatchString(t):
				boiler++
			case syncLine.MatchString(t):
				syncs++
			case params && (t == "var (" || t == ")" || strings.HasPrefix(t, "//")):
				boiler++
			}
		}
		if lines == 0 {
			continue
		}
		st.CodeCells++
		st.CodeLines += lines
		st.Boilerplate += boiler
		st.SyncLines += syncs
		if lines > st.LongestCell {
			st.LongestCell, st.LongestAt = lines, i+1
		}
	}
	return st
}

// parameterLines returns the 1-based lines of a parameters cell that
// declare a parameter (see Parameters): a variable's name, or a field of the
// report.Params literal. A cell that does not parse has none.
func parameterLines(src string) map[int]bool {
	c, err := parseCell(src)
	if err != nil {
		return nil
	}
	lines := map[int]bool{}
	at := func(n ast.Node) { lines[c.fset.Position(n.Pos()).Line-1] = true } // the cell starts after the package clause
	for _, vs := range c.specs() {
		if lit := c.sessionLiteral(vs); lit != nil {
			for _, kv := range sessionParams(lit) {
				at(kv)
			}
			continue
		}
		for _, name := range vs.Names {
			at(name)
		}
	}
	return lines
}
