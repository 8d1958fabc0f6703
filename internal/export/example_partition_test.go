package export_test

import (
	"fmt"
	"log"
	"os"
	"path/filepath"

	"github.com/lensbook/lensbook/internal/emulator"
	"github.com/lensbook/lensbook/internal/export"
)

func ExampleWritePartitioned() {
	ds := emulator.Generate(emulator.Config{Seed: 1, Days: 3, Rows: 300})
	tmp, err := os.MkdirTemp("", "lensbook-export")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(tmp)
	dir := filepath.Join(tmp, "weblog")
	files, n, err := export.WritePartitioned(dir, export.ByDay, export.Rows(ds.WebAPILog))
	if err != nil {
		log.Fatal(err)
	}
	days, _ := filepath.Glob(filepath.Join(dir, "*"))
	for _, d := range days {
		fmt.Println(filepath.Base(d))
	}
	fmt.Println(files, "files,", n == len(ds.WebAPILog))
	// Output:
	// day=2026-10-29
	// day=2026-10-30
	// day=2026-10-31
	// 3 files, true
}
