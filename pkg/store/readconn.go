package store

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"sync"
	"unsafe"

	"modernc.org/libc"
	sqlite3 "modernc.org/sqlite/lib"
)

// A readConn is a read-only SQLite connection to the store file of its
// own, below database/sql, for reading a window's rows into columns.
//
// Through database/sql every value of every row costs a call that takes
// and releases the connection's mutex (the driver opens every connection
// with SQLITE_OPEN_FULLMUTEX), an interface value, and for text a Go copy
// of the string: 12 allocations and about 3 µs of CPU a row of the Web
// API Log. A readConn is opened with SQLITE_OPEN_NOMUTEX, since one
// goroutine uses it, and hands each row's values straight to a
// [columnBuilder]: integers as they are, text as a view of SQLite's memory
// that the builder copies only when the value is new to its column: 77,000
// allocations for a million rows instead of 12 million, and two to three
// times the rows per CPU second (BenchmarkReadWebAPILog/first: about
// 250,000-320,000 before, 620,000-910,000 after, on the shared 2-core
// machine).
//
// It opens the file as the store did: read-only and immutable for a store
// this process may not write, else read-only through the WAL, so it sees
// every transaction committed before the read began.
type readConn struct {
	tls   *libc.TLS
	db    uintptr
	stmts map[string]uintptr // prepared statements by query, kept while the readConn is idle
}

// readConnPool keeps a store's idle readConns for its next reads: opening
// one, and reading the schema on its first query, costs about a quarter of
// a millisecond, as much as a small read.
type readConnPool struct {
	mu     sync.Mutex
	idle   []*readConn
	closed bool
}

// readConnsKept is how many idle readConns a store keeps: one for each
// part of a read at once (readColumnsSQL).
const readConnsKept = 4

// takeReadConn returns an idle readConn of s, or a new one.
func (s *Store) takeReadConn() (*readConn, error) {
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

// putReadConn gives back a readConn whose read went well, for the next
// read; others are closed.
func (s *Store) putReadConn(c *readConn, err error) {
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

// close closes the idle readConns; readConns given back later are closed.
func (p *readConnPool) close() {
	p.mu.Lock()
	idle := p.idle
	p.idle, p.closed = nil, true
	p.mu.Unlock()
	for _, c := range idle {
		c.close()
	}
}

// openReadConn opens a readConn on s's file.
func (s *Store) openReadConn() (*readConn, error) {
	dsn := "file:" + (&url.URL{Path: s.path}).EscapedPath()
	if s.ro {
		dsn += "?mode=ro&immutable=1"
	}
	c := &readConn{tls: libc.NewTLS()}
	name, err := libc.CString(dsn)
	if err != nil {
		c.tls.Close()
		return nil, err
	}
	defer libc.Xfree(c.tls, name)
	out := c.tls.Alloc(int(unsafe.Sizeof(uintptr(0))))
	defer c.tls.Free(int(unsafe.Sizeof(uintptr(0))))
	rc := sqlite3.Xsqlite3_open_v2(c.tls, name, out, sqlite3.SQLITE_OPEN_READONLY|sqlite3.SQLITE_OPEN_NOMUTEX|sqlite3.SQLITE_OPEN_URI, 0)
	c.db = *(*uintptr)(cMemory(out))
	if rc != sqlite3.SQLITE_OK {
		err := c.error(rc)
		c.close()
		return nil, err
	}
	sqlite3.Xsqlite3_extended_result_codes(c.tls, c.db, 1)
	sqlite3.Xsqlite3_busy_timeout(c.tls, c.db, int32(busyTimeout.Milliseconds()))
	// As the store's own connections: reads map the file instead of
	// copying its pages.
	if err := c.exec("PRAGMA mmap_size = 1073741824"); err != nil {
		c.close()
		return nil, err
	}
	return c, nil
}

// cMemory is an address of SQLite's memory as a pointer. modernc's libc
// allocates that memory outside Go's heap, so the garbage collector
// neither moves nor frees it.
func cMemory(p uintptr) unsafe.Pointer { return unsafe.Add(unsafe.Pointer(nil), p) }

// readError is an error SQLite reported on a readConn; its Code is
// SQLite's (extended) result code, as the driver's errors give it.
type readError struct {
	code int
	msg  string
}

func (e *readError) Error() string { return fmt.Sprintf("%s (%d)", e.msg, e.code) }

// Code returns SQLite's result code.
func (e *readError) Code() int { return e.code }

func (c *readConn) error(rc int32) error {
	msg := sqlite3.Xsqlite3_errstr(c.tls, rc)
	if c.db != 0 {
		msg = sqlite3.Xsqlite3_errmsg(c.tls, c.db)
	}
	return &readError{code: int(rc), msg: libc.GoString(msg)}
}

func (c *readConn) exec(sql string) error {
	s, err := libc.CString(sql)
	if err != nil {
		return err
	}
	defer libc.Xfree(c.tls, s)
	if rc := sqlite3.Xsqlite3_exec(c.tls, c.db, s, 0, 0, 0); rc != sqlite3.SQLITE_OK {
		return c.error(rc)
	}
	return nil
}

func (c *readConn) close() {
	for _, stmt := range c.stmts {
		sqlite3.Xsqlite3_finalize(c.tls, stmt)
	}
	if c.db != 0 {
		sqlite3.Xsqlite3_close_v2(c.tls, c.db)
	}
	c.tls.Close()
}

// prepare returns the prepared statement of query, prepared once.
func (c *readConn) prepare(query string) (uintptr, error) {
	if stmt, ok := c.stmts[query]; ok {
		return stmt, nil
	}
	q, err := libc.CString(query)
	if err != nil {
		return 0, err
	}
	defer libc.Xfree(c.tls, q)
	out := c.tls.Alloc(int(unsafe.Sizeof(uintptr(0))))
	defer c.tls.Free(int(unsafe.Sizeof(uintptr(0))))
	if rc := sqlite3.Xsqlite3_prepare_v2(c.tls, c.db, q, -1, out, 0); rc != sqlite3.SQLITE_OK {
		return 0, c.error(rc)
	}
	stmt := *(*uintptr)(cMemory(out))
	if c.stmts == nil {
		c.stmts = map[string]uintptr{}
	}
	c.stmts[query] = stmt
	return stmt, nil
}

// readColumns runs query, which takes integer arguments, and adds every
// row to the columnBuilder start returns; start is told which result
// columns are declared TEXT. A cancelled ctx interrupts the query.
func (c *readConn) readColumns(ctx context.Context, query string, args []int64, start func(text []bool) *columnBuilder) error {
	stmt, err := c.prepare(query)
	if err != nil {
		return err
	}
	defer sqlite3.Xsqlite3_reset(c.tls, stmt)
	for i, a := range args {
		if rc := sqlite3.Xsqlite3_bind_int64(c.tls, stmt, int32(i+1), a); rc != sqlite3.SQLITE_OK {
			return c.error(rc)
		}
	}
	text := make([]bool, sqlite3.Xsqlite3_column_count(c.tls, stmt))
	for j := range text {
		text[j] = strings.EqualFold(libc.GoString(sqlite3.Xsqlite3_column_decltype(c.tls, stmt, int32(j))), "TEXT")
	}
	b := start(text)

	// The interrupt runs on the goroutine that watches ctx, with a TLS of
	// its own (a libc.TLS is not for concurrent use), and is over before
	// the statement is finalized.
	interrupted := make(chan struct{})
	stop := context.AfterFunc(ctx, func() {
		defer close(interrupted)
		tls := libc.NewTLS()
		defer tls.Close()
		sqlite3.Xsqlite3_interrupt(tls, c.db)
	})
	defer func() {
		if !stop() {
			<-interrupted
		}
	}()

	for {
		switch rc := sqlite3.Xsqlite3_step(c.tls, stmt); rc {
		case sqlite3.SQLITE_ROW:
		case sqlite3.SQLITE_DONE:
			return ctx.Err()
		default:
			if err := ctx.Err(); err != nil {
				return err
			}
			return c.error(rc)
		}
		for j, isText := range text {
			if !isText {
				b.addInt(j, sqlite3.Xsqlite3_column_int64(c.tls, stmt, int32(j)))
				continue
			}
			// sqlite3_column_text before sqlite3_column_bytes, as
			// SQLite asks: the text is then UTF-8 and the size its own.
			p := sqlite3.Xsqlite3_column_text(c.tls, stmt, int32(j))
			n := sqlite3.Xsqlite3_column_bytes(c.tls, stmt, int32(j))
			var s string
			if p != 0 && n > 0 {
				s = unsafe.String((*byte)(cMemory(p)), int(n))
			}
			b.addText(j, s)
		}
		b.endRow()
	}
}
