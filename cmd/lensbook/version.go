package main

import (
	"context"
	"debug/buildinfo"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"

	"github.com/lensbook/lensbook/internal/notebook"
)

// gonbVersion is the GoNB version pinned in tools/go.mod, the kernel that
// scripts/setup.sh installs (TestVersion checks that the two agree).
const gonbVersion = "v0.11.5"

// installedFrom is the checkout `make install` built this binary from (set
// with -ldflags -X main.installedFrom=...); empty for go run and go build.
var installedFrom string

const versionUsage = `

Prints lensbook's version (its module version and commit), the Go version it
was built with, and the GoNB version pinned in tools/go.mod, with the GoNB
kernel this checkout has installed, if any.`

func runVersion(_ context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("version", versionUsage, stderr)
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("unexpected argument %q", pos[0])
	}
	fmt.Fprintf(stdout, "lensbook %s\n", lensbookVersion())
	fmt.Fprintf(stdout, "Go %s %s/%s\n", runtime.Version(), runtime.GOOS, runtime.GOARCH)
	fmt.Fprintf(stdout, "GoNB %s (pinned in tools/go.mod)%s\n", gonbVersion, installedKernel())
	if installedFrom != "" {
		fmt.Fprintf(stdout, "checkout %s (make install)\n", installedFrom)
	}
	return nil
}

// lensbookVersion is the main module's version from the build information,
// with the commit, its time and "modified" when the work tree had changes.
func lensbookVersion() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "(no build information)"
	}
	v := bi.Main.Version
	if v == "" {
		v = "(devel)"
	}
	settings := map[string]string{}
	for _, s := range bi.Settings {
		settings[s.Key] = s.Value
	}
	rev := settings["vcs.revision"]
	if rev == "" || strings.Contains(v, rev[:min(12, len(rev))]) {
		return v // no VCS information, or a pseudo-version that holds it
	}
	vcs := []string{"commit " + rev[:min(12, len(rev))]}
	if t := settings["vcs.time"]; t != "" {
		vcs = append(vcs, t)
	}
	if settings["vcs.modified"] == "true" {
		vcs = append(vcs, "modified")
	}
	return v + " (" + strings.Join(vcs, ", ") + ")"
}

// installedKernel describes the gonb binary of this checkout's setup: its
// module version and the Go version it was built with (the language_info
// version a notebook gets from the kernel), or "" when there is none.
func installedKernel() string {
	p, err := notebook.FindPaths()
	if err != nil {
		return ""
	}
	path := filepath.Join(p.BinDir(), "gonb")
	bi, err := buildinfo.ReadFile(path)
	if err != nil {
		return "; no kernel installed in " + p.BinDir() + " (run make setup)"
	}
	return fmt.Sprintf("; kernel %s %s built with %s", path, bi.Main.Version, bi.GoVersion)
}

// useInstalledCheckout points an installed binary (make install) at the
// checkout it was built from when it runs outside any lensbook checkout,
// so that render and notebook find the kernel and the notebooks' module.
func useInstalledCheckout() {
	if installedFrom == "" || os.Getenv("LENSBOOK_ROOT") != "" {
		return
	}
	if _, err := notebook.FindPaths(); err == nil {
		return
	}
	os.Setenv("LENSBOOK_ROOT", installedFrom)
}
