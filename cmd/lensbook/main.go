// Command lensbook fetches, stores and reports on the three logs of a
// Cryptolens account: the Web API Log, the Events Log and the Object Log.
//
// Usage:
//
//	lensbook emulate [--addr 127.0.0.1:8470] [--seed N] [--days N] [--rows N]
//	lensbook fetch weblog|events|objectlog [--since T] [--until T] [filters] [--format csv|jsonl] [--out FILE] [--offline]
//	lensbook sync [weblog|events|objectlog|all] [--since T]
//	lensbook export weblog|events|objectlog --format csv|jsonl|parquet --out FILE [--since T] [--until T]
//	lensbook render [NOTEBOOK...] [--out DIR] [--param name=value ...] [--jobs N] [--timeout D] [--demo]
//	lensbook serve [DIR]
//	lensbook new NAME [--from NOTEBOOK]
//	lensbook login [--base-url URL] < token
//	lensbook clean-notebooks [NOTEBOOK...]
//	lensbook notebook [--demo] [--ip 127.0.0.1] [--port 8888]
//	lensbook version
//
// The token comes from CRYPTOLENS_TOKEN or the credentials file, the base URL
// from CRYPTOLENS_BASE_URL (the /api root). Exit status: 0 on success, 1 on an
// API, network or render failure, 2 on bad usage.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"syscall"

	"github.com/lensbook/lensbook/internal/credentials"
)

// usageError is bad usage: exit status 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return usageError{fmt.Sprintf(format, args...)} }

type command struct {
	summary string
	run     func(ctx context.Context, args []string, stdout, stderr io.Writer) error
}

var commands map[string]command

func init() {
	commands = map[string]command{
		"emulate": {"run the local Cryptolens emulator", runEmulate},
		"fetch":   {"write the rows of a log window as CSV or JSONL", runFetch},
		"sync":    {"bring the local store up to date", runSync},
		"new":     {"start a new report notebook from the template or a copy", runNew},
		"render":  {"execute notebooks and write report pages and the gallery", runRender},
		"serve":   {"serve the report gallery on localhost", runServe},
		"export":  {"write the stored rows of a log as CSV, JSONL or Parquet", runExport},
		"login":   {"store an access token in the owner-only credentials file", runLogin},
		"version": {"print the versions of lensbook, Go and GoNB", runVersion},

		"clean-notebooks": {"strip outputs from notebooks before committing them", runCleanNotebooks},
		"notebook":        {"start Jupyter with the GoNB kernel on notebooks/ (--demo: the emulator)", runNotebook},
	}
}

func main() {
	useInstalledCheckout()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		printUsage(stderr)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	cmd, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "lensbook: unknown command %q\n", args[0])
		printUsage(stderr)
		return 2
	}
	err := cmd.run(ctx, args[1:], stdout, stderr)
	var ue usageError
	var be *credentials.BaseURLError
	switch {
	case err == nil:
		return 0
	case errors.Is(err, errHelp):
		return 0
	case errors.As(err, &ue), errors.As(err, &be):
		fmt.Fprintf(stderr, "lensbook %s: %v\n", args[0], err)
		return 2
	default:
		fmt.Fprintf(stderr, "lensbook %s: %v\n", args[0], err)
		return 1
	}
}

func printUsage(w io.Writer) {
	fmt.Fprintln(w, "usage: lensbook COMMAND [flags]\n\ncommands:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-16s %s\n", n, commands[n].summary)
	}
	fmt.Fprintln(w, "\nRun `lensbook COMMAND -h` for a command's flags.")
}
