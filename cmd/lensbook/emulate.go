package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/lensbook/lensbook/internal/emulator"
)

const emulateUsage = `[--addr 127.0.0.1:8470] [--seed N] [--days N] [--rows N] [--hostile] [--token T] [--live] [--latency D]

Serves generated Cryptolens data on a local port until interrupted. It prints,
as shell exports, the base URL and a token to use with every other command.
The demo's data ends at a pinned instant, which it exports as LENSBOOK_AS_OF;
with --live the data ends at the real now and keeps growing while it serves,
like a real account's, and LENSBOOK_AS_OF is unset.`

func runEmulate(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("emulate", emulateUsage, stderr)
	addr := fs.String("addr", "127.0.0.1:8470", "address to listen on (port 0 picks a free port)")
	seed := fs.Int64("seed", emulator.DefaultSeed, "seed of the generated data")
	days := fs.Int("days", 90, "days of data, ending at "+emulator.DemoEnd.Format(time.RFC3339))
	rows := fs.Int("rows", 0, "approximate Web API Log rows (0: a realistic default; 1000000 and more work)")
	hostile := fs.Bool("hostile", false, "seed hostile strings (markup, script, quotes) into every user-controlled field")
	token := fs.String("token", "", "accept this token (default: a new random one)")
	live := fs.Bool("live", false, "data that ends now and keeps growing while the emulator serves")
	latency := fs.Duration("latency", 0, "delay every answer by this much, as a distant server would (such as 50ms)")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("unexpected argument %q", pos[0])
	}
	if *days <= 0 || *rows < 0 {
		return usagef("--days must be positive and --rows not negative")
	}
	start := time.Now()
	cfg := emulator.Config{Seed: *seed, Days: *days, Rows: *rows, Hostile: *hostile}
	var srv *emulator.Server
	if *live {
		srv = emulator.NewLiveServer(emulator.LiveConfig{Config: cfg})
	} else {
		srv = emulator.NewServer(emulator.Generate(cfg))
	}
	ds := srv.Dataset()
	srv.SetFaults(emulator.Faults{Latency: *latency})
	tok := *token
	if tok == "" {
		tok = srv.NewToken(emulator.AllPermissions...)
	} else {
		srv.AddToken(emulator.Token{Value: tok, Permissions: emulator.AllPermissions})
	}
	if *live {
		web, events, objects := srv.Visible(time.Now())
		fmt.Fprintf(stderr, "lensbook emulate: live data from %s, now %d Web API Log rows, %d events, %d Object Log entries, growing until %s (generated in %s)\n",
			ds.Config.Start().Format(time.DateOnly), web, events, objects, ds.Config.End.Format(time.RFC3339),
			time.Since(start).Round(time.Millisecond))
	} else {
		fmt.Fprintf(stderr, "lensbook emulate: %d Web API Log rows, %d events, %d Object Log entries, %s to %s (generated in %s)\n",
			len(ds.WebAPILog), len(ds.Events), len(ds.ObjectLog), ds.Config.Start().Format(time.DateOnly),
			ds.Config.End.Format(time.DateOnly), time.Since(start).Round(time.Millisecond))
	}
	return emulator.ListenAndServe(ctx, *addr, srv, func(baseURL string) {
		asOf := "export " + envAsOf + "=" + ds.Config.End.Format(time.RFC3339)
		if *live {
			asOf = "unset " + envAsOf
		}
		fmt.Fprintf(stdout, "export CRYPTOLENS_BASE_URL=%s\nexport CRYPTOLENS_TOKEN=%s\n%s\n", baseURL, tok, asOf)
		fmt.Fprintln(stderr, "lensbook emulate: serving; paste the lines above into a shell, stop with Ctrl-C")
	})
}
