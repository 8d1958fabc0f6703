package charts

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden SVG files in testdata")

// TestGoldenSVG compares each sample's SVG with testdata/NAME.svg; run with
// -update after an intended change of the house style, then look at the
// files. PNGs have no goldens: rasterising differs between CPU architectures.
func TestGoldenSVG(t *testing.T) {
	for name, c := range samples(t) {
		t.Run(name, func(t *testing.T) {
			got := renderSVG(t, c)
			path := filepath.Join("testdata", name+".svg")
			if *update {
				if err := os.MkdirAll("testdata", 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("SVG differs from %s; run go test -update if the change is intended, and look at the result", path)
			}
		})
	}
}
