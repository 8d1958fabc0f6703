package frames

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"
)

// CountBy counts df's rows per distinct combination of the values of cols.
// The result has the columns cols (with their types), then [ColCount] (int)
// and [ColShare] (float: the count divided by df's row count, so the shares
// add up to 1). Rows are sorted by count, most first, then by cols
// ascending. With no cols it is one row: the count of df's rows and a share
// of 1 (0 for an empty frame).
//
// Errors (a missing column, df.Err) are in the result's Err, so calls nest:
//
//	frames.Top(frames.CountBy(frames.Where(web, frames.HasKey()), "key"), 20, "Other keys")
func CountBy(df dataframe.DataFrame, cols ...string) dataframe.DataFrame {
	if err := checkColumns("CountBy", df, cols...); err != nil {
		return dataframe.DataFrame{Err: err}
	}
	g := groupRows(df, cols)
	counts := make([]int, len(g.first))
	for _, gi := range g.of {
		counts[gi]++
	}
	n := df.Nrow()
	shares := make([]float64, len(counts))
	for i, c := range counts {
		if n > 0 {
			shares[i] = float64(c) / float64(n)
		}
	}
	keys := g.keys(df, cols)
	order := make([]int, len(counts))
	for i := range order {
		order[i] = i
	}
	cmps := make([]func(i, j int) int, len(keys))
	for j, k := range keys {
		cmps[j] = comparer(k)
	}
	slices.SortStableFunc(order, func(a, b int) int {
		if c := cmp.Compare(counts[b], counts[a]); c != 0 {
			return c
		}
		for _, f := range cmps {
			if c := f(a, b); c != 0 {
				return c
			}
		}
		return 0
	})
	out := append(keys, series.New(counts, series.Int, ColCount), series.New(shares, series.Float, ColShare))
	return frameOf(out).Subset(order)
}

// Top keeps the first n rows of df and sums the rest into one last row:
// its first string column holds restLabel (a "%d" in restLabel is replaced
// by the number of rows summed, as in "%d other keys"), its other string
// and bool columns are empty, and its int and float columns hold the sums
// of the rows it replaces. With n or fewer rows, df comes back unchanged;
// with restLabel "", the rest is dropped rather than summed.
// Sort df first ([CountBy] does): Top keeps the order it is given.
func Top(df dataframe.DataFrame, n int, restLabel string) dataframe.DataFrame {
	if df.Err != nil {
		return df
	}
	n = max(n, 0)
	if df.Nrow() <= n {
		return df
	}
	rest := make([]int, 0, df.Nrow()-n)
	for i := n; i < df.Nrow(); i++ {
		rest = append(rest, i)
	}
	head := make([]int, n)
	for i := range head {
		head[i] = i
	}
	if restLabel == "" {
		return df.Subset(head)
	}
	label := strings.Replace(restLabel, "%d", strconv.Itoa(len(rest)), 1)
	return rbind("Top", df.Subset(head), sumRow(df.Subset(rest), label, nil))
}

// An Agg is one summary column that [Summarize] computes per group.
type Agg struct {
	name string // the result column
	col  string // the column it reads; "" for Count
	kind aggKind
	cond []Cond // CountWhere's conditions
}

type aggKind int

const (
	aggCount aggKind = iota
	aggCountWhere
	aggDistinct
	aggSum
	aggMin
	aggMax
	aggMean
)

// Count is the number of rows of the group, as the int column name.
func Count(name string) Agg { return Agg{name: name, kind: aggCount} }

// CountWhere is the number of rows of the group that match every one of
// conds, as the int column name: CountWhere("failed", Failed()).
func CountWhere(name string, conds ...Cond) Agg {
	return Agg{name: name, kind: aggCountWhere, cond: conds}
}

// Distinct is the number of distinct non-empty values of col in the group,
// as the int column name; for the machineCode column the codes are compared
// as they are stored.
func Distinct(col, name string) Agg { return Agg{name: name, col: col, kind: aggDistinct} }

// Sum is the sum of the int or float column col in the group, as a column
// name of the same type.
func Sum(col, name string) Agg { return Agg{name: name, col: col, kind: aggSum} }

// Min is the smallest value of col in the group (ints, floats, or strings
// such as RFC 3339 times, which sort as text), as a column name of col's
// type.
func Min(col, name string) Agg { return Agg{name: name, col: col, kind: aggMin} }

// Max is the largest value of col in the group; see [Min].
func Max(col, name string) Agg { return Agg{name: name, col: col, kind: aggMax} }

// Mean is the mean of the int or float column col in the group, as the
// float column name.
func Mean(col, name string) Agg { return Agg{name: name, col: col, kind: aggMean} }

// Summarize groups df's rows by the values of by and computes aggs per
// group. The result has the columns by, then one column per Agg, in order,
// sorted by by ascending, outcomes in the order Success, Failure, Other
// (sort by another column with Gota's Arrange). With no by it is one row
// over all of df.
//
//	frames.Summarize(web, []string{"friendlyName"},
//		frames.Count("requests"), frames.Distinct("machineCode", "machines"))
func Summarize(df dataframe.DataFrame, by []string, aggs ...Agg) dataframe.DataFrame {
	need := slices.Clone(by)
	for _, a := range aggs {
		if a.col != "" {
			need = append(need, a.col)
		}
	}
	if err := checkColumns("Summarize", df, need...); err != nil {
		return dataframe.DataFrame{Err: err}
	}
	g := groupRows(df, by)
	out := g.keys(df, by)
	for _, a := range aggs {
		s, err := a.compute(df, g)
		if err != nil {
			return dataframe.DataFrame{Err: err}
		}
		out = append(out, s)
	}
	if len(out) == 0 {
		return failed("Summarize: no by columns and no aggregations")
	}
	res := frameOf(out)
	if len(by) == 0 || res.Err != nil {
		return res
	}
	cmps := make([]func(i, j int) int, len(by))
	for j := range by {
		cmps[j] = comparer(out[j])
		if by[j] == ColOutcome {
			cmps[j] = outcomeComparer(out[j])
		}
	}
	order := make([]int, len(g.first))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		for _, f := range cmps {
			if c := f(a, b); c != 0 {
				return c
			}
		}
		return 0
	})
	return res.Subset(order)
}

// Ratio adds the float column name holding num / den per row, for two int
// or float columns; a row whose den is 0 gets NaN (shown as empty).
//
//	frames.Ratio(perMethod, "failed", "requests", "failure rate")
func Ratio(df dataframe.DataFrame, num, den, name string) dataframe.DataFrame {
	if err := checkColumns("Ratio", df, num, den); err != nil {
		return dataframe.DataFrame{Err: err}
	}
	for _, c := range []string{num, den} {
		if t := columnType(df, c); !isNumeric(t) {
			return failed("Ratio: column %q is %s, want int or float", c, t)
		}
	}
	n, d := numbers(df.Col(num)), numbers(df.Col(den))
	out := make([]float64, len(n))
	for i := range out {
		out[i] = math.NaN()
		if d[i] != 0 {
			out[i] = n[i] / d[i]
		}
	}
	return df.Mutate(series.New(out, series.Float, name))
}

// WithTotal appends a total row to df: its first string column holds label
// (such as "Total"), its other string and bool columns are empty, and its
// int and float columns hold their sums (a share column sums to 1), except
// the columns named in blank, left empty (NaN) where a sum means nothing,
// such as a rate.
func WithTotal(df dataframe.DataFrame, label string, blank ...string) dataframe.DataFrame {
	if err := checkColumns("WithTotal", df, blank...); err != nil {
		return dataframe.DataFrame{Err: err}
	}
	return rbind("WithTotal", df, sumRow(df, label, blank))
}

// sumRow is a one-row frame with df's columns: the first string column
// holds label, other string and bool columns are missing values, int and
// float columns hold their sums (missing for the columns in blank).
func sumRow(df dataframe.DataFrame, label string, blank []string) dataframe.DataFrame {
	labelled := false
	cols := make([]series.Series, df.Ncol())
	for j, name := range df.Names() {
		c := df.Col(name)
		var s series.Series
		switch c.Type() {
		case series.Int:
			v, _ := c.Int()
			total := 0
			for _, x := range v {
				total += x
			}
			s = series.New([]int{total}, series.Int, name)
		case series.Float:
			total := 0.0
			for _, x := range c.Float() {
				if !math.IsNaN(x) {
					total += x
				}
			}
			s = series.New([]float64{total}, series.Float, name)
		case series.String:
			text := ""
			if !labelled {
				text, labelled = label, true
			}
			s = series.New([]string{text}, series.String, name)
		default:
			s = series.New([]bool{false}, c.Type(), name)
			s.Elem(0).Set(nil)
		}
		if slices.Contains(blank, name) {
			s.Elem(0).Set(nil)
		}
		cols[j] = s
	}
	return dataframe.New(cols...)
}

// rbind appends the rows of more to df.
func rbind(what string, df, more dataframe.DataFrame) dataframe.DataFrame {
	out := df.RBind(more)
	if out.Err != nil {
		return failed("%s: %v", what, out.Err)
	}
	return out
}

// compute makes the Agg's column over the groups of df.
func (a Agg) compute(df dataframe.DataFrame, g grouping) (series.Series, error) {
	n := len(g.first)
	switch a.kind {
	case aggCount, aggCountWhere:
		mask := make([]bool, df.Nrow())
		for i := range mask {
			mask[i] = true
		}
		for _, c := range a.cond {
			if err := c.and(df, mask); err != nil {
				return series.Series{}, fmt.Errorf("frames: CountWhere %q: %w", a.name, err)
			}
		}
		counts := make([]int, n)
		for i, gi := range g.of {
			if mask[i] {
				counts[gi]++
			}
		}
		return series.New(counts, series.Int, a.name), nil
	case aggDistinct:
		vals := df.Col(a.col).Records()
		type pair struct {
			g int
			v string
		}
		seen := map[pair]bool{}
		counts := make([]int, n)
		for i, gi := range g.of {
			if vals[i] == "" || seen[pair{gi, vals[i]}] {
				continue
			}
			seen[pair{gi, vals[i]}] = true
			counts[gi]++
		}
		return series.New(counts, series.Int, a.name), nil
	}
	col := df.Col(a.col)
	t := col.Type()
	if a.kind != aggMin && a.kind != aggMax && !isNumeric(t) {
		return series.Series{}, fmt.Errorf("frames: Summarize %q: column %q is %s, want int or float", a.name, a.col, t)
	}
	if t == series.String || t == series.Bool {
		vals := col.Records()
		out := make([]string, n)
		set := make([]bool, n)
		for i, gi := range g.of {
			v := vals[i]
			if !set[gi] || (a.kind == aggMin && v < out[gi]) || (a.kind == aggMax && v > out[gi]) {
				out[gi], set[gi] = v, true
			}
		}
		return series.New(out, series.String, a.name), nil
	}
	vals := numbers(col)
	acc := make([]float64, n)
	seen := make([]int, n)
	for i, gi := range g.of {
		v := vals[i]
		if math.IsNaN(v) {
			continue
		}
		switch {
		case seen[gi] == 0 || a.kind == aggSum || a.kind == aggMean:
			if seen[gi] == 0 {
				acc[gi] = v
			} else {
				acc[gi] += v
			}
		case a.kind == aggMin:
			acc[gi] = math.Min(acc[gi], v)
		case a.kind == aggMax:
			acc[gi] = math.Max(acc[gi], v)
		}
		seen[gi]++
	}
	for gi := range acc {
		switch {
		case seen[gi] == 0 && a.kind != aggSum:
			acc[gi] = math.NaN()
		case a.kind == aggMean:
			acc[gi] /= float64(seen[gi])
		}
	}
	if t == series.Int && a.kind != aggMean {
		out := series.New(acc, series.Int, a.name)
		for gi := range acc {
			if math.IsNaN(acc[gi]) {
				out.Elem(gi).Set(nil)
			}
		}
		return out, nil
	}
	return series.New(acc, series.Float, a.name), nil
}
