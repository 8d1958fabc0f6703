package notebook

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestFindPathsWalksUpToTheModuleRoot(t *testing.T) {
	t.Setenv("LENSBOOK_ROOT", "")
	t.Setenv("LENSBOOK_BUILD_DIR", "")
	t.Setenv("JUPYTER_DATA_DIR", "")
	p, err := FindPaths()
	if err != nil {
		t.Fatal(err)
	}
	wd, _ := os.Getwd()
	if want := filepath.Dir(filepath.Dir(wd)); p.Root != want {
		t.Errorf("Root = %q, want %q", p.Root, want)
	}
	if p.BuildDir != filepath.Join(p.Root, ".build") || p.JupyterDataDir != filepath.Join(p.Root, ".build", "jupyter") {
		t.Errorf("BuildDir = %q, JupyterDataDir = %q", p.BuildDir, p.JupyterDataDir)
	}
	if p.KernelSpec() != filepath.Join(p.JupyterDataDir, "kernels", "gonb", "kernel.json") {
		t.Errorf("KernelSpec = %q", p.KernelSpec())
	}
}

func TestFindPathsHonoursTheEnvironment(t *testing.T) {
	root := t.TempDir()
	t.Setenv("LENSBOOK_ROOT", root)
	t.Setenv("LENSBOOK_BUILD_DIR", filepath.Join(root, "b"))
	t.Setenv("JUPYTER_DATA_DIR", filepath.Join(root, "j"))
	t.Setenv("JUPYTER", "/nowhere/jupyter")
	p, err := FindPaths()
	if err != nil {
		t.Fatal(err)
	}
	want := Paths{Root: root, BuildDir: filepath.Join(root, "b"), JupyterDataDir: filepath.Join(root, "j"), Jupyter: "/nowhere/jupyter"}
	if p != want {
		t.Errorf("FindPaths = %+v, want %+v", p, want)
	}
	ok, why := p.KernelInstalled()
	if ok || !strings.Contains(why, "no GoNB kernelspec at "+filepath.Join(root, "j")) {
		t.Errorf("KernelInstalled = %v, %q", ok, why)
	}
}

func TestFindModuleRootOutsideTheModule(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module example.com/other\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := findModuleRoot(dir)
	if err == nil || !strings.Contains(err.Error(), "set LENSBOOK_ROOT") {
		t.Errorf("err = %v", err)
	}
}

func TestModulePathOf(t *testing.T) {
	tests := map[string]string{
		"module github.com/lensbook/lensbook\n\ngo 1.26\n": "github.com/lensbook/lensbook",
		"// c\nmodule \"example.com/q\"\n":                 "example.com/q",
		"modules x\n":                                      "",
		"":                                                 "",
	}
	for in, want := range tests {
		if got := modulePathOf([]byte(in)); got != want {
			t.Errorf("modulePathOf(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestExecuteWithoutKernelSaysWhatToDo(t *testing.T) {
	root := t.TempDir()
	p := &Paths{Root: root, BuildDir: root, JupyterDataDir: root, Jupyter: "jupyter"}
	_, err := Execute(t.Context(), "testdata/hello.ipynb", ExecOptions{Paths: p})
	if err == nil || !strings.Contains(err.Error(), "run make setup") {
		t.Errorf("err = %v", err)
	}
}
