package store

import (
	"context"
	"errors"
	"fmt"
	"math"
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

// records builds one record per row with t.fromColumns; a big window in
// parts at once, one per processor.
func records[R any](t *table[R], c *Columns) []R {
	if c.n == 0 {
		return nil
	}
	out := make([]R, c.n)
	parts := 1
	if c.n >= parallelReadRows {
		parts = runtime.GOMAXPROCS(0)
	}
	var wg sync.WaitGroup
	for i := range parts {
		lo, hi := c.n*i/parts, c.n*(i+1)/parts
		wg.Go(func() { t.fromColumns(out[lo:hi], c.rows(lo, hi)) })
	}
	wg.Wait()
	return out
}

// rows returns rows [lo, hi) of c, sharing c's memory.
func (c *Columns) rows(lo, hi int) *Columns {
	out := newColumns(c.log, c.names, c.text)
	out.n = hi - lo
	for j := range c.names {
		if c.text[j] {
			out.texts[j] = textCol{dict: c.texts[j].dict, codes: c.texts[j].codes[lo:hi]}
		} else {
			out.ints[j] = c.ints[j][lo:hi]
		}
	}
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

func (c *Columns) colText(name string) textCol {
	if i := c.index(name); i >= 0 && c.text[i] && len(c.texts[i].codes) == c.n {
		return c.texts[i]
	}
	return textCol{dict: []string{""}, codes: make([]uint32, c.n)}
}

// at returns the value of row r.
func (t textCol) at(r int) string { return t.dict[t.codes[r]] }

// columnBuilder collects rows into columns; each text column keeps a
// dictionary of its distinct values. It fills its columns chunk by chunk,
// never copying the rows it holds: a window's size is not always known
// when its read starts.
type columnBuilder struct {
	c      *Columns   // the chunk being filled
	room   int        // the rows c has room for
	chunks []*Columns // the chunks filled before it
	dict   [][]string // per text column: its distinct values
	index  []map[string]uint32
}

// builderChunkRows is the size of a chunk after the first.
const builderChunkRows = 1 << 16

// newColumnBuilder makes empty columns; text says which hold text (by the
// declared type of each column); the first chunk holds capacity rows.
func newColumnBuilder(l Log, names []string, text []bool, capacity int) *columnBuilder {
	b := &columnBuilder{dict: make([][]string, len(names)), index: make([]map[string]uint32, len(names))}
	for j := range names {
		if text[j] {
			b.index[j] = make(map[string]uint32)
		}
	}
	b.room = max(capacity, 1)
	b.c = b.chunk(l, names, text, b.room)
	return b
}

func (b *columnBuilder) chunk(l Log, names []string, text []bool, capacity int) *Columns {
	c := newColumns(l, names, text)
	for j := range names {
		if text[j] {
			c.texts[j].codes = make([]uint32, 0, capacity)
		} else {
			c.ints[j] = make([]int64, 0, capacity)
		}
	}
	return c
}

// addInt appends v to integer column j of the row being added.
func (b *columnBuilder) addInt(j int, v int64) { b.c.ints[j] = append(b.c.ints[j], v) }

// addText appends s to text column j of the row being added. s may be a
// view of memory that changes after the call: it is copied when it is new
// to the column.
func (b *columnBuilder) addText(j int, s string) {
	code, ok := b.index[j][s]
	if !ok {
		s = strings.Clone(s)
		code = uint32(len(b.dict[j]))
		b.index[j][s] = code
		b.dict[j] = append(b.dict[j], s)
	}
	b.c.texts[j].codes = append(b.c.texts[j].codes, code)
}

// endRow ends the row being added.
func (b *columnBuilder) endRow() {
	b.c.n++
	if b.room--; b.room == 0 {
		b.chunks = append(b.chunks, b.c)
		b.room = builderChunkRows
		b.c = b.chunk(b.c.log, b.c.names, b.c.text, b.room)
	}
}

// finish returns the chunks, in the order of their rows.
func (b *columnBuilder) finish() []*Columns {
	chunks := b.chunks
	if b.c.n > 0 || len(chunks) == 0 {
		chunks = append(chunks, b.c)
	}
	for _, c := range chunks {
		for j := range c.names {
			if c.text[j] {
				c.texts[j].dict = b.dict[j]
			}
		}
	}
	return chunks
}

// concat joins parts read in id order, of the same columns, into one,
// one goroutine a column. Parts may share their dictionaries (the chunks
// of one columnBuilder).
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
	var wg sync.WaitGroup
	for j := range first.names {
		if !first.text[j] {
			wg.Go(func() {
				v := make([]int64, 0, n)
				for _, p := range parts {
					v = append(v, p.ints[j]...)
				}
				out.ints[j] = v
			})
			continue
		}
		wg.Go(func() { out.texts[j] = concatText(parts, j, n) })
	}
	wg.Wait()
	return out
}

// concatText joins text column j of parts holding n rows in all: one
// dictionary, and the codes into it.
func concatText(parts []*Columns, j, n int) textCol {
	index := map[string]uint32{}
	t := textCol{codes: make([]uint32, 0, n)}
	var remap []uint32
	var last []string
	for _, p := range parts {
		pt := p.texts[j]
		if !sameDict(pt.dict, last) {
			last, remap = pt.dict, make([]uint32, len(pt.dict))
			for k, s := range pt.dict {
				code, ok := index[s]
				if !ok {
					code = uint32(len(t.dict))
					index[s] = code
					t.dict = append(t.dict, s)
				}
				remap[k] = code
			}
		}
		for _, code := range pt.codes {
			t.codes = append(t.codes, remap[code])
		}
	}
	return t
}

// sameDict reports whether a and b are the same dictionary (one slice).
func sameDict(a, b []string) bool {
	return len(a) == len(b) && len(a) > 0 && &a[0] == &b[0]
}

// readColumnsSQL reads the rows of a table of one account with a time in
// [since, until) and an id in [lo, hi] into columns, size of them in all
// (-1: not known; the id range then stands for it). A big range is cut
// into id parts read at once, each on a read connection of its own ([Store.takeReadConn]) (SQLite in
// WAL mode serves readers in parallel).
func readColumnsSQL(ctx context.Context, s *Store, l Log, name, timeCol string, cols []string, account, since, until, lo, hi int64, size int) (*Columns, error) {
	capacity := func(parts int) int { return size/parts + size/10 }
	if size < 0 {
		size = int(min(hi-lo+1, math.MaxInt32))
		// Ids may be sparse: start small, and grow.
		capacity = func(parts int) int { return min(size/parts+1, 1<<16) }
	}
	parts := 1
	if size >= parallelReadRows {
		parts = min(runtime.GOMAXPROCS(0), 4, size/(parallelReadRows/2))
	}
	query := "SELECT " + strings.Join(cols, ", ") + " FROM " + name + " NOT INDEXED WHERE account = ? AND " +
		timeCol + " >= ? AND " + timeCol + " < ? AND id >= ? AND id <= ? ORDER BY id"
	out := make([][]*Columns, parts)
	errs := make([]error, parts)
	var wg sync.WaitGroup
	span := (hi - lo + 1) / int64(parts)
	for i := range parts {
		from, to := lo+int64(i)*span, lo+int64(i+1)*span-1
		if i == parts-1 {
			to = hi
		}
		wg.Go(func() {
			c, err := s.takeReadConn()
			if err != nil {
				errs[i] = err
				return
			}
			defer func() { s.putReadConn(c, errs[i]) }()
			var b *columnBuilder
			errs[i] = c.readColumns(ctx, query, []int64{account, since, until, from, to}, func(text []bool) *columnBuilder {
				b = newColumnBuilder(l, cols, text, capacity(parts))
				return b
			})
			if b != nil {
				out[i] = b.finish()
			}
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return concat(slices.Concat(out...)), nil
}

// readConnPool keeps a store's idle read connections for its next reads:
// opening one, and reading the schema on its first query, costs about a
// quarter of a millisecond, as much as a small read.
type readConnPool struct {
	mu     sync.Mutex
	idle   []*sqliteConn
	closed bool
}

// readConnsKept is how many idle read connections a store keeps: one for
// each part of a read at once (readColumnsSQL).
const readConnsKept = 4

// readPragmas is what a read connection runs once open, as the store's own
// connections: reads map the file instead of copying its pages.
var readPragmas = fmt.Sprintf("PRAGMA mmap_size = %d", mmapSize)

// takeReadConn returns an idle read connection of s, or a new one.
func (s *Store) takeReadConn() (*sqliteConn, error) {
	p := &s.reads
	p.mu.Lock()
	if n := len(p.idle); n > 0 {
		c := p.idle[n-1]
		p.idle = p.idle[:n-1]
		p.mu.Unlock()
		return c, nil
	}
	p.mu.Unlock()
	return s.openReadConn()
}

// putReadConn gives back a read connection whose read went well, for the
// next read; others are closed.
func (s *Store) putReadConn(c *sqliteConn, err error) {
	p := &s.reads
	p.mu.Lock()
	if err == nil && !p.closed && len(p.idle) < readConnsKept {
		p.idle = append(p.idle, c)
		c = nil
	}
	p.mu.Unlock()
	if c != nil {
		c.close()
	}
}

// close closes the idle read connections; those given back later are
// closed.
func (p *readConnPool) close() {
	p.mu.Lock()
	idle := p.idle
	p.idle, p.closed = nil, true
	p.mu.Unlock()
	for _, c := range idle {
		c.close()
	}
}

// openReadConn opens a read connection on s's file as the store opened
// it: read-only and immutable for a store this process may not write, else
// read-only through the WAL, so it sees every transaction committed before
// the read began.
func (s *Store) openReadConn() (*sqliteConn, error) {
	mode := openReadOnly
	if s.ro {
		mode = openImmutable
	}
	return openSQLiteConn(s.path, mode, readPragmas)
}

// readColumns runs query, which takes integer arguments, and adds every
// row to the columnBuilder start returns; start is told which result
// columns are declared TEXT. A cancelled ctx interrupts the query.
func (c *sqliteConn) readColumns(ctx context.Context, query string, args []int64, start func(text []bool) *columnBuilder) error {
	stmt, err := c.cachedStmt(query)
	if err != nil {
		return err
	}
	defer stmt.reset()
	for i, a := range args {
		if err := stmt.bindInt64(i+1, a); err != nil {
			return err
		}
	}
	text := make([]bool, stmt.columnCount())
	for j := range text {
		text[j] = stmt.columnIsText(j)
	}
	b := start(text)

	// The interrupt runs on the goroutine that watches ctx, and is over
	// before the connection is closed or used again.
	interrupted := make(chan struct{})
	stop := context.AfterFunc(ctx, func() {
		defer close(interrupted)
		c.interrupt()
	})
	defer func() {
		if !stop() {
			<-interrupted
		}
	}()

	for {
		row, err := stmt.step()
		if err != nil || !row {
			if ctxErr := ctx.Err(); ctxErr != nil {
				return ctxErr
			}
			return err
		}
		for j, isText := range text {
			if isText {
				b.addText(j, stmt.columnText(j))
			} else {
				b.addInt(j, stmt.columnInt64(j))
			}
		}
		b.endRow()
	}
}
