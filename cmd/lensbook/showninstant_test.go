package main

import (
	"testing"
	"time"
)

// TestShownInstant: the header of an account's pages gives its as-of
// instant in the pages' one instant format, as the window line does.
func TestShownInstant(t *testing.T) {
	for in, want := range map[string]string{
		"2026-11-26T00:25:14Z":      "26 Nov 2026 00:25 UTC",
		"2026-11-26T01:25:14+01:00": "26 Nov 2026 00:25 UTC",
	} {
		at, err := time.Parse(time.RFC3339, in)
		if err != nil {
			t.Fatal(err)
		}
		if got := shownInstant(at); got != want {
			t.Errorf("shownInstant(%s) = %q, want %q", in, got, want)
		}
	}
}
