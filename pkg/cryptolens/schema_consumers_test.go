package cryptolens_test

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/go-gota/gota/dataframe"
	"github.com/google/go-cmp/cmp"
	"github.com/lensbook/lensbook/internal/emulator"
	"github.com/lensbook/lensbook/internal/export"
	"github.com/lensbook/lensbook/pkg/cryptolens"
	"github.com/lensbook/lensbook/pkg/frames"
	"github.com/lensbook/lensbook/pkg/store"
	"github.com/parquet-go/parquet-go"
)

// The fields of each log, listed once here: the API's name and the record's
// Go field, in the API's order. TestSchemaConsumers checks every consumer of
// a log's fields against this list; adding a field means adding it to the
// record, to its cryptolens.Schema and here.
var (
	webAPILogFields = []apiField{{"id", "ID"}, {"productId", "ProductID"}, {"key", "Key"},
		{"ip", "IP"}, {"time", "Time"}, {"state", "State"}, {"machineCode", "MachineCode"},
		{"friendlyName", "FriendlyName"}, {"floatingExpires", "FloatingExpires"},
		{"doIntValue", "DOIntValue"}, {"doId", "DOID"}}
	eventFields = []apiField{{"id", "ID"}, {"productId", "ProductID"}, {"key", "Key"},
		{"machineCode", "MachineCode"}, {"featureName", "FeatureName"}, {"eventName", "EventName"},
		{"value", "Value"}, {"currency", "Currency"}, {"time", "Time"}, {"metadata", "Metadata"}}
	objectLogFields = []apiField{{"id", "ID"}, {"created", "Created"}, {"resourceType", "ResourceType"},
		{"resourceAction", "ResourceAction"}, {"affectedObjectId", "AffectedObjectID"},
		{"objectOwnerUserId", "ObjectOwnerUserID"}, {"performedByUserId", "PerformedByUserID"},
		{"data", "Data"}}
)

// apiField is a field's name in the API's JSON and in the record type.
type apiField struct{ api, goName string }

// TestSchemaConsumers checks every consumer of the three logs' fields
// against the list above, with a row whose every field holds a value of
// its own: the schema, decoding and encoding, the emulator's pages, the
// store's table columns and its round trip through a real file, the
// frames' columns and the CSV, JSONL and Parquet exports.
func TestSchemaConsumers(t *testing.T) {
	t.Parallel()
	web := distinctRow[cryptolens.WebAPILog](t, webAPILogFields)
	event := distinctRow[cryptolens.Event](t, eventFields)
	object := distinctRow[cryptolens.ObjectLogEntry](t, objectLogFields)
	web.ID, event.ID, object.ID = 1, 1, 1 // the first row of each log, so that a sync pages to it

	t.Run("schema, decode, encode, frames, exports", func(t *testing.T) {
		checkConsumers(t, webAPILogFields, web, frames.WebAPILogColumns(), func(rows []cryptolens.WebAPILog) dataframe.DataFrame { return frames.WebAPILog(rows) })
		checkConsumers(t, eventFields, event, frames.EventsColumns(), func(rows []cryptolens.Event) dataframe.DataFrame { return frames.Events(rows) })
		checkConsumers(t, objectLogFields, object, frames.ObjectLogColumns(), func(rows []cryptolens.ObjectLogEntry) dataframe.DataFrame { return frames.ObjectLog(rows) })
	})

	t.Run("emulator, client, store", func(t *testing.T) {
		srv := emulator.NewServer(&emulator.Dataset{WebAPILog: []cryptolens.WebAPILog{web},
			Events: []cryptolens.Event{event}, ObjectLog: []cryptolens.ObjectLogEntry{object}})
		token := srv.NewToken(emulator.AllPermissions...)
		ts := httptest.NewServer(srv)
		t.Cleanup(ts.Close)
		path := filepath.Join(t.TempDir(), "store.db")
		st, err := store.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		c, err := cryptolens.NewClient(token, cryptolens.WithBaseURL(ts.URL+"/api"))
		if err != nil {
			t.Fatal(err)
		}
		ctx := t.Context()
		acct := st.Account(c)
		if _, err := acct.SyncAll(ctx, time.Time{}); err != nil {
			t.Fatal(err)
		}
		webBack, err := acct.WebAPILog(ctx, cryptolens.Window{}, store.Filter{})
		checkStored(t, "Web API Log", err, web, webBack)
		eventBack, err := acct.Events(ctx, cryptolens.Window{}, store.Filter{})
		checkStored(t, "Events Log", err, event, eventBack)
		objectBack, err := acct.ObjectLog(ctx, cryptolens.Window{})
		checkStored(t, "Object Log", err, object, objectBack)

		db, err := sql.Open("sqlite", path)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		for table, fields := range map[string][]apiField{"weblog": webAPILogFields, "events": eventFields, "objectlog": objectLogFields} {
			want := []string{"account"}
			for _, f := range fields {
				want = append(want, snake(f.api))
			}
			if diff := cmp.Diff(want, tableColumns(ctx, t, db, table)); diff != "" {
				t.Errorf("store table %s: columns (-listed +file); a new field needs a migration that adds its column (pkg/store schema.go):\n%s", table, diff)
			}
		}
	})
}

// TestOutcomeLabels: the frames' outcome column holds the labels of the one
// success/failure rule.
func TestOutcomeLabels(t *testing.T) {
	for _, tt := range []struct {
		label string
		class cryptolens.RequestOutcome
	}{{frames.OutcomeSuccess, cryptolens.OutcomeSuccess}, {frames.OutcomeFailure, cryptolens.OutcomeFailure}, {frames.OutcomeOther, cryptolens.OutcomeOther}} {
		if tt.label != tt.class.String() {
			t.Errorf("frames label %q, rule's label %q", tt.label, tt.class.String())
		}
	}
	for _, s := range []cryptolens.State{1010, 2024, 2000, 2030, 0, -2011} {
		if got, want := frames.Outcome(s), s.Result().String(); got != want {
			t.Errorf("state %d: frames %q, rule %q", int(s), got, want)
		}
	}
}

// distinctRow returns a record whose every field holds a value no other
// field holds (ints 100+i, text "v<i>", times a minute apart), set through
// reflection, not through the schema. It fails when the record has a field
// the list lacks, or the list a field the record lacks.
func distinctRow[R any](t *testing.T, fields []apiField) R {
	t.Helper()
	var r R
	v := reflect.ValueOf(&r).Elem()
	if v.NumField() != len(fields) {
		t.Fatalf("%T has %d fields, the list %d", r, v.NumField(), len(fields))
	}
	for i, f := range fields {
		fv := v.FieldByName(f.goName)
		switch {
		case !fv.IsValid():
			t.Fatalf("%T has no field %s", r, f.goName)
		case fv.Type() == reflect.TypeFor[time.Time]():
			fv.Set(reflect.ValueOf(time.Unix(1_780_000_000+60*int64(i), 0).UTC()))
		case fv.Kind() == reflect.String:
			fv.SetString("v" + strconv.Itoa(i))
		default:
			fv.SetInt(int64(100 + i))
		}
	}
	return r
}

// fieldText is a field's value as CSV and the API's JSON carry it.
func fieldText[R any](r *R, f apiField) string {
	fv := reflect.ValueOf(r).Elem().FieldByName(f.goName)
	switch x := fv.Interface().(type) {
	case time.Time:
		return strconv.FormatInt(x.Unix(), 10)
	case string:
		return x
	}
	return strconv.FormatInt(fv.Int(), 10)
}

func checkConsumers[R export.Record](t *testing.T, fields []apiField, row R, frameCols []string, frame func([]R) dataframe.DataFrame) {
	t.Helper()
	schema := cryptolens.SchemaOf[R]()
	var names []string
	for _, f := range fields {
		names = append(names, f.api)
	}
	if diff := cmp.Diff(names, schema.Names()); diff != "" {
		t.Fatalf("%s schema names (-listed +schema):\n%s", schema.Log, diff)
	}

	// Encoding: the API's JSON has the listed members in order, each with
	// its field's value.
	js, err := json.Marshal(row)
	if err != nil {
		t.Fatal(err)
	}
	var want strings.Builder
	for i, f := range fields {
		want.WriteString(map[bool]string{true: "{", false: ","}[i == 0])
		fmt.Fprintf(&want, "%q:", f.api)
		if reflect.ValueOf(row).FieldByName(f.goName).Kind() == reflect.String {
			fmt.Fprintf(&want, "%q", fieldText(&row, f))
		} else {
			want.WriteString(fieldText(&row, f))
		}
	}
	want.WriteString("}")
	if string(js) != want.String() {
		t.Fatalf("%s encodes as\n%s\nwant\n%s", schema.Log, js, want.String())
	}
	// Decoding: that JSON, members in reverse order, decodes to the row.
	var back R
	if err := json.Unmarshal(reversedMembers(t, js), &back); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(row, back); diff != "" {
		t.Fatalf("%s decodes (-row +decoded):\n%s", schema.Log, diff)
	}

	// Frames: the listed fields first, each holding its field's value.
	if diff := cmp.Diff(names, frameCols[:min(len(names), len(frameCols))]); diff != "" {
		t.Fatalf("%s frame columns (-listed +frame):\n%s", schema.Log, diff)
	}
	df := frame([]R{row})
	for _, f := range fields {
		got := df.Col(f.api).Elem(0).String()
		wantText := fieldText(&row, f)
		if tm, ok := reflect.ValueOf(row).FieldByName(f.goName).Interface().(time.Time); ok {
			wantText = tm.Format(time.RFC3339)
		}
		if got != wantText {
			t.Errorf("%s frame column %s holds %q, want %q", schema.Log, f.api, got, wantText)
		}
	}

	// CSV: the header is the list; the line holds each field's value.
	csvText := writeExport(t, export.CSV, row)
	var cells []string
	for _, f := range fields {
		cells = append(cells, fieldText(&row, f))
	}
	if got, wantCSV := csvText, strings.Join(names, ",")+"\n"+strings.Join(cells, ",")+"\n"; got != wantCSV {
		t.Errorf("%s CSV:\n%s\nwant\n%s", schema.Log, got, wantCSV)
	}
	// JSONL: the API's JSON, one line.
	if got := writeExport(t, export.JSONL, row); got != string(js)+"\n" {
		t.Errorf("%s JSONL:\n%s\nwant\n%s", schema.Log, got, js)
	}
	// Parquet: the listed columns in order, and the row back.
	file := writeExport(t, export.Parquet, row)
	pf, err := parquet.OpenFile(strings.NewReader(file), int64(len(file)))
	if err != nil {
		t.Fatal(err)
	}
	var cols []string
	for _, c := range pf.Schema().Fields() {
		cols = append(cols, c.Name())
	}
	if diff := cmp.Diff(names, cols); diff != "" {
		t.Errorf("%s Parquet columns (-listed +file):\n%s", schema.Log, diff)
	}
	rows, err := export.ReadParquet[R](strings.NewReader(file), int64(len(file)))
	if err != nil || len(rows) != 1 {
		t.Fatalf("%s Parquet: %d rows, %v", schema.Log, len(rows), err)
	}
	if diff := cmp.Diff(row, rows[0]); diff != "" {
		t.Errorf("%s Parquet round trip (-row +read):\n%s", schema.Log, diff)
	}
}

// writeExport writes the row in the format and returns the file.
func writeExport[R export.Record](t *testing.T, f export.Format, row R) string {
	t.Helper()
	var buf bytes.Buffer
	w, err := export.NewWriter[R](&buf, f)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Write(row); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// reversedMembers returns a flat JSON object with its members in reverse
// order, so that decoding cannot lean on the order.
func reversedMembers(t *testing.T, js []byte) []byte {
	t.Helper()
	var members []string
	dec := json.NewDecoder(bytes.NewReader(js))
	dec.UseNumber()
	if _, err := dec.Token(); err != nil {
		t.Fatal(err)
	}
	for dec.More() {
		name, _ := dec.Token()
		var value json.RawMessage
		if err := dec.Decode(&value); err != nil {
			t.Fatal(err)
		}
		members = append([]string{fmt.Sprintf("%q:%s", name, value)}, members...)
	}
	return []byte("{" + strings.Join(members, ",") + "}")
}

func checkStored[R any](t *testing.T, log string, err error, row R, back []R) {
	t.Helper()
	if err != nil {
		t.Fatalf("%s: %v", log, err)
	}
	if len(back) != 1 {
		t.Fatalf("%s: %d rows back from the store, want 1", log, len(back))
	}
	if diff := cmp.Diff(row, back[0]); diff != "" {
		t.Errorf("%s through emulator, client and store (-served +stored):\n%s", log, diff)
	}
}

// snake is the store's column name of an API name.
func snake(api string) string {
	var b strings.Builder
	for _, c := range api {
		if c >= 'A' && c <= 'Z' {
			b.WriteByte('_')
			c += 'a' - 'A'
		}
		b.WriteRune(c)
	}
	return b.String()
}

// tableColumns lists a table's columns in the store file.
func tableColumns(ctx context.Context, t *testing.T, db *sql.DB, table string) []string {
	t.Helper()
	rows, err := db.QueryContext(ctx, "SELECT name FROM pragma_table_info(?) ORDER BY cid", table)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			t.Fatal(err)
		}
		out = append(out, name)
	}
	return out
}
