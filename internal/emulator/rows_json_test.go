package emulator

import (
	"bytes"
	"encoding/json"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/lensbook/lensbook/pkg/cryptolens"
)

// Every page the emulator serves is what encoding/json writes: each member
// name and value, encoded by encoding/json, gives the same bytes; and each
// row with valid UTF-8 decodes back to the record it came from. Rows of a plain and a
// hostile dataset and odd values, for all three logs.
func TestListBodyIsEncodingJSON(t *testing.T) {
	t.Parallel()
	web := []cryptolens.WebAPILog{
		{},
		{ID: -1, Key: "bad \xff utf-8", IP: "\u2028\u2029", MachineCode: "\x00\x1f\x7f", FriendlyName: `"\/<>&`,
			Time: time.Unix(-5, 0).UTC(), FloatingExpires: time.Unix(1<<40, 0).UTC(), State: 9999, DOIntValue: -3, DOID: 1 << 60},
	}
	var events []cryptolens.Event
	var objects []cryptolens.ObjectLogEntry
	for _, cfg := range []Config{{Seed: 2, Rows: 5000}, {Seed: 2, Rows: 5000, Hostile: true}} {
		ds := Generate(cfg)
		web, events, objects = append(web, ds.WebAPILog...), append(events, ds.Events...), append(objects, ds.ObjectLog...)
	}
	checkListBody(t, "logs", web)
	checkListBody(t, "events", events)
	checkListBody(t, "objectLogs", objects)
}

func checkListBody[R cryptolens.WebAPILog | cryptolens.Event | cryptolens.ObjectLogEntry](t *testing.T, key string, rows []R) {
	t.Helper()
	body := listBody(key, rows)
	var env map[string]json.RawMessage
	if err := json.Unmarshal(body, &env); err != nil {
		t.Fatalf("%s page: %v", key, err)
	}
	var raws []json.RawMessage
	if err := json.Unmarshal(env[key], &raws); err != nil || len(raws) != len(rows) {
		t.Fatalf("%s page: %d rows of %d (%v)", key, len(raws), len(rows), err)
	}
	for i, raw := range raws {
		if want := viaEncodingJSON(t, cryptolens.SchemaOf[R](), &rows[i]); !bytes.Equal(want, raw) {
			t.Fatalf("%s row %d is\n%s\nencoding/json writes\n%s", key, i, raw, want)
		}
		var got R
		if err := json.Unmarshal(raw, &got); err != nil {
			t.Fatalf("%s row %d: %v", key, i, err)
		}
		if diff := cmp.Diff(rows[i], got); diff != "" && !bytes.Contains(raw, []byte(`\ufffd`)) {
			t.Fatalf("%s row %d does not decode back (-served +decoded):\n%s", key, i, diff)
		}
	}
}

// viaEncodingJSON writes the row with encoding/json, member by member:
// each field's name and value (a time in Unix seconds, 0 for none) in the
// schema's order.
func viaEncodingJSON[R any](t *testing.T, schema *cryptolens.Schema[R], r *R) []byte {
	t.Helper()
	out := []byte{'{'}
	for i, f := range schema.Fields {
		var v any
		switch f.Kind {
		case cryptolens.TextField:
			v = *f.Text(r)
		case cryptolens.TimeField:
			v = int64(0)
			if tm := *f.Time(r); !tm.IsZero() {
				v = tm.Unix()
			}
		default:
			v = f.IntValue(r)
		}
		for j, x := range []any{f.Name, v} {
			b, err := json.Marshal(x)
			if err != nil {
				t.Fatal(err)
			}
			if i > 0 && j == 0 {
				out = append(out, ',')
			}
			out = append(out, b...)
			if j == 0 {
				out = append(out, ':')
			}
		}
	}
	return append(out, '}')
}
