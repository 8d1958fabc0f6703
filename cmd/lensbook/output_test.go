package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/lensbook/lensbook/internal/emulator"
)

// TestCLIProcess is not a test: started by runCLIProcess as a child of the
// test binary, it is lensbook, with the arguments of LENSBOOK_TEST_CLI_ARGS.
func TestCLIProcess(t *testing.T) {
	args := os.Getenv("LENSBOOK_TEST_CLI_ARGS")
	if args == "" {
		t.Skip("the lensbook command in a child process, for runCLIProcess")
	}
	var a []string
	if err := json.Unmarshal([]byte(args), &a); err != nil {
		panic(err)
	}
	os.Exit(run(context.Background(), a, os.Stdout, os.Stderr))
}

// runCLIProcess runs lensbook in a child process whose files may not grow
// past limitKiB (the shell's ulimit -f): a disk that fills up mid-file.
func runCLIProcess(t *testing.T, limitKiB int, args ...string) (code int, stderr string) {
	t.Helper()
	a, _ := json.Marshal(args)
	// dash counts ulimit -f in 512-byte blocks, bash in 1024-byte ones.
	cmd := exec.Command("/bin/bash", "-c", `ulimit -f "$1" && shift && exec "$@"`, "bash",
		strconv.Itoa(limitKiB), os.Args[0], "-test.run=^TestCLIProcess$")
	cmd.Env = append(os.Environ(), "LENSBOOK_TEST_CLI_ARGS="+string(a))
	var errb strings.Builder
	cmd.Stderr = &errb
	err := cmd.Run()
	if ee, ok := err.(*exec.ExitError); ok {
		return ee.ExitCode(), errb.String()
	} else if err != nil {
		t.Fatal(err)
	}
	return 0, errb.String()
}

// folderFiles lists a folder's file names.
func folderFiles(t *testing.T, dir string) []string {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range ents {
		names = append(names, e.Name())
	}
	return names
}

// TestOutFailureLeavesTheFileUntouched: every way a fetch or export can fail
// after --out was accepted leaves an existing file as it was, creates no
// file where there was none, and leaves no temporary file behind.
func TestOutFailureLeavesTheFileUntouched(t *testing.T) {
	startEmulator(t, emulator.Config{Seed: 5, Days: 10})
	token, baseURL := os.Getenv("CRYPTOLENS_TOKEN"), os.Getenv("CRYPTOLENS_BASE_URL")
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closedURL := "http://" + ln.Addr().String() + "/api"
	ln.Close()

	const precious = "rows of an earlier, good fetch\n"
	tests := []struct {
		name     string
		env      map[string]string
		args     []string
		limitKiB int // run in a child process whose files may not grow past this
		want     string
	}{
		{"wrong token", map[string]string{"CRYPTOLENS_TOKEN": "not-a-valid-token"},
			[]string{"fetch", "weblog", "--since", "2026-10-25"}, 0, "Unable to authenticate"},
		{"unreachable host", map[string]string{"CRYPTOLENS_BASE_URL": closedURL},
			[]string{"fetch", "events", "--since", "2026-10-25"}, 0, "refused"},
		{"store does not cover the window", nil,
			[]string{"export", "weblog", "--since", "2026-10-25", "--until", "2026-10-30"}, 0, "lensbook sync"},
		{"disk full mid-file", nil,
			[]string{"fetch", "weblog", "--since", "2026-10-22", "--until", "2026-11-01"}, 8, "file too large"},
	}
	for _, tt := range tests {
		for _, existing := range []bool{true, false} {
			t.Run(fmt.Sprintf("%s/existing=%t", tt.name, existing), func(t *testing.T) {
				t.Setenv("CRYPTOLENS_TOKEN", token)
				t.Setenv("CRYPTOLENS_BASE_URL", baseURL)
				for k, v := range tt.env {
					t.Setenv(k, v)
				}
				dir := t.TempDir()
				out := filepath.Join(dir, "rows.csv")
				if existing {
					if err := os.WriteFile(out, []byte(precious), 0o640); err != nil {
						t.Fatal(err)
					}
				}
				args := append(append([]string{}, tt.args...), "--out", out)
				var code int
				var errs string
				if tt.limitKiB > 0 {
					code, errs = runCLIProcess(t, tt.limitKiB, args...)
				} else {
					code, _, errs = runCLI(t, args...)
				}
				if code != 1 || !strings.Contains(errs, tt.want) {
					t.Errorf("exit %d, stderr %q; want exit 1 and %q", code, errs, tt.want)
				}
				if strings.Contains(errs, "written to") {
					t.Errorf("a failed run printed a summary line: %q", errs)
				}
				got, err := os.ReadFile(out)
				switch {
				case existing && (err != nil || string(got) != precious):
					t.Errorf("the existing file now holds %q (%v), want it untouched", got, err)
				case !existing && !os.IsNotExist(err):
					t.Errorf("a failed run created %s (%d bytes, %v)", out, len(got), err)
				}
				if existing {
					if info, err := os.Stat(out); err != nil || info.Mode().Perm() != 0o640 {
						t.Errorf("the existing file's mode changed: %v %v", info.Mode(), err)
					}
				}
				want := []string(nil)
				if existing {
					want = []string{"rows.csv"}
				}
				if files := folderFiles(t, dir); strings.Join(files, ",") != strings.Join(want, ",") {
					t.Errorf("the folder holds %q, want %q (no temporary file left)", files, want)
				}
			})
		}
	}

	// The same disk limit with room enough: the child process writes the
	// whole file, so the failure above was the disk's and nothing else's.
	dir := t.TempDir()
	out := filepath.Join(dir, "rows.csv")
	if code, errs := runCLIProcess(t, 64<<10, "fetch", "weblog", "--since", "2026-10-22", "--until", "2026-11-01", "--out", out); code != 0 {
		t.Fatalf("with room on the disk: exit %d, %s", code, errs)
	}
	if info, err := os.Stat(out); err != nil || info.Size() <= 8<<10 {
		t.Fatalf("%s: %v; want more than the 8 KiB limit of the failing run, or that run proves nothing", out, err)
	}
}

// TestOutNamingAFolderIsBadUsage: --out must name a file in a folder that
// exists; anything else exits 2 before any request and writes nothing.
func TestOutNamingAFolderIsBadUsage(t *testing.T) {
	srv, _, _ := startEmulator(t, emulator.Config{Seed: 5, Days: 3})
	dir := t.TempDir()
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"fetch", "weblog", "--out", dir}, "is a folder"},
		{[]string{"fetch", "weblog", "--out", dir + "/"}, "names a folder"},
		{[]string{"fetch", "weblog", "--out", filepath.Join(dir, "new") + "/"}, "names a folder"},
		{[]string{"fetch", "weblog", "--out", filepath.Join(dir, "missing", "rows.csv")}, "does not exist"},
		{[]string{"export", "events", "--out", dir}, "is a folder"},
		{[]string{"export", "events", "--out", filepath.Join(dir, "missing", "rows.parquet")}, "does not exist"},
		{[]string{"export", "events", "--out", filepath.Join(dir, "rows")}, "no extension"},
		{[]string{"fetch", "weblog", "--out", filepath.Join(dir, "rows.xlsx")}, ".xlsx names no format"},
		{[]string{"fetch", "weblog", "--out", filepath.Join(dir, "rows.parquet")}, "lensbook export writes Parquet"},
	}
	srv.ResetCounts()
	for _, tt := range tests {
		code, _, errs := runCLI(t, tt.args...)
		if code != 2 || !strings.Contains(errs, tt.want) {
			t.Errorf("lensbook %s: exit %d, stderr %q; want exit 2 and %q", strings.Join(tt.args, " "), code, errs, tt.want)
		}
	}
	if n := srv.RequestCount(emulator.MethodGetWebAPILog); n != 0 {
		t.Errorf("bad usage sent %d requests", n)
	}
	if files := folderFiles(t, dir); len(files) != 0 {
		t.Errorf("bad usage left %q in the folder", files)
	}
}

var summaryLine = regexp.MustCompile(`(?m)\Alensbook (fetch|export): (\d+) (\w+) rows? written to (.+) \((CSV|JSONL|PARQUET)\)\n\z`)

// TestOutFormatFromExtensionAndSummaryLine: fetch, like export, takes the
// format from --out's extension, and both end with one line on stderr that
// says how many rows went where.
func TestOutFormatFromExtensionAndSummaryLine(t *testing.T) {
	startEmulator(t, emulator.Config{Seed: 5, Days: 10})
	dir := t.TempDir()
	out := filepath.Join(dir, "events.jsonl")
	code, stdout, errs := runCLI(t, "fetch", "events", "--since", "2026-10-25", "--until", "2026-11-01", "--out", out)
	if code != 0 || stdout != "" {
		t.Fatalf("exit %d, stdout %d bytes, stderr %q", code, len(stdout), errs)
	}
	lines := countJSONL(t, out)
	m := summaryLine.FindStringSubmatch(errs)
	if m == nil || m[1] != "fetch" || m[2] != strconv.Itoa(lines) || m[3] != "events" || m[4] != out || m[5] != "JSONL" || lines == 0 {
		t.Errorf("stderr %q; want one line: lensbook fetch: %d events rows written to %s (JSONL)", errs, lines, out)
	}
	info, err := os.Stat(out)
	if err != nil || info.Mode().Perm()&0o600 != 0o600 {
		t.Errorf("%s: mode %v, %v", out, info.Mode(), err)
	}

	// To stdout: the rows on stdout, the count on stderr.
	code, stdout, errs = runCLI(t, "fetch", "events", "--since", "2026-10-25", "--until", "2026-11-01", "--format", "jsonl")
	if m := summaryLine.FindStringSubmatch(errs); code != 0 || m == nil || m[2] != strconv.Itoa(lines) || m[4] != "stdout" {
		t.Errorf("to stdout: exit %d, stderr %q", code, errs)
	}
	if n := strings.Count(stdout, "\n"); n != lines {
		t.Errorf("to stdout: %d lines, the file had %d", n, lines)
	}

	// export, replacing the file fetch wrote: same rows, its own summary.
	if code, _, errs := runCLI(t, "sync", "events", "--since", "2026-10-20"); code != 0 {
		t.Fatalf("sync: exit %d: %s", code, errs)
	}
	code, _, errs = runCLI(t, "export", "events", "--since", "2026-10-25", "--until", "2026-11-01", "--out", out)
	if m := summaryLine.FindStringSubmatch(errs); code != 0 || m == nil || m[1] != "export" || m[2] != strconv.Itoa(lines) || m[5] != "JSONL" {
		t.Errorf("export: exit %d, stderr %q", code, errs)
	}
	if n := countJSONL(t, out); n != lines {
		t.Errorf("export wrote %d rows, fetch %d", n, lines)
	}
	if files := folderFiles(t, dir); len(files) != 1 {
		t.Errorf("the folder holds %q, want only events.jsonl", files)
	}
}

// countJSONL counts the lines of a JSONL file, each a JSON object.
func countJSONL(t *testing.T, path string) int {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	n := 0
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var obj map[string]any
		if err := json.Unmarshal(sc.Bytes(), &obj); err != nil {
			t.Fatalf("%s line %d is not a JSON object: %v", path, n+1, err)
		}
		n++
	}
	return n
}
