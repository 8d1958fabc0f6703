package notebook

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func TestCellGoFlags(t *testing.T) {
	for user, want := range map[string]string{
		"":                         cellLinkFlags,
		"-mod=mod":                 "-mod=mod " + cellLinkFlags,
		"-ldflags=-X=main.v=1":     "-ldflags=-X=main.v=1",
		"-mod=mod '-ldflags=-s'  ": "-mod=mod '-ldflags=-s'  ",
	} {
		if got := cellGoFlags(user); got != want {
			t.Errorf("cellGoFlags(%q) = %q, want %q", user, got, want)
		}
	}
	env := KernelEnv(Paths{}, nil)
	found := false
	for _, kv := range env {
		if v, ok := strings.CutPrefix(kv, "GOFLAGS="); ok {
			found = v == cellGoFlags(os.Getenv("GOFLAGS"))
		}
	}
	if !found {
		t.Fatalf("KernelEnv has no GOFLAGS with the cells' link flags: %q", env)
	}
}

// The go command takes the flags as GoNB runs it for a cell (go build) and
// as the setup cell does (go mod edit, go list -m): the quoting holds.
func TestCellGoFlagsWorkWithTheGoCommand(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a program")
	}
	dir := t.TempDir()
	for name, text := range map[string]string{
		"go.mod":  "module cell\n\ngo 1.26\n",
		"main.go": "package main\n\nfunc main() { panic(\"cell\") }\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	goflags := "GOFLAGS=" + cellGoFlags("")
	for _, args := range [][]string{{"mod", "edit", "-json"}, {"list", "-m"}, {"build", "-o", "cell"}} {
		cmd := exec.Command("go", args...)
		cmd.Dir, cmd.Env = dir, append(os.Environ(), goflags)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("go %s with %s: %v\n%s", strings.Join(args, " "), goflags, err, out)
		}
	}
	out, _ := exec.Command(filepath.Join(dir, "cell")).CombinedOutput()
	if !strings.Contains(string(out), "main.go:3") {
		t.Fatalf("a panic of a program linked with -s -w does not show its file and line:\n%s", out)
	}
}
