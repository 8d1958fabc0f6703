package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"io"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/lensbook/lensbook/pkg/cryptolens"
)

// Columns is a window of one log held column by column, ascending by id:
// what a DataFrame is built from without a record per row. Column names are
// the store's (id, product_id, key, time, ...; see [Columns.Names]); times
// are Unix seconds, 0 for none. Text columns keep each distinct value once.
// The slices a Columns returns belong to the caller, who may change them.
type Columns struct {
	log   Log
	n     int
	names []string
	text  []bool     // per column: text, else integer
	ints  [][]int64  // per column; nil for a text column
	texts []textCol  // per column; zero for an int column
	memo  [][]string // Text's materialized columns
}

// textCol is a text column as a dictionary of its distinct values, in
// order of first appearance, and one code per row.
type textCol struct {
	dict  []string
	codes []uint32
}

// Log returns the log the columns hold.
func (c *Columns) Log() Log { return c.log }

// Len returns the number of rows.
func (c *Columns) Len() int { return c.n }

// Names returns the column names, in the store's order: id first.
func (c *Columns) Names() []string { return slices.Clone(c.names) }

func (c *Columns) index(name string) int { return slices.Index(c.names, name) }

// Int returns an integer column (ids, codes, amounts, times as Unix
// seconds), or nil when the log has no integer column of that name.
func (c *Columns) Int(name string) []int64 {
	i := c.index(name)
	if i < 0 || c.text[i] {
		return nil
	}
	return c.ints[i]
}

// Text returns a text column, or nil when the log has no text column of
// that name. Equal values share their string.
func (c *Columns) Text(name string) []string {
	i := c.index(name)
	if i < 0 || !c.text[i] {
		return nil
	}
	if c.memo[i] == nil {
		t := c.texts[i]
		out := make([]string, len(t.codes))
		for r, code := range t.codes {
			out[r] = t.dict[code]
		}
		c.memo[i] = out
	}
	return c.memo[i]
}

// Codes returns a text column as its distinct values, in order of first
// appearance, and each row's index into them; nil, nil when the log has no
// text column of that name. A frame can be made from them without a
// string per row.
func (c *Columns) Codes(name string) (distinct []string, codes []uint32) {
	i := c.index(name)
	if i < 0 || !c.text[i] {
		return nil, nil
	}
	return slices.Clone(c.texts[i].dict), slices.Clone(c.texts[i].codes)
}

// Distinct returns the distinct values of a text column in order of first
// appearance, or nil when the log has no text column of that name.
func (c *Columns) Distinct(name string) []string {
	i := c.index(name)
	if i < 0 || !c.text[i] {
		return nil
	}
	return slices.Clone(c.texts[i].dict)
}

// newColumns returns empty columns of a log; text says which hold text.
func newColumns(l Log, names []string, text []bool) *Columns {
	return &Columns{log: l, names: names, text: text, ints: make([][]int64, len(names)),
		texts: make([]textCol, len(names)), memo: make([][]string, len(names))}
}

// isText reports whether column i holds text.
func (c *Columns) isText(i int) bool { return c.text[i] }

// subset returns the rows at the given indexes, in that order.
func (c *Columns) subset(rows []int) *Columns {
	out := newColumns(c.log, c.names, c.text)
	out.n = len(rows)
	for j := range c.names {
		if c.isText(j) {
			t := c.texts[j]
			codes := make([]uint32, len(rows))
			for k, r := range rows {
				codes[k] = t.codes[r]
			}
			out.texts[j] = textCol{dict: t.dict, codes: codes}
			continue
		}
		v := make([]int64, len(rows))
		for k, r := range rows {
			v[k] = c.ints[j][r]
		}
		out.ints[j] = v
	}
	return out
}

// where returns the rows that match f, as [Account.WebAPILog] and
// [Account.Events] filter them; c itself when f keeps every row.
func (c *Columns) where(f Filter) *Columns {
	var tests []func(int) bool
	intEq := func(name string, on bool, want int64) {
		if col := c.Int(name); on && col != nil {
			tests = append(tests, func(r int) bool { return col[r] == want })
		}
	}
	textEq := func(name string, want string) {
		i := c.index(name)
		if want == "" || i < 0 || !c.isText(i) {
			return
		}
		t := c.texts[i]
		code := slices.Index(t.dict, want)
		tests = append(tests, func(r int) bool { return code >= 0 && t.codes[r] == uint32(code) })
	}
	switch c.log {
	case WebAPILog, Events:
		intEq("product_id", f.ProductID != 0, int64(f.ProductID))
		textEq("key", f.Key)
		textEq("machine_code", f.MachineCode)
	}
	switch c.log {
	case WebAPILog:
		if states := c.Int("state"); len(f.States) > 0 && states != nil {
			tests = append(tests, func(r int) bool {
				return slices.Contains(f.States, cryptolens.State(states[r]))
			})
		}
		if i := c.index("friendly_name"); f.FriendlyName != "" && i >= 0 && c.isText(i) {
			t := c.texts[i]
			needle := strings.ToLower(f.FriendlyName)
			match := make([]bool, len(t.dict))
			for k, v := range t.dict {
				match[k] = strings.Contains(strings.ToLower(v), needle)
			}
			tests = append(tests, func(r int) bool { return match[t.codes[r]] })
		}
	case Events:
		textEq("feature_name", f.FeatureName)
		textEq("event_name", f.EventName)
	}
	if len(tests) == 0 {
		return c
	}
	var keep []int
	for r := range c.n {
		ok := true
		for _, test := range tests {
			if !test(r) {
				ok = false
				break
			}
		}
		if ok {
			keep = append(keep, r)
		}
	}
	return c.subset(keep)
}

// records builds one record per row with t.fromColumns.
func records[R any](t *table[R], c *Columns) []R {
	out := make([]R, c.n)
	if c.n == 0 {
		return nil
	}
	t.fromColumns(out, c)
	return out
}

// colInt and colText return the column named name for the record
// builders; a column the store lacks or holds as the other kind reads as
// zero values.
func (c *Columns) colInt(name string) []int64 {
	if v := c.Int(name); len(v) == c.n {
		return v
	}
	return make([]int64, c.n)
}

func (c *Columns) colText(name string) []string {
	if v := c.Text(name); len(v) == c.n {
		return v
	}
	return make([]string, c.n)
}

// columnBuilder collects rows from the driver into columns; each text
// column keeps a dictionary of its distinct values.
type columnBuilder struct {
	c     *Columns
	text  []bool
	index []map[string]uint32
}

// newColumnBuilder makes empty columns; text says which hold text (by the
// declared type of each column).
func newColumnBuilder(l Log, names []string, text []bool, capacity int) *columnBuilder {
	b := &columnBuilder{c: newColumns(l, names, text), text: text, index: make([]map[string]uint32, len(names))}
	for j := range names {
		if text[j] {
			b.c.texts[j].codes = make([]uint32, 0, capacity)
			b.index[j] = make(map[string]uint32)
		} else {
			b.c.ints[j] = make([]int64, 0, capacity)
		}
	}
	return b
}

// add appends one row of driver values.
func (b *columnBuilder) add(v []driver.Value) {
	c := b.c
	for j, x := range v {
		if !b.text[j] {
			n, _ := x.(int64)
			c.ints[j] = append(c.ints[j], n)
			continue
		}
		var s string
		switch x := x.(type) {
		case string:
			s = x
		case []byte:
			s = string(x)
		}
		t := &c.texts[j]
		code, ok := b.index[j][s]
		if !ok {
			code = uint32(len(t.dict))
			b.index[j][s] = code
			t.dict = append(t.dict, s)
		}
		t.codes = append(t.codes, code)
	}
	c.n++
}

// concat joins parts read in id order, of the same columns, into one.
func concat(parts []*Columns) *Columns {
	if len(parts) == 1 {
		return parts[0]
	}
	first := parts[0]
	n := 0
	for _, p := range parts {
		n += p.n
	}
	out := newColumns(first.log, first.names, first.text)
	out.n = n
	for j := range first.names {
		if !first.text[j] {
			v := make([]int64, 0, n)
			for _, p := range parts {
				v = append(v, p.ints[j]...)
			}
			out.ints[j] = v
			continue
		}
		index := map[string]uint32{}
		t := textCol{codes: make([]uint32, 0, n)}
		for _, p := range parts {
			pt := p.texts[j]
			remap := make([]uint32, len(pt.dict))
			for k, s := range pt.dict {
				code, ok := index[s]
				if !ok {
					code = uint32(len(t.dict))
					index[s] = code
					t.dict = append(t.dict, s)
				}
				remap[k] = code
			}
			for _, code := range pt.codes {
				t.codes = append(t.codes, remap[code])
			}
		}
		out.texts[j] = t
	}
	return out
}

// readColumnsSQL reads the rows of a table of one account with a time in
// [since, until) and an id in [lo, hi] into columns, size of them in all.
// A big range is cut into id parts read at once over several connections
// (SQLite in WAL mode serves readers in parallel), each through the
// driver's rows without database/sql's conversions.
func readColumnsSQL(ctx context.Context, db *sql.DB, l Log, name, timeCol string, cols []string, account, since, until, lo, hi int64, size int) (*Columns, error) {
	parts := 1
	if size >= parallelReadRows {
		parts = min(runtime.GOMAXPROCS(0), 4, size/(parallelReadRows/2))
	}
	query := "SELECT " + strings.Join(cols, ", ") + " FROM " + name + " NOT INDEXED WHERE account = ? AND " +
		timeCol + " >= ? AND " + timeCol + " < ? AND id >= ? AND id <= ? ORDER BY id"
	out := make([]*Columns, parts)
	errs := make([]error, parts)
	var wg sync.WaitGroup
	span := (hi - lo + 1) / int64(parts)
	for i := range parts {
		from, to := lo+int64(i)*span, lo+int64(i+1)*span-1
		if i == parts-1 {
			to = hi
		}
		wg.Go(func() {
			var b *columnBuilder
			errs[i] = readDriverRows(ctx, db, query, []driver.NamedValue{
				{Ordinal: 1, Value: account}, {Ordinal: 2, Value: since}, {Ordinal: 3, Value: until},
				{Ordinal: 4, Value: from}, {Ordinal: 5, Value: to}}, func(text []bool) func([]driver.Value) {
				b = newColumnBuilder(l, cols, text, size/parts+size/10)
				return b.add
			})
			if b != nil {
				out[i] = b.c
			}
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return concat(out), nil
}

// readDriverRows runs query on a connection of its own, tells start which
// result columns are declared TEXT, and hands each row's driver values to
// the function start returns; the slice is reused.
func readDriverRows(ctx context.Context, db *sql.DB, query string, args []driver.NamedValue, start func(text []bool) func([]driver.Value)) error {
	conn, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	return conn.Raw(func(dc any) error {
		prep, ok := dc.(driver.ConnPrepareContext)
		if !ok {
			return errors.New("the SQLite driver cannot prepare with a context")
		}
		stmt, err := prep.PrepareContext(ctx, query)
		if err != nil {
			return err
		}
		defer stmt.Close()
		sq, ok := stmt.(driver.StmtQueryContext)
		if !ok {
			return errors.New("the SQLite driver cannot query with a context")
		}
		dr, err := sq.QueryContext(ctx, args)
		if err != nil {
			return err
		}
		defer dr.Close()
		names := dr.Columns()
		text := make([]bool, len(names))
		typed, ok := dr.(driver.RowsColumnTypeDatabaseTypeName)
		if !ok {
			return errors.New("the SQLite driver does not tell column types")
		}
		for j := range names {
			text[j] = strings.EqualFold(typed.ColumnTypeDatabaseTypeName(j), "TEXT")
		}
		row := start(text)
		dest := make([]driver.Value, len(names))
		for n := 0; ; n++ {
			if n&4095 == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			if err := dr.Next(dest); err == io.EOF {
				return nil
			} else if err != nil {
				return err
			}
			row(dest)
		}
	})
}
