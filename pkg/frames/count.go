package frames

import (
	"errors"

	"github.com/go-gota/gota/dataframe"
)

// errNotYet marks a helper whose body is not written yet.
var errNotYet = errors.New("frames: not yet implemented")

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
	return dataframe.DataFrame{Err: errNotYet}
}

// Top keeps the first n rows of df and sums the rest into one last row:
// its first string column holds restLabel (a "%d" in restLabel is replaced
// by the number of rows summed, as in "%d other keys"), its other string
// and bool columns are empty, and its int and float columns hold the sums
// of the rows it replaces. With n or fewer rows, df comes back unchanged.
// Sort df first ([CountBy] does): Top keeps the order it is given.
func Top(df dataframe.DataFrame, n int, restLabel string) dataframe.DataFrame {
	return dataframe.DataFrame{Err: errNotYet}
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
// sorted by by ascending (sort by another column with Gota's Arrange). With
// no by it is one row over all of df.
//
//	frames.Summarize(web, []string{"friendlyName"},
//		frames.Count("requests"), frames.Distinct("machineCode", "machines"))
func Summarize(df dataframe.DataFrame, by []string, aggs ...Agg) dataframe.DataFrame {
	return dataframe.DataFrame{Err: errNotYet}
}

// Ratio adds the float column name holding num / den per row, for two int
// or float columns; a row whose den is 0 gets NaN (shown as empty).
//
//	frames.Ratio(perMethod, "failed", "requests", "failure rate")
func Ratio(df dataframe.DataFrame, num, den, name string) dataframe.DataFrame {
	return dataframe.DataFrame{Err: errNotYet}
}

// WithTotal appends a total row to df: its first string column holds label
// (such as "Total"), its other string and bool columns are empty, and its
// int and float columns hold their sums (a share column sums to 1), except
// the columns named in blank, left empty (NaN) where a sum means nothing,
// such as a rate.
func WithTotal(df dataframe.DataFrame, label string, blank ...string) dataframe.DataFrame {
	return dataframe.DataFrame{Err: errNotYet}
}
