package store

import (
	"fmt"
	"unsafe"

	"modernc.org/libc"
	sqlite3 "modernc.org/sqlite/lib"
)

// sqliteConn is a connection to a store file through SQLite's C API
// (modernc.org/sqlite/lib: the SQLite that the database/sql driver runs,
// translated to Go), which a sync writes its pages through.
//
// Through database/sql and the driver, binding a value costs about five
// times what SQLite itself spends on it: every value is boxed, checked and
// copied into a slice made for each statement, the driver looks up each
// parameter's name and argument, copies every string into SQLite's heap
// and frees it after the statement, and every call into SQLite takes the
// connection's mutex. A sync binds a dozen values per row, so this path
// binds them straight from the records: integers as they are, text in
// SQLite's heap (see bindText), on a connection opened without a
// mutex because one goroutine at a time uses it (the sync holding the store's
// sync lock). No Go memory is handed to SQLite: text is copied into a
// buffer in SQLite's own heap, bound without a further copy. It also leaves foreign keys unchecked: a sync writes only
// its own account, whose row it has read, and no code deletes accounts.
//
// On the 1M-row BenchmarkStoreSyncWebAPILog (with 16 KiB pages and the
// coverage statements prepared once) this took the store's side of a sync
// from 147,000-177,000 to 445,000-504,000 rows per CPU second, and its
// allocations from 8.6 per row to none (2 cores, load 4-6).
//
// A sqliteConn is not safe for concurrent use.
type sqliteConn struct {
	tls  *libc.TLS
	db   uintptr // sqlite3*
	path string
	// out receives the C API's out parameters (the handle of a new
	// connection or statement), in SQLite's heap.
	out uintptr
	// text holds the text bound to the statement being bound and run:
	// textLen of textCap bytes in SQLite's heap; retired are the smaller
	// buffers it outgrew, freed once that statement has run.
	text             uintptr
	textLen, textCap int
	retired          []uintptr
}

// outValue is the pointer the last C call wrote to c.out.
func (c *sqliteConn) outValue() uintptr { return *(*uintptr)(cMemory(c.out)) }

// openSQLiteConn opens a connection to the existing store file at path, set
// up as [Open] sets up its own, but with foreign keys unchecked (see
// sqliteConn).
func openSQLiteConn(path string) (*sqliteConn, error) {
	c := &sqliteConn{tls: libc.NewTLS(), path: path}
	c.out = libc.Xcalloc(c.tls, 1, libc.Tsize_t(unsafe.Sizeof(uintptr(0))))
	name, err := libc.CString(path)
	if c.out == 0 || err != nil {
		c.close()
		return nil, fmt.Errorf("out of memory")
	}
	rc := sqlite3.Xsqlite3_open_v2(c.tls, name, c.out,
		sqlite3.SQLITE_OPEN_READWRITE|sqlite3.SQLITE_OPEN_NOMUTEX|sqlite3.SQLITE_OPEN_EXRESCODE, 0)
	libc.Xfree(c.tls, name)
	c.db = c.outValue()
	if rc != sqlite3.SQLITE_OK {
		err := c.error(rc)
		c.close()
		return nil, err
	}
	sqlite3.Xsqlite3_busy_timeout(c.tls, c.db, int32(busyTimeout.Milliseconds()))
	if err := c.exec(fmt.Sprintf(`PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = OFF;
		PRAGMA mmap_size = %d; PRAGMA cache_size = %d`, mmapSize, cacheSize)); err != nil {
		c.close()
		return nil, err
	}
	return c, nil
}

// close closes the connection; statements still open keep it open until
// they are finalized.
func (c *sqliteConn) close() {
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

// writeError is an error SQLite reported on a sqliteConn; its Code is
// SQLite's (extended) result code.
type writeError struct {
	code int
	msg  string
}

func (e *writeError) Error() string { return fmt.Sprintf("%s (%d)", e.msg, e.code) }

// Code returns SQLite's result code.
func (e *writeError) Code() int { return e.code }

// error is the error of result code rc, with the connection's message.
func (c *sqliteConn) error(rc int32) error {
	msg := libc.GoString(sqlite3.Xsqlite3_errstr(c.tls, rc))
	if c.db != 0 && sqlite3.Xsqlite3_extended_errcode(c.tls, c.db)&0xff == rc&0xff {
		msg = libc.GoString(sqlite3.Xsqlite3_errmsg(c.tls, c.db))
	}
	return &writeError{code: int(rc), msg: msg}
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

// sqliteStmt is a prepared statement of a sqliteConn.
type sqliteStmt struct {
	c *sqliteConn
	p uintptr // sqlite3_stmt*
}

// prepare prepares one SQL statement.
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

// columnInt64 is column i (from 0) of the current row.
func (s *sqliteStmt) columnInt64(i int) int64 {
	return sqlite3.Xsqlite3_column_int64(s.c.tls, s.p, int32(i))
}

// changes is how many rows the connection's last statement inserted,
// updated or deleted.
func (c *sqliteConn) changes() int {
	return int(sqlite3.Xsqlite3_changes(c.tls, c.db))
}
