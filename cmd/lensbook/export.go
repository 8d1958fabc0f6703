package main

import (
	"context"
	"io"
	"time"

	"github.com/lensbook/lensbook/internal/export"
	"github.com/lensbook/lensbook/pkg/cryptolens"
)

const exportUsage = `weblog|events|objectlog --out FILE [--format csv|jsonl|parquet] [--since T] [--until T] [--as-of T] [--partition day|month]

Writes the rows that the local store holds for the window, without any request:
run lensbook sync first. By default the window is all that the store's last
sync holds, up to the moment of that sync; spans such as 30d count back from
--as-of, else $LENSBOOK_AS_OF, else that moment. The format defaults to the
file's extension. The schemas are documented in internal/export: the API's field
names in the API's order.`

func runExport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("export", exportUsage, stderr)
	var wf windowFlags
	wf.register(fs, "")
	out := fs.String("out", "", "output file (required)")
	format := fs.String("format", "", "csv, jsonl or parquet (default: from --out's extension)")
	partition := fs.String("partition", "", "day or month: --out is a new folder of Parquet files, one folder per UTC day or month (day=2026-10-01/)")
	log, err := parseLogArg(fs, args)
	if err != nil {
		return err
	}
	if *out == "" {
		return usagef("--out is required")
	}
	o := fetchOptions{log: log, out: *out, offline: true, window: wf, summary: stderr, cmd: "export"}
	if err := wf.check(time.Now()); err != nil {
		return err
	}
	if *partition != "" {
		return exportPartitioned(ctx, o, *partition, *format, stdout)
	}
	if err := checkOutPath(o.out); err != nil {
		return err
	}
	if o.format, err = outputFormat(*format, *out, "", export.CSV, export.JSONL, export.Parquet); err != nil {
		return err
	}
	o.weblog = cryptolens.WebAPILogFilter{}
	return fetch(ctx, o, stdout)
}
