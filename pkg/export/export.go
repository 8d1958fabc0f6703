// Package export writes log records to files that other tools read: CSV and
// JSON Lines with the API's field names in the API's order, and Parquet.
//
// CSV and JSONL carry each value as the Cryptolens API sends it: times are
// Unix seconds (UTC), ids and state codes integers, and text exactly as
// stored, quotes, commas, newlines, markup and unicode included. The header
// row of a CSV file, and the keys of every JSONL object, are
// [cryptolens.WebAPILogFields], [cryptolens.EventFields] or
// [cryptolens.ObjectLogFields].
package export

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

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

// Fields returns the API's field names of the record type, in the API's order.
func Fields[R Record]() []string {
	var zero R
	switch any(zero).(type) {
	case cryptolens.WebAPILog:
		return cryptolens.WebAPILogFields
	case cryptolens.Event:
		return cryptolens.EventFields
	default:
		return cryptolens.ObjectLogFields
	}
}

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

type csvWriter[R Record] struct {
	w   *csv.Writer
	row []string
}

func newCSVWriter[R Record](w io.Writer) (*csvWriter[R], error) {
	cw := &csvWriter[R]{w: csv.NewWriter(w)}
	if err := cw.w.Write(Fields[R]()); err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	return cw, nil
}

func (c *csvWriter[R]) Write(r R) error {
	c.row = appendCSV(c.row[:0], any(r))
	return c.w.Write(c.row)
}

func (c *csvWriter[R]) Close() error {
	c.w.Flush()
	return c.w.Error()
}

func i64(v int64) string { return strconv.FormatInt(v, 10) }

func unix(t time.Time) string {
	if t.IsZero() {
		return "0"
	}
	return i64(t.Unix())
}

// appendCSV appends the record's values in the API's field order.
func appendCSV(row []string, r any) []string {
	switch r := r.(type) {
	case cryptolens.WebAPILog:
		return append(row, i64(r.ID), strconv.Itoa(r.ProductID), r.Key, r.IP, unix(r.Time),
			strconv.Itoa(int(r.State)), r.MachineCode, r.FriendlyName, unix(r.FloatingExpires),
			strconv.Itoa(r.DOIntValue), i64(r.DOID))
	case cryptolens.Event:
		return append(row, i64(r.ID), strconv.Itoa(r.ProductID), r.Key, r.MachineCode,
			r.FeatureName, r.EventName, i64(r.Value), r.Currency, unix(r.Time), r.Metadata)
	case cryptolens.ObjectLogEntry:
		return append(row, i64(r.ID), unix(r.Created), strconv.Itoa(int(r.ResourceType)),
			strconv.Itoa(int(r.ResourceAction)), i64(r.AffectedObjectID),
			i64(r.ObjectOwnerUserID), r.PerformedByUserID, r.Data)
	}
	panic(fmt.Sprintf("export: unsupported record %T", r))
}
