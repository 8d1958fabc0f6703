package emulator

import (
	"bytes"
	"testing"
	"time"

	"github.com/lensbook/lensbook/pkg/cryptolens"
)

// The hand-written row encoder writes exactly what MarshalJSON writes, for
// every row of a plain and a hostile dataset and for odd values.
func TestWebLogRowsEncodeLikeMarshalJSON(t *testing.T) {
	t.Parallel()
	rows := []cryptolens.WebAPILog{
		{},
		{ID: -1, Key: "bad \xff utf-8", IP: "\u2028\u2029", MachineCode: "\x00\x1f\x7f", FriendlyName: `"\/<>&`,
			Time: time.Unix(-5, 0).UTC(), FloatingExpires: time.Unix(1<<40, 0), State: 9999, DOIntValue: -3, DOID: 1 << 60},
	}
	for _, cfg := range []Config{{Seed: 2, Rows: 5000}, {Seed: 2, Rows: 5000, Hostile: true}} {
		rows = append(rows, Generate(cfg).WebLog...)
	}
	for _, r := range rows {
		want, err := r.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		if got := appendWebLogRow(nil, &r); !bytes.Equal(got, want) {
			t.Fatalf("row %d encodes as\n%s\nwant\n%s", r.ID, got, want)
		}
	}
}
