package store

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/crc32"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"
)

// A window snapshot is the columns of one window of one log, written beside
// the store file (in the folder PATH.windows) the first time a big window is
// read, so that the next read of the same window (the next cell of a
// notebook, the next render of a report) decodes a compact file instead of
// reading and converting every row through SQL again.
//
// A snapshot is named by the store file's identity (a random id made with
// the file), the account, the log, the window's bounds and the window's
// content as the time index tells it: the number of rows in the window and
// their lowest and highest ids. Rows are immutable and never deleted, so a
// window whose count and id bounds are unchanged holds the same rows; a
// sync that adds a row to the window changes its count and so its name.
// The name is two hashes, of the window, then of its content: a read finds
// the window's snapshots before counting its rows, decodes the newest one
// while the count runs, and uses it only when the count gives its name.
// A snapshot that fails its checksum, or that cannot be written (a
// read-only store), is ignored: the window is read through SQL.

const (
	// snapshotMinRows is the smallest window that gets a snapshot: smaller
	// ones read through SQL in a few milliseconds.
	snapshotMinRows = 20_000
	// snapshotsKept is how many snapshots the folder keeps, newest used
	// first, and snapshotBytesKept how many bytes at most (a 30-day window
	// of a 1,000,000-row month, 409,000 rows, is about 8 MB: 19 bytes a
	// row); the others are removed when one is written.
	snapshotsKept     = 8
	snapshotBytesKept = 512 << 20
	// snapshotMagic starts every snapshot file; its last byte is the
	// format's version.
	snapshotMagic = "LBWIN\x01"
	snapshotExt   = ".win"
)

var crcTable = crc32.MakeTable(crc32.Castagnoli)

// snapshotDir is the folder of the store's window snapshots.
func (s *Store) snapshotDir() string { return s.path + ".windows" }

// storeID returns the file's random identity (schema version 2), read once.
func (s *Store) storeID(ctx context.Context) (string, error) {
	s.idOnce.Do(func() {
		s.idErr = s.db.QueryRowContext(ctx, "SELECT id FROM store_id").Scan(&s.id)
	})
	return s.id, s.idErr
}

// windowKey describes a window's content: see the comment above.
type windowKey struct {
	log           Log
	since, until  int64
	lo, hi        int64
	count         int
	fingerprint   string
	storeIdentity string
}

// name is the snapshot's file name: a hash of the window, then a hash of
// its content, so that the snapshots of a window are found without
// counting its rows (see [Store.newestSnapshot]).
func (k windowKey) name() string {
	window := sha256.Sum256(fmt.Appendf(nil, "%s\x00%s\x00%s\x00%d\x00%d\x00%q",
		k.storeIdentity, k.fingerprint, k.log, k.since, k.until, snapshotMagic))
	content := sha256.Sum256(fmt.Appendf(nil, "%x\x00%d\x00%d\x00%d", window, k.lo, k.hi, k.count))
	return hex.EncodeToString(window[:12]) + "-" + hex.EncodeToString(content[:12]) + snapshotExt
}

// newestSnapshot returns the path of the most recently used snapshot of
// k's window (whatever its content), or "" when there is none.
func (s *Store) newestSnapshot(k windowKey) string {
	prefix, _, _ := strings.Cut(k.name(), "-")
	entries, err := os.ReadDir(s.snapshotDir())
	if err != nil {
		return ""
	}
	var newest string
	var mod time.Time
	for _, e := range entries {
		if !strings.HasPrefix(e.Name(), prefix+"-") || !strings.HasSuffix(e.Name(), snapshotExt) {
			continue
		}
		if info, err := e.Info(); err == nil && info.Mode().IsRegular() && (newest == "" || info.ModTime().After(mod)) {
			newest, mod = e.Name(), info.ModTime()
		}
	}
	if newest == "" {
		return ""
	}
	return filepath.Join(s.snapshotDir(), newest)
}

// decodeSnapshotFile returns the columns of the snapshot at path, or nil
// when it does not read back whole with the given columns.
func decodeSnapshotFile(l Log, path string, names []string) *Columns {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil
	}
	c, err := decodeColumns(l, data)
	if err != nil || !slices.Equal(c.names, names) {
		return nil
	}
	return c
}

// touch marks a snapshot as used now: the newest used ones are kept.
func touch(path string) {
	now := time.Now()
	_ = os.Chtimes(path, now, now)
}

// saveSnapshot writes c as the snapshot named by k, atomically, and prunes
// the folder. Failures are not errors: the snapshot is a cache.
func (s *Store) saveSnapshot(k windowKey, c *Columns) {
	if s.ro {
		return
	}
	dir := s.snapshotDir()
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return
	}
	f, err := os.CreateTemp(dir, "write-*.tmp")
	if err != nil {
		return
	}
	_, werr := f.Write(encodeColumns(c))
	if cerr := f.Close(); werr == nil {
		werr = cerr
	}
	if werr == nil {
		werr = os.Rename(f.Name(), filepath.Join(dir, k.name()))
	}
	if werr != nil {
		os.Remove(f.Name())
		return
	}
	pruneSnapshots(dir)
}

// pruneSnapshots keeps the most recently used snapshots, at most
// snapshotsKept of them and snapshotBytesKept bytes, and removes the rest,
// and any temporary file an interrupted write left behind over an hour ago.
func pruneSnapshots(dir string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	type file struct {
		name string
		mod  time.Time
		size int64
	}
	var wins []file
	for _, e := range entries {
		info, err := e.Info()
		if err != nil || !info.Mode().IsRegular() {
			continue
		}
		switch {
		case strings.HasSuffix(e.Name(), snapshotExt):
			wins = append(wins, file{e.Name(), info.ModTime(), info.Size()})
		case strings.HasSuffix(e.Name(), ".tmp") && time.Since(info.ModTime()) > time.Hour:
			os.Remove(filepath.Join(dir, e.Name()))
		}
	}
	slices.SortFunc(wins, func(a, b file) int { return b.mod.Compare(a.mod) })
	var total int64
	for i, w := range wins {
		total += w.size
		if i >= snapshotsKept || (i > 0 && total > snapshotBytesKept) {
			os.Remove(filepath.Join(dir, w.name))
		}
	}
}

// encodeColumns writes columns as: the magic, the row and column counts,
// each column's name and kind (0 integer, 1 text), then each column's
// values (integers as zigzag varints of the difference from the row
// before; text as its dictionary, then one varint code per row), then a
// CRC-32C of everything before it. The columns are encoded at once, one
// goroutine each.
func encodeColumns(c *Columns) []byte {
	b := []byte(snapshotMagic)
	b = binary.AppendUvarint(b, uint64(c.n))
	b = binary.AppendUvarint(b, uint64(len(c.names)))
	for j, name := range c.names {
		b = binary.AppendUvarint(b, uint64(len(name)))
		b = append(b, name...)
		kind := byte(0)
		if c.text[j] {
			kind = 1
		}
		b = append(b, kind)
	}
	cols := make([][]byte, len(c.names))
	var wg sync.WaitGroup
	for j := range c.names {
		wg.Go(func() { cols[j] = encodeColumn(c, j) })
	}
	wg.Wait()
	size := len(b) + 4
	for _, col := range cols {
		size += len(col)
	}
	b = slices.Grow(b, size-len(b))
	for _, col := range cols {
		b = append(b, col...)
	}
	return binary.LittleEndian.AppendUint32(b, crc32.Checksum(b, crcTable))
}

// encodeColumn returns the values of column j as encodeColumns writes
// them.
func encodeColumn(c *Columns, j int) []byte {
	if !c.text[j] {
		b := make([]byte, 0, 2*c.n)
		prev := int64(0)
		for _, v := range c.ints[j] {
			b = binary.AppendVarint(b, v-prev)
			prev = v
		}
		return b
	}
	t := c.texts[j]
	b := make([]byte, 0, 2*c.n)
	b = binary.AppendUvarint(b, uint64(len(t.dict)))
	for _, s := range t.dict {
		b = binary.AppendUvarint(b, uint64(len(s)))
		b = append(b, s...)
	}
	for _, code := range t.codes {
		b = binary.AppendUvarint(b, uint64(code))
	}
	return b
}

var errBadSnapshot = errors.New("not a whole window snapshot")

// decodeColumns reads what encodeColumns wrote.
func decodeColumns(l Log, data []byte) (*Columns, error) {
	if len(data) < len(snapshotMagic)+4 || string(data[:len(snapshotMagic)]) != snapshotMagic {
		return nil, errBadSnapshot
	}
	body := data[:len(data)-4]
	if crc32.Checksum(body, crcTable) != binary.LittleEndian.Uint32(data[len(data)-4:]) {
		return nil, errBadSnapshot
	}
	// Every string of the snapshot is a part of this one copy.
	text := string(body)
	d := decoder{b: body, s: text, pos: len(snapshotMagic)}
	n, ncols := d.uvarint(), d.uvarint()
	if d.err != nil || ncols > 1024 || n > uint64(len(body)) {
		return nil, errBadSnapshot
	}
	names := make([]string, ncols)
	kinds := make([]bool, ncols)
	for j := range names {
		names[j] = d.str()
		kinds[j] = d.byte() == 1
	}
	c := newColumns(l, names, kinds)
	c.n = int(n)
	for j := range names {
		if !kinds[j] {
			v := make([]int64, n)
			prev := int64(0)
			for i := range v {
				prev += d.varint()
				v[i] = prev
			}
			c.ints[j] = v
			continue
		}
		size := d.uvarint()
		if size > uint64(len(body)) {
			return nil, errBadSnapshot
		}
		dict := make([]string, size)
		for k := range dict {
			dict[k] = d.str()
		}
		codes := make([]uint32, n)
		for i := range codes {
			code := d.uvarint()
			if code >= size {
				return nil, errBadSnapshot
			}
			codes[i] = uint32(code)
		}
		c.texts[j] = textCol{dict: dict, codes: codes}
	}
	if d.err != nil || d.pos != len(body) {
		return nil, errBadSnapshot
	}
	return c, nil
}

// decoder reads varints and strings from a snapshot; the first error
// sticks and every later read returns zero.
type decoder struct {
	b   []byte
	s   string // b as a string, for strings without a copy each
	pos int
	err error
}

func (d *decoder) uvarint() uint64 {
	v, k := binary.Uvarint(d.b[min(d.pos, len(d.b)):])
	if k <= 0 {
		d.err, d.pos = errBadSnapshot, len(d.b)
		return 0
	}
	d.pos += k
	return v
}

// varint reads a zig-zag varint as binary.Varint does: a uvarint whose low
// bit is the sign.
func (d *decoder) varint() int64 {
	ux := d.uvarint()
	x := int64(ux >> 1)
	if ux&1 != 0 {
		x = ^x
	}
	return x
}

func (d *decoder) byte() byte {
	if d.pos >= len(d.b) {
		d.err = errBadSnapshot
		return 0
	}
	d.pos++
	return d.b[d.pos-1]
}

func (d *decoder) str() string {
	n := d.uvarint()
	if d.err != nil || n > uint64(len(d.b)-d.pos) {
		d.err, d.pos = errBadSnapshot, len(d.b)
		return ""
	}
	s := d.s[d.pos : d.pos+int(n)]
	d.pos += int(n)
	return s
}
