package notebook

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// List returns the notebooks in dir (its *.ipynb files), sorted, leaving out
// hidden files: the scratch copies that Execute writes beside a notebook
// while it runs (".lensbook-run-*") and editors' checkpoints.
func List(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var paths []string
	for _, e := range entries {
		name := e.Name()
		if e.Type().IsRegular() && strings.HasSuffix(name, ".ipynb") && !strings.HasPrefix(name, ".") {
			paths = append(paths, filepath.Join(dir, name))
		}
	}
	sort.Strings(paths)
	return paths, nil
}
