// Package scripts_test tests the project's shell scripts.
package scripts_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lensbook/lensbook/internal/kerneltest"
)

// standInJupyter answers `jupyter kernelspec list` as Jupyter does, and
// then keeps writing: a reader that stops at the gonb line (grep -q) makes
// it die of SIGPIPE, which under pipefail failed setup.sh about 5 runs in
// 20 with the real jupyter. Here that would be every run.
const standInJupyter = `#!/bin/sh
[ "$1 $2" = "kernelspec list" ] || { echo "stand-in jupyter: $*" >&2; exit 2; }
echo "Available kernels:"
echo "  gonb       $JUPYTER_DATA_DIR/kernels/gonb"
sleep 0.01
i=0
while [ $i -lt 2000 ]; do
	echo "  other$i    /usr/share/jupyter/kernels/other$i"
	i=$((i + 1))
done
`

// checkKernelspec runs scripts/setup.sh --check-kernelspec.
func checkKernelspec(t *testing.T, env ...string) (int, string) {
	t.Helper()
	cmd := exec.Command("bash", "setup.sh", "--check-kernelspec")
	cmd.Env = append(os.Environ(), env...)
	out, err := cmd.CombinedOutput()
	if ee, ok := err.(*exec.ExitError); ok {
		return ee.ExitCode(), string(out)
	} else if err != nil {
		t.Fatal(err)
	}
	return 0, string(out)
}

// TestSetupKernelspecCheckNeverFailsSpuriously runs setup.sh's check that
// Jupyter lists the gonb kernel 50 times against a jupyter that keeps
// writing after the gonb line, then against one that does not list it, and
// once against the real jupyter with the kernel of scripts/setup.sh.
func TestSetupKernelspecCheckNeverFailsSpuriously(t *testing.T) {
	dir := t.TempDir()
	jupyter := filepath.Join(dir, "jupyter")
	if err := os.WriteFile(jupyter, []byte(standInJupyter), 0o755); err != nil {
		t.Fatal(err)
	}
	env := []string{"JUPYTER=" + jupyter, "LENSBOOK_BUILD_DIR=" + filepath.Join(dir, "build")}
	failed := 0
	for i := range 50 {
		if code, out := checkKernelspec(t, env...); code != 0 {
			failed++
			t.Errorf("run %d: exit %d: %s", i+1, code, out)
		}
	}
	if failed > 0 {
		t.Fatalf("%d of 50 checks failed", failed)
	}

	noGonb := filepath.Join(dir, "jupyter-without-gonb")
	script := strings.Replace(standInJupyter, `echo "  gonb `, `echo "  gonbx `, 1)
	if err := os.WriteFile(noGonb, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	if code, out := checkKernelspec(t, "JUPYTER="+noGonb, env[1]); code != 1 || !strings.Contains(out, "does not show gonb") {
		t.Errorf("without gonb: exit %d: %s", code, out)
	}

	paths := kerneltest.Paths(t)
	if code, out := checkKernelspec(t, "JUPYTER="+paths.Jupyter, "LENSBOOK_BUILD_DIR="+paths.BuildDir); code != 0 {
		t.Errorf("real jupyter (%s, %s): exit %d: %s", paths.Jupyter, paths.JupyterDataDir, code, out)
	}
}
