package frames

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"
)

// failed returns a frame that carries err, for the helpers' results.
func failed(format string, args ...any) dataframe.DataFrame {
	return dataframe.DataFrame{Err: fmt.Errorf("frames: "+format, args...)}
}

// checkColumns returns an error naming the first of cols that df lacks,
// and the columns it has; or df's own error.
func checkColumns(what string, df dataframe.DataFrame, cols ...string) error {
	if df.Err != nil {
		return fmt.Errorf("frames: %s: the frame carries an error: %w", what, df.Err)
	}
	names := df.Names()
	for _, c := range cols {
		if !slices.Contains(names, c) {
			return fmt.Errorf("frames: %s: no column %q (columns: %s)", what, c, strings.Join(names, ", "))
		}
	}
	return nil
}

// columnType returns the type of df's column name; df must have it.
func columnType(df dataframe.DataFrame, name string) series.Type {
	return df.Types()[slices.Index(df.Names(), name)]
}

// grouping is df's rows grouped by the values of some columns.
type grouping struct {
	first []int // the first row of each group, in order of first appearance
	of    []int // the group of each row
}

// groupRows groups df's rows by the values of by. With no by, every row is
// in one group, which exists even when df has no rows.
func groupRows(df dataframe.DataFrame, by []string) grouping {
	n := df.Nrow()
	g := grouping{of: make([]int, n)}
	if len(by) == 0 {
		g.first = []int{0}
		return g
	}
	cols := make([][]string, len(by))
	for j, c := range by {
		cols[j] = df.Col(c).Records()
	}
	index := map[string]int{}
	var key strings.Builder
	for i := range n {
		k := cols[0][i]
		if len(cols) > 1 {
			key.Reset()
			for j := range cols {
				key.WriteString(cols[j][i])
				key.WriteByte(0)
			}
			k = key.String()
		}
		gi, ok := index[k]
		if !ok {
			gi = len(g.first)
			index[k] = gi
			g.first = append(g.first, i)
		}
		g.of[i] = gi
	}
	return g
}

// keys returns the by columns of the groups, one row per group, with their
// types; nil with no by.
func (g grouping) keys(df dataframe.DataFrame, by []string) []series.Series {
	if len(by) == 0 {
		return nil
	}
	sub := df.Select(by).Subset(g.first)
	out := make([]series.Series, len(by))
	for j, c := range by {
		out[j] = sub.Col(c)
	}
	return out
}

// comparer compares two rows of a column by value: numbers as numbers,
// bools false first, strings as text.
func comparer(s series.Series) func(i, j int) int {
	switch s.Type() {
	case series.Int, series.Float:
		v := s.Float()
		return func(i, j int) int { return cmp.Compare(v[i], v[j]) }
	default:
		v := s.Records()
		return func(i, j int) int { return cmp.Compare(v[i], v[j]) }
	}
}

// numbers returns a numeric column as float64s, NaN for a missing value.
func numbers(s series.Series) []float64 { return s.Float() }

// isNumeric reports whether t is Gota's int or float type.
func isNumeric(t series.Type) bool { return t == series.Int || t == series.Float }

// frameOf assembles a frame from columns, or one carrying the error.
func frameOf(cols []series.Series) dataframe.DataFrame {
	df := dataframe.New(cols...)
	if df.Err != nil {
		return failed("%v", df.Err)
	}
	return df
}

// outcomeComparer compares outcomes in the order Success, Failure, Other,
// then any other text.
func outcomeComparer(s series.Series) func(i, j int) int {
	v := s.Records()
	rank := func(o string) int {
		if r := slices.Index([]string{OutcomeSuccess, OutcomeFailure, OutcomeOther}, o); r >= 0 {
			return r
		}
		return 3
	}
	return func(i, j int) int {
		if c := cmp.Compare(rank(v[i]), rank(v[j])); c != 0 {
			return c
		}
		return cmp.Compare(v[i], v[j])
	}
}
