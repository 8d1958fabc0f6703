package store

import (
	"fmt"
	"net/url"
	"strings"
	"unsafe"

	"modernc.org/libc"
	sqlite3 "modernc.org/sqlite/lib"
)

// sqliteConn is a connection to a store file through SQLite's C API
// (modernc.org/sqlite/lib: the SQLite that the database/sql driver runs,
// translated to Go), below database/sql: a sync writes its pages through
// one (pageWriter), and a read reads a window's rows into columns through
// others (readColumns, pooled by readConnPool).
//
// Through database/sql and the driver, every value costs far more than
// SQLite itself spends on it: every call into SQLite takes and releases
// the connection's mutex (the driver opens every connection with
// SQLITE_OPEN_FULLMUTEX), every value is boxed, checked and copied into a
// slice made for each statement, the driver looks up each parameter's
// name and argument, copies every string into SQLite's heap and frees it
// after the statement, and hands back every text value as a Go copy.
//
// Writing, binding a value so costs about five times what SQLite spends
// on it, and a sync binds a dozen values per row; a sqliteConn binds them
// straight from the records: integers as they are, text in SQLite's heap
// (see bindText). On the 1M-row BenchmarkStoreSyncWebAPILog (with 16 KiB
// pages and the coverage statements prepared once) this took the store's
// side of a sync from 147,000-177,000 to 445,000-504,000 rows per CPU
// second, and its allocations from 8.6 per row to none (2 cores, load
// 4-6).
//
// Reading, database/sql costs 12 allocations and about 3 µs of CPU a row
// of the Web API Log; a sqliteConn hands each row's values straight to a
// [columnBuilder]: integers as they are, text as a view of SQLite's memory
// (columnText) that the builder copies only when the value is new to its
// column: 77,000 allocations for a million rows instead of 12 million, and
// two to three times the rows per CPU second (BenchmarkReadWebAPILog/first:
// about 250,000-320,000 before, 620,000-910,000 after, on the shared
// 2-core machine).
//
// Memory: no Go memory is handed to SQLite. The C API's out parameters and
// the bound text live in SQLite's own heap (libc.Xmalloc), freed by close;
// what SQLite returns is read through cMemory. Each connection has a
// libc.TLS of its own, closed by close; the only call made from another
// goroutine, interrupt, makes a TLS of its own.
//
// A sqliteConn is opened with SQLITE_OPEN_NOMUTEX, since one goroutine at
// a time uses it (the sync holding the store's sync lock, or the read that
// took it from the pool): it is not safe for concurrent use.
type sqliteConn struct {
	tls  *libc.TLS
	db   uintptr // sqlite3*
	path string
	// out receives the C API's out parameters (the handle of a new
	// connection or statement), in SQLite's heap.
	out uintptr
	// stmts are the statements prepared by cachedStmt, by SQL, kept
	// while the connection is idle in its pool and finalized by close.
	stmts map[string]*sqliteStmt
	// text holds the text bound to the statement being bound and run:
	// textLen of textCap bytes in SQLite's heap; retired are the smaller
	// buffers it outgrew, freed once that statement has run.
	text             uintptr
	textLen, textCap int
	retired          []uintptr
}

// connMode is how a sqliteConn opens its file.
type connMode int

const (
	openReadWrite connMode = iota // reads and writes through the WAL
	openReadOnly                  // reads through the WAL, seeing every transaction committed before a read began
	openImmutable                 // reads a file this process may not write, as immutable (no locks, no WAL)
)

// cMemory is an address of SQLite's memory as a pointer. modernc's libc
// allocates that memory outside Go's heap, so the garbage collector
// neither moves nor frees it.
func cMemory(p uintptr) unsafe.Pointer { return unsafe.Add(unsafe.Pointer(nil), p) }

// outValue is the pointer the last C call wrote to c.out.
func (c *sqliteConn) outValue() uintptr { return *(*uintptr)(cMemory(c.out)) }

// openSQLiteConn opens the existing store file at path in mode, with
// extended result codes and the store's busy timeout, and runs pragmas
// (none when empty) on it.
func openSQLiteConn(path string, mode connMode, pragmas string) (*sqliteConn, error) {
	c := &sqliteConn{tls: libc.NewTLS(), path: path}
	uri := "file:" + (&url.URL{Path: path}).EscapedPath()
	flags := int32(sqlite3.SQLITE_OPEN_NOMUTEX | sqlite3.SQLITE_OPEN_EXRESCODE | sqlite3.SQLITE_OPEN_URI)
	switch mode {
	case openReadWrite:
		flags |= sqlite3.SQLITE_OPEN_READWRITE
	case openImmutable:
		uri += "?mode=ro&immutable=1"
		fallthrough
	case openReadOnly:
		flags |= sqlite3.SQLITE_OPEN_READONLY
	}
	c.out = libc.Xcalloc(c.tls, 1, libc.Tsize_t(unsafe.Sizeof(uintptr(0))))
	name, err := libc.CString(uri)
	if c.out == 0 || err != nil {
		c.close()
		return nil, fmt.Errorf("out of memory")
	}
	rc := sqlite3.Xsqlite3_open_v2(c.tls, name, c.out, flags, 0)
	libc.Xfree(c.tls, name)
	c.db = c.outValue()
	if rc != sqlite3.SQLITE_OK {
		err := c.error(rc)
		c.close()
		return nil, err
	}
	sqlite3.Xsqlite3_busy_timeout(c.tls, c.db, int32(busyTimeout.Milliseconds()))
	if pragmas != "" {
		if err := c.exec(pragmas); err != nil {
			c.close()
			return nil, err
		}
	}
	return c, nil
}

// close finalizes the cached statements and closes the connection (other
// statements still open keep it open until they are finalized), then frees
// its memory and its TLS.
func (c *sqliteConn) close() {
	for _, s := range c.stmts {
		s.finalize()
	}
	c.stmts = nil
	if c.db != 0 {
		sqlite3.Xsqlite3_close_v2(c.tls, c.db)
		c.db = 0
	}
	c.textRan()
	for _, p := range []uintptr{c.text, c.out} {
		if p != 0 {
			libc.Xfree(c.tls, p)
		}
	}
	c.text, c.out, c.textCap = 0, 0, 0
	c.tls.Close()
}

// sqliteConnError is an error SQLite reported on a sqliteConn; its Code is
// SQLite's (extended) result code, as the driver's errors give it (see
// [Store.explain]).
type sqliteConnError struct {
	code int
	msg  string
}

func (e *sqliteConnError) Error() string { return fmt.Sprintf("%s (%d)", e.msg, e.code) }

// Code returns SQLite's result code.
func (e *sqliteConnError) Code() int { return e.code }

// error is the error of result code rc, with the connection's message.
func (c *sqliteConn) error(rc int32) error {
	msg := libc.GoString(sqlite3.Xsqlite3_errstr(c.tls, rc))
	if c.db != 0 && sqlite3.Xsqlite3_extended_errcode(c.tls, c.db)&0xff == rc&0xff {
		msg = libc.GoString(sqlite3.Xsqlite3_errmsg(c.tls, c.db))
	}
	return &sqliteConnError{code: int(rc), msg: msg}
}

// exec runs SQL statements that return no rows.
func (c *sqliteConn) exec(sql string) error {
	z, err := libc.CString(sql)
	if err != nil {
		return err
	}
	defer libc.Xfree(c.tls, z)
	if rc := sqlite3.Xsqlite3_exec(c.tls, c.db, z, 0, 0, 0); rc != sqlite3.SQLITE_OK {
		return fmt.Errorf("%.40s...: %w", sql, c.error(rc))
	}
	return nil
}

// interrupt makes the statement running on c stop with SQLITE_INTERRUPT.
// It is the one call that may be made from another goroutine, and runs on
// a TLS of its own (a libc.TLS is not for concurrent use); it must be over
// before c is closed.
func (c *sqliteConn) interrupt() {
	tls := libc.NewTLS()
	defer tls.Close()
	sqlite3.Xsqlite3_interrupt(tls, c.db)
}

// changes is how many rows the connection's last statement inserted,
// updated or deleted.
func (c *sqliteConn) changes() int {
	return int(sqlite3.Xsqlite3_changes(c.tls, c.db))
}

// sqliteStmt is a prepared statement of a sqliteConn.
type sqliteStmt struct {
	c *sqliteConn
	p uintptr // sqlite3_stmt*
}

// prepare prepares one SQL statement, to be finalized by its caller.
func (c *sqliteConn) prepare(sql string) (*sqliteStmt, error) {
	z, err := libc.CString(sql)
	if err != nil {
		return nil, err
	}
	defer libc.Xfree(c.tls, z)
	if rc := sqlite3.Xsqlite3_prepare_v3(c.tls, c.db, z, -1, sqlite3.SQLITE_PREPARE_PERSISTENT, c.out, 0); rc != sqlite3.SQLITE_OK {
		return nil, fmt.Errorf("prepare %.40s...: %w", sql, c.error(rc))
	}
	return &sqliteStmt{c: c, p: c.outValue()}, nil
}

// cachedStmt returns the statement of sql, prepared on c's first use of
// it and kept until c is closed.
func (c *sqliteConn) cachedStmt(sql string) (*sqliteStmt, error) {
	if s, ok := c.stmts[sql]; ok {
		return s, nil
	}
	s, err := c.prepare(sql)
	if err != nil {
		return nil, err
	}
	if c.stmts == nil {
		c.stmts = map[string]*sqliteStmt{}
	}
	c.stmts[sql] = s
	return s, nil
}

// finalize releases the statement.
func (s *sqliteStmt) finalize() {
	if s != nil && s.p != 0 {
		sqlite3.Xsqlite3_finalize(s.c.tls, s.p)
		s.p = 0
	}
}

// bindInt64 binds parameter i (from 1).
func (s *sqliteStmt) bindInt64(i int, v int64) error {
	if rc := sqlite3.Xsqlite3_bind_int64(s.c.tls, s.p, int32(i), v); rc != sqlite3.SQLITE_OK {
		return s.c.error(rc)
	}
	return nil
}

// bindText binds parameter i (from 1) to a copy of v in the connection's
// text buffer, which SQLite reads in place (SQLITE_STATIC) until the
// statement has run.
func (s *sqliteStmt) bindText(i int, v string) error {
	p, err := s.c.textCopy(v)
	if err != nil {
		return err
	}
	if rc := sqlite3.Xsqlite3_bind_text(s.c.tls, s.p, int32(i), p, int32(len(v)), sqlite3.SQLITE_STATIC); rc != sqlite3.SQLITE_OK {
		return s.c.error(rc)
	}
	return nil
}

// textCopy copies v into the text buffer and returns its address there.
func (c *sqliteConn) textCopy(v string) (uintptr, error) {
	if c.textLen+len(v) >= c.textCap {
		// Grow into a new buffer: what is bound points into this one.
		n := max(2*c.textCap, c.textLen+len(v)+1, 64<<10)
		p := libc.Xmalloc(c.tls, libc.Tsize_t(n))
		if p == 0 {
			return 0, fmt.Errorf("out of memory for %d bytes of text", n)
		}
		if c.text != 0 {
			c.retired = append(c.retired, c.text)
		}
		c.text, c.textLen, c.textCap = p, 0, n
	}
	p := c.text + uintptr(c.textLen)
	copy(unsafe.Slice((*byte)(cMemory(p)), len(v)), v)
	c.textLen += len(v)
	return p, nil
}

// textRan starts the text buffer anew once the statement bound to it has
// run.
func (c *sqliteConn) textRan() {
	for _, p := range c.retired {
		libc.Xfree(c.tls, p)
	}
	c.retired = c.retired[:0]
	c.textLen = 0
}

// step runs the statement to its next row: true when there is one, false
// when it is done.
func (s *sqliteStmt) step() (bool, error) {
	switch rc := sqlite3.Xsqlite3_step(s.c.tls, s.p); rc {
	case sqlite3.SQLITE_ROW:
		return true, nil
	case sqlite3.SQLITE_DONE:
		return false, nil
	default:
		err := s.c.error(rc)
		sqlite3.Xsqlite3_reset(s.c.tls, s.p)
		return false, err
	}
}

// run runs a statement that returns no rows and resets it.
func (s *sqliteStmt) run() error {
	_, err := s.step()
	s.reset()
	return err
}

// reset makes the statement ready to run again and the text buffer ready
// for its next bindings.
func (s *sqliteStmt) reset() {
	sqlite3.Xsqlite3_reset(s.c.tls, s.p)
	s.c.textRan()
}

// columnCount is how many columns the statement's rows have.
func (s *sqliteStmt) columnCount() int {
	return int(sqlite3.Xsqlite3_column_count(s.c.tls, s.p))
}

// columnIsText reports whether result column i (from 0) is declared TEXT.
func (s *sqliteStmt) columnIsText(i int) bool {
	return strings.EqualFold(libc.GoString(sqlite3.Xsqlite3_column_decltype(s.c.tls, s.p, int32(i))), "TEXT")
}

// columnInt64 is column i (from 0) of the current row.
func (s *sqliteStmt) columnInt64(i int) int64 {
	return sqlite3.Xsqlite3_column_int64(s.c.tls, s.p, int32(i))
}

// columnText is column i (from 0) of the current row as text: a view of
// SQLite's memory, valid until the statement steps or is reset.
func (s *sqliteStmt) columnText(i int) string {
	// sqlite3_column_text before sqlite3_column_bytes, as SQLite asks:
	// the text is then UTF-8 and the size its own.
	p := sqlite3.Xsqlite3_column_text(s.c.tls, s.p, int32(i))
	n := sqlite3.Xsqlite3_column_bytes(s.c.tls, s.p, int32(i))
	if p == 0 || n <= 0 {
		return ""
	}
	return unsafe.String((*byte)(cMemory(p)), int(n))
}
