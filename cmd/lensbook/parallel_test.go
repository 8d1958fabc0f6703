package main

import (
	"strings"
	"testing"

	"github.com/lensbook/lensbook/pkg/emulator"
)

// fetch writes the same bytes whatever --parallel is, and refuses a value
// out of range as bad usage.
func TestFetchParallelGivesTheSameBytes(t *testing.T) {
	startEmulator(t, emulator.Config{Seed: 6, Days: 20, Rows: 30_000, Hostile: true})
	var first string
	for _, p := range []string{"1", "3", "16"} {
		code, out, errs := runCLI(t, "fetch", "weblog", "--since", "2026-10-15", "--until", "2026-10-29T07:00:00Z", "--parallel", p)
		if code != 0 {
			t.Fatalf("--parallel %s: exit %d: %s", p, code, errs)
		}
		if first == "" {
			first = out
			if strings.Count(out, "\n") < 5000 {
				t.Fatalf("only %d lines", strings.Count(out, "\n"))
			}
		} else if out != first {
			t.Fatalf("--parallel %s writes other bytes than --parallel 1", p)
		}
	}
	for _, p := range []string{"0", "65"} {
		if code, _, errs := runCLI(t, "fetch", "weblog", "--parallel", p); code != 2 || !strings.Contains(errs, "--parallel") {
			t.Errorf("--parallel %s: exit %d, %s", p, code, errs)
		}
	}
}
