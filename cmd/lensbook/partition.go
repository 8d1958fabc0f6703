package main

import (
	"context"
	"fmt"
	"io"
	"os"

	"github.com/lensbook/lensbook/internal/export"
	"github.com/lensbook/lensbook/pkg/cryptolens"
)

// exportPartitioned writes the store's rows of the window as a folder of
// Parquet files, one folder per day or month (export --partition).
func exportPartitioned(ctx context.Context, o fetchOptions, partition, format string, stdout io.Writer) error {
	by, err := export.ParsePartition(partition)
	if err != nil {
		return usagef("--partition: %v", err)
	}
	if format != "" && format != string(export.Parquet) {
		return usagef("--partition writes Parquet: leave out --format %s", format)
	}
	if _, err := os.Lstat(o.out); err == nil {
		return fmt.Errorf("%s exists: remove it or choose another folder (a partitioned export writes a new folder)", o.out)
	}
	o.offline = true
	src, win, err := openSource(ctx, o)
	if err != nil {
		return err
	}
	defer src.Close()
	var files, n int
	switch o.log {
	case "weblog":
		rows, err := src.WebAPILog(ctx, cryptolens.WebAPILogFilter{}, win)
		if err != nil {
			return err
		}
		files, n, err = export.WritePartitioned(o.out, by, export.Rows(rows))
		if err != nil {
			return err
		}
	case "events":
		rows, err := src.Events(ctx, cryptolens.EventsFilter{}, win)
		if err != nil {
			return err
		}
		if files, n, err = export.WritePartitioned(o.out, by, export.Rows(rows)); err != nil {
			return err
		}
	default:
		rows, err := src.ObjectLog(ctx, win)
		if err != nil {
			return err
		}
		if files, n, err = export.WritePartitioned(o.out, by, export.Rows(rows)); err != nil {
			return err
		}
	}
	fmt.Fprintf(stdout, "%s: %d rows in %d Parquet files under %s/%s=*/\n", o.log, n, files, o.out, by)
	return nil
}
