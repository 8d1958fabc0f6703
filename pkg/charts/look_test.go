package charts

import (
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var lookDir = flag.String("look", "", "write every sample chart as PNG and SVG into this folder, to inspect by eye")

// TestWriteSamplesToLook writes the sample charts for a person to look at;
// it runs only with -look=DIR.
func TestWriteSamplesToLook(t *testing.T) {
	if *lookDir == "" {
		t.Skip("no -look folder")
	}
	if err := os.MkdirAll(*lookDir, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, c := range samples(t) {
		for ext, render := range map[string]func(*os.File) error{
			".png": func(f *os.File) error { return c.PNG(f) },
			".svg": func(f *os.File) error { return c.SVG(f) },
		} {
			f, err := os.Create(filepath.Join(*lookDir, name+ext))
			if err != nil {
				t.Fatal(err)
			}
			if err := render(f); err != nil {
				t.Errorf("%s%s: %v", name, ext, err)
			}
			if err := f.Close(); err != nil {
				t.Fatal(err)
			}
		}
	}
}
