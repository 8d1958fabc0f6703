package main

import (
	"os"
	"regexp"
	"runtime"
	"strings"
	"testing"

	"github.com/lensbook/lensbook/internal/kerneltest"
)

// TestVersion: lensbook version prints its own version, the Go version it
// was built with and the GoNB version that tools/go.mod pins (the constant
// gonbVersion must follow tools/go.mod), and the installed kernel's.
func TestVersion(t *testing.T) {
	gomod, err := os.ReadFile("../../tools/go.mod")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^\s*github\.com/janpfeifer/gonb (v\S+)`).FindSubmatch(gomod)
	if m == nil {
		t.Fatal("tools/go.mod pins no github.com/janpfeifer/gonb")
	}
	if pinned := string(m[1]); pinned != gonbVersion {
		t.Fatalf("tools/go.mod pins gonb %s, cmd/lensbook/version.go says %s: update gonbVersion", pinned, gonbVersion)
	}
	code, out, errs := runCLI(t, "version")
	if code != 0 || errs != "" {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) < 3 || !regexp.MustCompile(`^lensbook \S+`).MatchString(lines[0]) ||
		lines[1] != "Go "+runtime.Version()+" "+runtime.GOOS+"/"+runtime.GOARCH ||
		!strings.HasPrefix(lines[2], "GoNB "+gonbVersion+" (pinned in tools/go.mod)") {
		t.Fatalf("lensbook version printed:\n%s", out)
	}
	if code, _, errs := runCLI(t, "version", "extra"); code != 2 || !strings.Contains(errs, "unexpected argument") {
		t.Errorf("version extra: exit %d, %q", code, errs)
	}

	// With the kernel of scripts/setup.sh: its path, version and Go.
	paths := kerneltest.Paths(t)
	t.Setenv("LENSBOOK_ROOT", paths.Root)
	t.Setenv("LENSBOOK_BUILD_DIR", paths.BuildDir)
	_, out, _ = runCLI(t, "version")
	want := "; kernel " + paths.BinDir() + "/gonb " + gonbVersion + " built with go"
	if !strings.Contains(out, want) {
		t.Errorf("lensbook version printed:\n%s\nwant the installed kernel: %q", out, want)
	}
}
