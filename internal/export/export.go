// Package export writes log records to files that other tools read: CSV and
// JSON Lines with the API's field names in the API's order, and Parquet.
//
// CSV and JSONL carry each value as the Cryptolens API sends it: times are
// Unix seconds (UTC), ids and state codes integers, and text exactly as
// stored, quotes, commas, newlines, markup and unicode included. The header
// row of a CSV file, and the keys of every JSONL object, are the names of
// the log's schema ([cryptolens.WebAPILogSchema], [cryptolens.EventSchema],
// [cryptolens.ObjectLogSchema]), from which every column is written.
package export

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/lensbook/lensbook/pkg/cryptolens"
)

// Format is an output format.
type Format string

// The formats of [ParseFormat].
const (
	CSV     Format = "csv"
	JSONL   Format = "jsonl"
	Parquet Format = "parquet"
)

// ParseFormat reads a format name, without regard to case.
func ParseFormat(s string) (Format, error) {
	switch f := Format(strings.ToLower(s)); f {
	case CSV, JSONL, Parquet:
		return f, nil
	}
	return "", fmt.Errorf("unknown format %q: want csv, jsonl or parquet", s)
}

// Record is one of the three log record types.
type Record interface {
	cryptolens.WebAPILog | cryptolens.Event | cryptolens.ObjectLogEntry
}

// Writer writes records of one log, one at a time. Close flushes what is
// buffered; it does not close the underlying io.Writer.
type Writer[R Record] interface {
	Write(r R) error
	Close() error
}

// NewWriter returns a writer of the format to w. A CSV writer writes the
// header row at once; a Parquet writer is [NewParquetWriter].
func NewWriter[R Record](w io.Writer, f Format) (Writer[R], error) {
	switch f {
	case CSV:
		return newCSVWriter[R](w)
	case JSONL:
		return &jsonlWriter[R]{w: bufio.NewWriterSize(w, 64<<10)}, nil
	case Parquet:
		return NewParquetWriter[R](w)
	}
	return nil, fmt.Errorf("export: format %q has no row writer", f)
}

// Fields returns the API's field names of the record type, in the API's
// order: the names of its [cryptolens.Schema].
func Fields[R Record]() []string { return cryptolens.SchemaOf[R]().Names() }

type jsonlWriter[R Record] struct {
	w *bufio.Writer
}

func (j *jsonlWriter[R]) Write(r R) error {
	b, err := json.Marshal(r)
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	j.w.Write(b)
	return j.w.WriteByte('\n')
}

func (j *jsonlWriter[R]) Close() error { return j.w.Flush() }

// csvBufferSize is the CSV writer's buffer: lines are appended in place
// into its free space, and a full buffer is one write to the file (the
// 870,000-row month is 138 MB of CSV: 530 writes).
const csvBufferSize = 256 << 10

type csvWriter[R Record] struct {
	w      *bufio.Writer
	schema *cryptolens.Schema[R]
	// row is the record being written: Write copies it here so that the
	// pointer the schema's accessors take does not move every record to
	// the heap.
	row R
}

func newCSVWriter[R Record](w io.Writer) (*csvWriter[R], error) {
	cw := &csvWriter[R]{w: bufio.NewWriterSize(w, csvBufferSize), schema: cryptolens.SchemaOf[R]()}
	var line []byte
	for i, f := range cw.schema.Names() {
		if i > 0 {
			line = append(line, ',')
		}
		line = appendCSVField(line, f)
	}
	line = append(line, '\n')
	if _, err := cw.w.Write(line); err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	return cw, nil
}

// Write writes the record as one CSV line, byte for byte as encoding/csv
// writes it (LF line ends), without building a []string first: the line is
// appended straight into the free space of the writer's buffer.
func (c *csvWriter[R]) Write(r R) error {
	c.row = r
	line := appendCSVLine(c.w.AvailableBuffer(), c.schema, &c.row)
	_, err := c.w.Write(line)
	return err
}

func (c *csvWriter[R]) Close() error { return c.w.Flush() }

// appendCSVLine appends the record's values in the schema's order, as a CSV
// line ending in LF: ints in decimal, times in Unix seconds (0 for none),
// text as encoding/csv quotes it.
func appendCSVLine[R any](b []byte, schema *cryptolens.Schema[R], r *R) []byte {
	for i := range schema.Fields {
		f := &schema.Fields[i]
		if i > 0 {
			b = append(b, ',')
		}
		switch f.Kind {
		case cryptolens.IntField:
			b = strconv.AppendInt(b, int64(*f.Int(r)), 10)
		case cryptolens.Int64Field:
			b = strconv.AppendInt(b, *f.Int64(r), 10)
		case cryptolens.TextField:
			b = appendCSVField(b, *f.Text(r))
		case cryptolens.TimeField:
			b = appendUnix(b, *f.Time(r))
		}
	}
	return append(b, '\n')
}

// appendUnix appends a time as Unix seconds, 0 for the zero time.
func appendUnix(b []byte, t time.Time) []byte {
	if t.IsZero() {
		return append(b, '0')
	}
	return strconv.AppendInt(b, t.Unix(), 10)
}

// appendCSVField appends a field as encoding/csv's Writer (comma ",",
// UseCRLF false) writes it: quoted when it holds a comma, a quote, CR or
// LF, starts with a space, or is `\.`; quotes doubled inside.
func appendCSVField(b []byte, f string) []byte {
	if !csvNeedsQuotes(f) {
		return append(b, f...)
	}
	b = append(b, '"')
	for i := 0; i < len(f); i++ {
		if f[i] == '"' {
			b = append(b, '"')
		}
		b = append(b, f[i])
	}
	return append(b, '"')
}

func csvNeedsQuotes(f string) bool {
	if f == "" {
		return false
	}
	if f == `\.` {
		return true
	}
	if c := f[0]; c < utf8.RuneSelf {
		if c == ' ' || c-'\t' <= '\r'-'\t' { // the ASCII spaces: ' ', \t \n \v \f \r
			return true
		}
	} else if r, _ := utf8.DecodeRuneInString(f); unicode.IsSpace(r) {
		return true
	}
	return hasCSVSpecial(f)
}

// hasCSVSpecial reports whether f holds a comma, a quote, CR or LF. It
// reads eight bytes at a time: most fields are keys, IPs and machine codes
// of 12 to 64 bytes, none below '-'. Those four all are (0x2C and lower),
// so a word without such a byte is passed at once; one with a space or
// another low byte is checked for each of the four (a zero byte of x^c
// marks c).
func hasCSVSpecial(f string) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	i := 0
	for ; i+8 <= len(f); i += 8 {
		w := f[i : i+8] // one load, without a bounds check per byte
		x := uint64(w[0]) | uint64(w[1])<<8 | uint64(w[2])<<16 | uint64(w[3])<<24 |
			uint64(w[4])<<32 | uint64(w[5])<<40 | uint64(w[6])<<48 | uint64(w[7])<<56
		if (x-ones*'-')&^x&highs == 0 {
			continue // every byte is '-' or above
		}
		a, b, c, d := x^(ones*','), x^(ones*'"'), x^(ones*'\r'), x^(ones*'\n')
		if ((a-ones)&^a|(b-ones)&^b|(c-ones)&^c|(d-ones)&^d)&highs != 0 {
			return true
		}
	}
	for ; i < len(f); i++ {
		switch f[i] {
		case ',', '"', '\r', '\n':
			return true
		}
	}
	return false
}
