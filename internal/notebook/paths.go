package notebook

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// Paths locates the pieces of a set-up checkout that executing a notebook
// needs.
type Paths struct {
	Root           string // module root: the folder holding go.mod
	BuildDir       string // Root/.build unless LENSBOOK_BUILD_DIR says otherwise
	JupyterDataDir string // where the gonb kernelspec is: BuildDir/jupyter, or JUPYTER_DATA_DIR
	Jupyter        string // the jupyter command: JUPYTER, /usr/bin/jupyter, or "jupyter"
}

// BinDir is the folder holding gonb, goimports and staticcheck.
func (p Paths) BinDir() string { return filepath.Join(p.BuildDir, "bin") }

// KernelSpec is the path of the installed gonb kernel.json.
func (p Paths) KernelSpec() string {
	return filepath.Join(p.JupyterDataDir, "kernels", "gonb", "kernel.json")
}

// KernelInstalled reports, with the reason when it is not, whether the GoNB
// kernel and the jupyter command are installed (by scripts/setup.sh).
func (p Paths) KernelInstalled() (bool, string) {
	if _, err := os.Stat(p.KernelSpec()); err != nil {
		return false, fmt.Sprintf("no GoNB kernelspec at %s (run make setup)", p.KernelSpec())
	}
	if spec, err := os.ReadFile(p.KernelSpec()); err != nil || !strings.Contains(string(spec), "gonb-kernel.sh") {
		return false, fmt.Sprintf("the GoNB kernelspec at %s predates scripts/gonb-kernel.sh, which lets notebooks import lensbook (run make setup)", p.KernelSpec())
	}
	if _, err := os.Stat(filepath.Join(p.BinDir(), "gonb")); err != nil {
		return false, fmt.Sprintf("no gonb binary in %s (run make setup)", p.BinDir())
	}
	if _, err := exec.LookPath(p.Jupyter); err != nil {
		return false, fmt.Sprintf("jupyter command %q not found (run make setup)", p.Jupyter)
	}
	return true, ""
}

// FindPaths locates the module root by walking up from the working directory
// to the go.mod of github.com/lensbook/lensbook, unless LENSBOOK_ROOT names it,
// and derives the rest, honouring LENSBOOK_BUILD_DIR, JUPYTER_DATA_DIR and
// JUPYTER (as exported by scripts/env.sh).
func FindPaths() (Paths, error) {
	root := os.Getenv("LENSBOOK_ROOT")
	if root == "" {
		wd, err := os.Getwd()
		if err != nil {
			return Paths{}, fmt.Errorf("notebook: finding the module root: %w", err)
		}
		root, err = findModuleRoot(wd)
		if err != nil {
			return Paths{}, err
		}
	}
	root, err := filepath.Abs(root)
	if err != nil {
		return Paths{}, fmt.Errorf("notebook: module root %q: %w", root, err)
	}
	p := Paths{Root: root, BuildDir: os.Getenv("LENSBOOK_BUILD_DIR"), JupyterDataDir: os.Getenv("JUPYTER_DATA_DIR"), Jupyter: os.Getenv("JUPYTER")}
	if p.BuildDir == "" {
		p.BuildDir = filepath.Join(root, ".build")
	}
	if p.JupyterDataDir == "" {
		p.JupyterDataDir = filepath.Join(p.BuildDir, "jupyter")
	}
	if p.Jupyter == "" {
		p.Jupyter = "jupyter"
		if _, err := os.Stat("/usr/bin/jupyter"); err == nil {
			p.Jupyter = "/usr/bin/jupyter"
		}
	}
	return p, nil
}

// ModulePath is the module whose root FindPaths looks for.
const ModulePath = "github.com/lensbook/lensbook"

// findModuleRoot walks up from dir to the folder whose go.mod declares
// ModulePath.
func findModuleRoot(dir string) (string, error) {
	for d := dir; ; {
		if isLensbookRoot(d) {
			return d, nil
		}
		parent := filepath.Dir(d)
		if parent == d {
			return "", errors.New("notebook: no go.mod of " + ModulePath + " in " + dir + " or above (set LENSBOOK_ROOT)")
		}
		d = parent
	}
}

func isLensbookRoot(dir string) bool {
	data, err := os.ReadFile(filepath.Join(dir, "go.mod"))
	if err != nil {
		return false
	}
	return modulePathOf(data) == ModulePath
}

// modulePathOf returns the module path declared by go.mod data.
func modulePathOf(gomod []byte) string {
	for _, line := range strings.Split(string(gomod), "\n") {
		line = strings.TrimSpace(line)
		if rest, ok := strings.CutPrefix(line, "module"); ok && (rest == "" || rest[0] == ' ' || rest[0] == '\t') {
			return strings.Trim(strings.TrimSpace(rest), `"`)
		}
	}
	return ""
}
