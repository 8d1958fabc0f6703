package export

import (
	"errors"
	"fmt"
	"iter"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/lensbook/lensbook/pkg/cryptolens"
)

// Partition is how [WritePartitioned] splits records into folders.
type Partition string

// The partitions of [ParsePartition].
const (
	ByDay   Partition = "day"   // day=2026-10-01/
	ByMonth Partition = "month" // month=2026-10/
)

// ParsePartition reads "day" or "month", without regard to case.
func ParsePartition(s string) (Partition, error) {
	switch p := Partition(strings.ToLower(s)); p {
	case ByDay, ByMonth:
		return p, nil
	}
	return "", fmt.Errorf("unknown partition %q: want day or month", s)
}

// folder is the hive-style folder name of a time: "day=2026-10-01" or
// "month=2026-10", in UTC.
func (p Partition) folder(t time.Time) string {
	if p == ByMonth {
		return "month=" + t.UTC().Format("2006-01")
	}
	return "day=" + t.UTC().Format(time.DateOnly)
}

// recordTime is the time a record is partitioned by: Time, or Created for
// the Object Log.
func recordTime(r any) time.Time {
	switch r := r.(type) {
	case cryptolens.WebAPILog:
		return r.Time
	case cryptolens.Event:
		return r.Time
	case cryptolens.ObjectLogEntry:
		return r.Created
	}
	return time.Time{}
}

// WritePartitioned writes the records as a folder of Parquet files that
// DuckDB, Spark, pandas and Arrow read as one table partitioned the hive
// way: dir/day=2026-10-01/part-0.parquet (or month=2026-10/), each file in
// the schema of [NewParquetWriter], times as UTC timestamps. Readers turn
// the folder names into a day (or month) column:
//
//	SELECT day, count(*) FROM read_parquet('dir/*/*.parquet', hive_partitioning = true) GROUP BY day
//
// It streams: records in time order (as a log's ids are) keep one file
// open at a time; a partition met again later gets another file,
// part-1.parquet and so on. dir must not exist: the folder is written
// next to it under a temporary name and renamed into place at the end, so
// a reader never sees half an export. It returns the number of files and
// records written.
func WritePartitioned[R Record](dir string, by Partition, rows iter.Seq2[R, error]) (files, n int, err error) {
	if _, err := ParsePartition(string(by)); err != nil {
		return 0, 0, fmt.Errorf("export: %w", err)
	}
	if _, err := os.Lstat(dir); err == nil {
		return 0, 0, fmt.Errorf("export: %s exists: remove it or choose another folder (a partitioned export writes a new folder)", dir)
	} else if !errors.Is(err, os.ErrNotExist) {
		return 0, 0, fmt.Errorf("export: %w", err)
	}
	parent := filepath.Dir(filepath.Clean(dir))
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(dir)+".*")
	if err != nil {
		return 0, 0, fmt.Errorf("export: %w", err)
	}
	defer func() {
		if err != nil {
			os.RemoveAll(tmp)
		}
	}()
	var (
		cur  string // the open file's folder
		f    *os.File
		w    Writer[R]
		seen = map[string]int{} // files written per folder
	)
	closeFile := func() error {
		if f == nil {
			return nil
		}
		werr := w.Close()
		cerr := f.Close()
		f = nil
		return errors.Join(werr, cerr)
	}
	defer func() {
		if f != nil {
			f.Close()
		}
	}()
	for r, rerr := range rows {
		if rerr != nil {
			return files, n, rerr
		}
		folder := by.folder(recordTime(any(r)))
		if folder != cur || f == nil {
			if err := closeFile(); err != nil {
				return files, n, fmt.Errorf("export: %w", err)
			}
			if err := os.MkdirAll(filepath.Join(tmp, folder), 0o755); err != nil {
				return files, n, fmt.Errorf("export: %w", err)
			}
			name := filepath.Join(tmp, folder, fmt.Sprintf("part-%d.parquet", seen[folder]))
			seen[folder]++
			if f, err = os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644); err != nil {
				return files, n, fmt.Errorf("export: %w", err)
			}
			if w, err = NewParquetWriter[R](f); err != nil {
				return files, n, err
			}
			cur = folder
			files++
		}
		if err := w.Write(r); err != nil {
			return files, n, err
		}
		n++
	}
	if err := closeFile(); err != nil {
		return files, n, fmt.Errorf("export: %w", err)
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return files, n, fmt.Errorf("export: %w", err)
	}
	if err := os.Rename(tmp, dir); err != nil {
		return files, n, fmt.Errorf("export: %w", err)
	}
	return files, n, nil
}

// Rows turns a slice into the sequence [WriteAll] and [WritePartitioned]
// take.
func Rows[R any](rows []R) iter.Seq2[R, error] {
	return func(yield func(R, error) bool) {
		for _, r := range rows {
			if !yield(r, nil) {
				return
			}
		}
	}
}
