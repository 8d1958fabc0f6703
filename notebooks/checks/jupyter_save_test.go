package checks_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/lensbook/lensbook/internal/ipynb"
	"github.com/lensbook/lensbook/internal/jupyterserver"
	"github.com/lensbook/lensbook/internal/kerneltest"
	"github.com/lensbook/lensbook/internal/notebook"
)

// TestJupyterSaveLeavesNotebooksUnchanged opens every committed notebook
// as the Jupyter notebook page does and saves it back unchanged: the real
// server (Debian's jupyter-notebook) loads it through the contents API, the
// kernel metadata is set as the page sets it once a GoNB kernel is ready
// (kernelspec from /api/kernelspecs, language_info from the kernel's
// kernel_info_reply), and the server writes it with nbformat. The file must
// come back byte for byte, or every analyst who opens a report and saves it
// leaves a diff in git.
func TestJupyterSaveLeavesNotebooksUnchanged(t *testing.T) {
	paths := kerneltest.Paths(t)
	nbs, err := notebook.List(notebooksDir)
	if err != nil || len(nbs) == 0 {
		t.Fatalf("no notebooks: %v", err)
	}
	dir := t.TempDir()
	committed := map[string][]byte{}
	for _, nb := range nbs {
		data, err := os.ReadFile(nb)
		if err != nil {
			t.Fatal(err)
		}
		name := filepath.Base(nb)
		committed[name] = data
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	srv, err := jupyterserver.Start(t.Context(), jupyterserver.Options{NotebookDir: dir, Paths: paths})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()

	spec, err := srv.KernelSpec(t.Context(), "gonb")
	if err != nil {
		t.Fatal(err)
	}
	k, err := srv.StartKernel(t.Context(), "gonb")
	if err != nil {
		t.Fatal(err)
	}
	info, err := k.KernelInfo(t.Context())
	k.Close(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	// What notebook.js sets on spec_changed.Kernel and kernel_ready.Kernel.
	kernelspec := map[string]any{"name": "gonb", "display_name": spec["display_name"], "language": spec["language"]}
	languageInfo, _ := info["language_info"].(map[string]any)
	if languageInfo == nil {
		t.Fatalf("kernel_info_reply has no language_info: %v", info)
	}
	wantMeta, _ := json.Marshal(map[string]any{"kernelspec": kernelspec, "language_info": languageInfo})

	for _, nb := range nbs {
		name := filepath.Base(nb)
		t.Run(strings.TrimSuffix(name, ".ipynb"), func(t *testing.T) {
			content, err := srv.Notebook(t.Context(), name)
			if err != nil {
				t.Fatal(err)
			}
			meta, _ := content["metadata"].(map[string]any)
			if meta == nil {
				t.Fatal("no metadata")
			}
			if !reflect.DeepEqual(meta["kernelspec"], kernelspec) || !reflect.DeepEqual(meta["language_info"], languageInfo) {
				gotMeta, _ := json.Marshal(map[string]any{"kernelspec": meta["kernelspec"], "language_info": meta["language_info"]})
				t.Errorf("metadata %s; the GoNB kernel gives %s: Jupyter rewrites it on every save", gotMeta, wantMeta)
			}
			meta["kernelspec"], meta["language_info"] = kernelspec, languageInfo
			if err := srv.SaveNotebook(t.Context(), name, content); err != nil {
				t.Fatal(err)
			}
			saved, err := os.ReadFile(filepath.Join(dir, name))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(saved, committed[name]) {
				t.Errorf("saved unchanged, the file differs from the committed one: %s", firstDiff(committed[name], saved))
			}
			// lensbook's own writer (clean-notebooks, new) agrees with nbformat's.
			parsed, err := ipynb.Parse(committed[name])
			if err != nil {
				t.Fatal(err)
			}
			if ours, err := parsed.Marshal(); err != nil || !bytes.Equal(ours, saved) {
				t.Errorf("internal/ipynb writes it otherwise than nbformat (%v): %s", err, firstDiff(saved, ours))
			}
		})
	}
}

// firstDiff describes the first line where two files differ.
func firstDiff(a, b []byte) string {
	la, lb := strings.Split(string(a), "\n"), strings.Split(string(b), "\n")
	for i := range max(len(la), len(lb)) {
		var x, y string
		if i < len(la) {
			x = la[i]
		}
		if i < len(lb) {
			y = lb[i]
		}
		if x != y {
			return fmt.Sprintf("line %d: committed %q, saved %q (%d and %d lines)", i+1, x, y, len(la), len(lb))
		}
	}
	return "same lines, different bytes"
}
