package export_test

import (
	"bytes"
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/lensbook/lensbook/internal/emulator"
	"github.com/lensbook/lensbook/internal/export"
	"github.com/lensbook/lensbook/pkg/cryptolens"
	"github.com/parquet-go/parquet-go"
)

// writeParquet writes rows with NewParquetWriter and returns the file.
func writeParquet[R export.Record](t *testing.T, rows []R) []byte {
	t.Helper()
	var buf bytes.Buffer
	w, err := export.NewParquetWriter[R](&buf)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if err := w.Write(r); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func roundTrip[R export.Record](t *testing.T, rows []R) {
	t.Helper()
	file := writeParquet(t, rows)
	got, err := export.ReadParquet[R](bytes.NewReader(file), int64(len(file)))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(rows, got); diff != "" {
		t.Fatalf("%T rows after a Parquet round trip (-wrote +read):\n%s", rows, diff)
	}
	if again := writeParquet(t, rows); !bytes.Equal(file, again) {
		t.Fatalf("%T: two writes of the same rows differ", rows)
	}
}

// parquetOddText is text a Parquet writer must keep byte for byte.
var parquetOddText = []string{"", "plain", `"quoted", comma`, "two\nlines\r\n", "<script>alert(1)</script>",
	"Zoë 東京 🚀 \u202e", "nul\x00byte", "\xff\xfe not UTF-8", "  spaced  "}

func TestParquetRoundTripIsExact(t *testing.T) {
	ds := emulator.Generate(emulator.Config{Seed: 4, Days: 20, Rows: 6000, Hostile: true})
	web := append([]cryptolens.WebAPILog(nil), ds.WebAPILog...)
	for i, s := range parquetOddText {
		web = append(web, cryptolens.WebAPILog{ID: int64(1e9 + i), Key: s, IP: s, MachineCode: s, FriendlyName: s,
			Time: time.Unix(int64(1.7e9+i), 0).UTC(), State: cryptolens.State(1010 + i),
			DOIntValue: -i, DOID: 1 << 40})
	}
	t.Run("weblog", func(t *testing.T) { roundTrip(t, web) })
	t.Run("events", func(t *testing.T) { roundTrip(t, ds.Events) })
	t.Run("objectlog", func(t *testing.T) { roundTrip(t, ds.ObjectLog) })
	t.Run("empty", func(t *testing.T) { roundTrip(t, []cryptolens.Event{}) })
}

// TestParquetSchema checks the documented schema: API names in API order,
// INT64 ids, UTC millisecond timestamps, UTF-8 strings.
func TestParquetSchema(t *testing.T) {
	file := writeParquet(t, []cryptolens.WebAPILog{{ID: 1, Time: time.Unix(1.7e9, 0).UTC()}})
	f, err := parquet.OpenFile(bytes.NewReader(file), int64(len(file)))
	if err != nil {
		t.Fatal(err)
	}
	var names, types []string
	for _, field := range f.Schema().Fields() {
		names = append(names, field.Name())
		opt := ""
		if field.Optional() {
			opt = "optional "
		}
		types = append(types, opt+fmt.Sprint(field.Type()))
	}
	if diff := cmp.Diff(cryptolens.WebAPILogFields, names); diff != "" {
		t.Fatalf("column names (-API +file):\n%s", diff)
	}
	// INT(64,true) is the INT64 physical type with the signed INT(64)
	// logical type.
	want := []string{"INT(64,true)", "INT(32,true)", "STRING", "STRING", "TIMESTAMP(isAdjustedToUTC=true,unit=MILLIS)",
		"INT(32,true)", "STRING", "STRING", "optional TIMESTAMP(isAdjustedToUTC=true,unit=MILLIS)", "INT(32,true)", "INT(64,true)"}
	if diff := cmp.Diff(want, types); diff != "" {
		t.Fatalf("column types (-want +file):\n%s", diff)
	}
}

// Write a day of events to a Parquet file and read it back.
func ExampleNewParquetWriter() {
	events := []cryptolens.Event{
		{ID: 1, ProductID: 3, FeatureName: "Export", EventName: "click", Time: time.Date(2026, 10, 31, 9, 0, 0, 0, time.UTC)},
		{ID: 2, ProductID: 3, EventName: "purchase", Value: 2530, Currency: "EUR", Time: time.Date(2026, 10, 31, 9, 5, 0, 0, time.UTC),
			Metadata: `{"OS":"Linux"}`},
	}
	var file bytes.Buffer
	w, err := export.NewParquetWriter[cryptolens.Event](&file)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, e := range events {
		w.Write(e)
	}
	if err := w.Close(); err != nil {
		fmt.Println(err)
		return
	}
	back, err := export.ReadParquet[cryptolens.Event](bytes.NewReader(file.Bytes()), int64(file.Len()))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, e := range back {
		fmt.Printf("%d %s %d %q %s %q\n", e.ID, e.EventName, e.Value, e.Currency, e.Time.Format(time.RFC3339), e.Metadata)
	}
	// Output:
	// 1 click 0 "" 2026-10-31T09:00:00Z ""
	// 2 purchase 2530 "EUR" 2026-10-31T09:05:00Z "{\"OS\":\"Linux\"}"
}
