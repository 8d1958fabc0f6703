package main

import (
	"fmt"
	"os"
	"path/filepath"
)

// demoReportsDir is the committed demo gallery: render --demo writes there
// by default.
const demoReportsDir = "reports"

// liveReportsFolder is the folder in the user's home where render writes an
// account's pages by default: outside any checkout, so that customer keys and
// e-mails never land in a file git tracks.
const liveReportsFolder = "lensbook-reports"

// defaultReportsDir is render's folder when --out is not given: reports/
// with --demo, else ~/lensbook-reports.
func defaultReportsDir(demo bool) (string, error) {
	if demo {
		return demoReportsDir, nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", usagef("no home folder for the default ~/%s (%v): give --out DIR", liveReportsFolder, err)
	}
	return filepath.Join(home, liveReportsFolder), nil
}

// renderOutDir resolves render's --out flag value.
func renderOutDir(flagValue string, demo bool) (string, error) {
	if flagValue != "" {
		return flagValue, nil
	}
	dir, err := defaultReportsDir(demo)
	if err != nil {
		return "", fmt.Errorf("render: %w", err)
	}
	return dir, nil
}
