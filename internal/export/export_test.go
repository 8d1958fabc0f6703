package export_test

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/lensbook/lensbook/internal/export"
	"github.com/lensbook/lensbook/pkg/cryptolens"
)

var hostile = []string{
	`plain`, `"quoted", with comma`, "two\nlines\r\nand CRLF", `<script>alert(1)</script>`,
	`Zoë — 東京 🚀`, ``, `=cmd|' /C calc'!A0`,
}

func sampleLogs() []cryptolens.WebAPILog {
	var rows []cryptolens.WebAPILog
	t := time.Date(2026, 10, 1, 12, 0, 0, 0, time.UTC)
	for i, s := range hostile {
		rows = append(rows, cryptolens.WebAPILog{
			ID: int64(1e12) + int64(i), ProductID: 3941, Key: "KWJRH-IWVJH-OGMTQ-ISOOZ", IP: "85.230.98.0",
			Time: t.Add(time.Duration(i) * time.Minute), State: 2014, MachineCode: s, FriendlyName: s,
			FloatingExpires: t.Add(time.Hour), DOIntValue: -5, DOID: 77,
		})
	}
	return rows
}

func TestJSONLRoundTrip(t *testing.T) {
	rows := sampleLogs()
	var buf bytes.Buffer
	w, err := export.NewWriter[cryptolens.WebAPILog](&buf, export.JSONL)
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
	sc := bufio.NewScanner(&buf)
	var got []cryptolens.WebAPILog
	for sc.Scan() {
		var r cryptolens.WebAPILog
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("line %q: %v", sc.Text(), err)
		}
		got = append(got, r)
	}
	if diff := cmp.Diff(rows, got); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
}

func TestCSVRoundTripAndOrder(t *testing.T) {
	rows := sampleLogs()
	var buf bytes.Buffer
	w, err := export.NewWriter[cryptolens.WebAPILog](&buf, export.CSV)
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
	// encoding/csv's reader turns a quoted "\r\n" into "\n"; the bytes keep it.
	if !bytes.Contains(buf.Bytes(), []byte("\"two\nlines\r\nand CRLF\"")) {
		t.Errorf("CRLF inside a field was not kept:\n%s", buf.Bytes())
	}
	recs, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(cryptolens.WebAPILogFields, recs[0]); diff != "" {
		t.Errorf("header (-want +got):\n%s", diff)
	}
	for i, s := range hostile {
		rec := recs[i+1]
		s = strings.ReplaceAll(s, "\r\n", "\n")
		if rec[6] != s || rec[7] != s {
			t.Errorf("row %d: machineCode %q friendlyName %q, want %q", i, rec[6], rec[7], s)
		}
		if rec[4] != "1790856000" && i == 0 {
			t.Errorf("time = %s, want Unix seconds 1790856000", rec[4])
		}
	}
}

func TestParseFormat(t *testing.T) {
	for _, in := range []string{"csv", "CSV", "jsonl", "parquet"} {
		if _, err := export.ParseFormat(in); err != nil {
			t.Errorf("ParseFormat(%q): %v", in, err)
		}
	}
	if _, err := export.ParseFormat("xlsx"); err == nil {
		t.Error("ParseFormat(xlsx) succeeded")
	}
}

func ExampleNewWriter() {
	w, _ := export.NewWriter[cryptolens.Event](os.Stdout, export.CSV)
	w.Write(cryptolens.Event{ID: 1, ProductID: 3, Key: "AAAA-BBBB", FeatureName: "Export", EventName: "start",
		Time: time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC), Metadata: `{"OS":"Linux"}`})
	w.Close()
	// Output:
	// id,productId,key,machineCode,featureName,eventName,value,currency,time,metadata
	// 1,3,AAAA-BBBB,,Export,start,0,,1793491200,"{""OS"":""Linux""}"
}
