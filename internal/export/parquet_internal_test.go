package export

import (
	"bytes"
	"testing"
	"time"

	"github.com/lensbook/lensbook/pkg/cryptolens"
	"github.com/parquet-go/parquet-go"
)

// TestParquetStreamsRowGroups checks that the writer cuts row groups at
// parquetRowGroup rows instead of holding the whole file in memory.
func TestParquetStreamsRowGroups(t *testing.T) {
	old := parquetRowGroup
	parquetRowGroup = 1000
	t.Cleanup(func() { parquetRowGroup = old })
	var buf bytes.Buffer
	w, err := NewParquetWriter[cryptolens.ObjectLogEntry](&buf)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 3500 {
		if err := w.Write(cryptolens.ObjectLogEntry{ID: int64(i + 1), Created: time.Unix(1.7e9+int64(i), 0).UTC(), Data: "{}"}); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	f, err := parquet.OpenFile(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	if got := len(f.RowGroups()); got != 4 {
		t.Fatalf("%d row groups for 3500 rows at 1000 a group, want 4", got)
	}
	if f.NumRows() != 3500 {
		t.Fatalf("%d rows, want 3500", f.NumRows())
	}
}
