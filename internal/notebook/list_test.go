package notebook

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func TestListLeavesOutScratchCopies(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"b.ipynb", "a.ipynb", ".lensbook-run-a-123.ipynb", "notes.md"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("{}"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := List(dir)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{filepath.Join(dir, "a.ipynb"), filepath.Join(dir, "b.ipynb")}
	if !slices.Equal(got, want) {
		t.Errorf("List = %q, want %q", got, want)
	}
}
