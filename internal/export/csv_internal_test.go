package export

import (
	"bytes"
	"encoding/csv"
	"strconv"
	"testing"
	"time"

	"github.com/lensbook/lensbook/internal/emulator"
	"github.com/lensbook/lensbook/pkg/cryptolens"
)

// The CSV writer writes what encoding/csv writes, byte for byte, for every
// row of a hostile dataset and for the awkward strings.
func TestCSVMatchesEncodingCSV(t *testing.T) {
	ds := emulator.Generate(emulator.Config{Seed: 4, Days: 5, Rows: 4000, Hostile: true})
	awkward := []string{"", " lead", "\tx", `\.`, `a"b`, "a,b", "a\r\nb", "\r", "é", "\u00a0nbsp", "\u2003em", "x y"}
	for i, s := range awkward {
		ds.WebAPILog = append(ds.WebAPILog, cryptolens.WebAPILog{ID: int64(i), FriendlyName: s, MachineCode: s, Key: s, IP: s})
		ds.Events = append(ds.Events, cryptolens.Event{ID: int64(i), Metadata: s, Currency: s, Time: time.Unix(int64(i), 0)})
		ds.ObjectLog = append(ds.ObjectLog, cryptolens.ObjectLogEntry{ID: int64(i), Data: s, PerformedByUserID: s})
	}
	check(t, ds.WebAPILog)
	check(t, ds.Events)
	check(t, ds.ObjectLog)
}

// csvFields are the record's values as text, by the schema: what
// encoding/csv is given.
func csvFields[R Record](r *R) []string {
	var out []string
	for _, f := range cryptolens.SchemaOf[R]().Fields {
		switch f.Kind {
		case cryptolens.TextField:
			out = append(out, *f.Text(r))
		case cryptolens.TimeField:
			out = append(out, unix(*f.Time(r)))
		default:
			out = append(out, i64(f.IntValue(r)))
		}
	}
	return out
}

func i64(v int64) string { return strconv.FormatInt(v, 10) }

func unix(t time.Time) string {
	if t.IsZero() {
		return "0"
	}
	return i64(t.Unix())
}

func check[R Record](t *testing.T, rows []R) {
	t.Helper()
	var want, got bytes.Buffer
	cw := csv.NewWriter(&want)
	cw.Write(Fields[R]())
	for _, r := range rows {
		cw.Write(csvFields(&r))
	}
	cw.Flush()
	w, err := NewWriter[R](&got, CSV)
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
	if !bytes.Equal(want.Bytes(), got.Bytes()) {
		wl, gl := bytes.Split(want.Bytes(), []byte("\n")), bytes.Split(got.Bytes(), []byte("\n"))
		for i := range min(len(wl), len(gl)) {
			if !bytes.Equal(wl[i], gl[i]) {
				t.Fatalf("%T line %d:\n got %q\nwant %q", rows[0], i, gl[i], wl[i])
			}
		}
		t.Fatalf("%T: %d lines, want %d", rows[0], len(gl), len(wl))
	}
}

// The field check reads eight bytes at a time: a comma, quote, CR or LF at
// any place of a field of any length is found, as encoding/csv finds it,
// and no other byte (spaces, a NUL, bytes next to the special ones in
// value, non-ASCII) is taken for one.
func TestCSVFieldQuotingAtEveryPlace(t *testing.T) {
	fill := []byte("abcdefghijklmnopqrstuvwxyz0123456789")
	odd := []byte{',', '"', '\r', '\n', ' ', 0, '+', '-', '!', '#', '\t', 0x8c, 0xa0, 0xe2, 0x7f, '\f', 0x2b, 0x2d, 0x0b, 0x0e, 0x0c, 0x21, 0x23}
	for n := 1; n <= len(fill); n++ {
		for at := range n {
			for _, c := range odd {
				f := []byte(string(fill[:n]))
				f[at] = c
				var want bytes.Buffer
				cw := csv.NewWriter(&want)
				cw.Write([]string{string(f)})
				cw.Flush()
				got := append(appendCSVField(nil, string(f)), '\n')
				if !bytes.Equal(got, want.Bytes()) {
					t.Fatalf("field %q: got %q, want %q", f, got, want.Bytes())
				}
			}
		}
	}
}
