package frames

import (
	"testing"
	"time"

	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"
	"github.com/google/go-cmp/cmp"
	"github.com/lensbook/lensbook/pkg/cryptolens"
)

// hostile are strings that must survive a frame byte for byte.
var hostile = []string{
	`say "hi", then leave`,
	"line one\nline two\r\nthree",
	`<script>alert("x")</script> & <b>`,
	"naïve ✓ 日本語 🚀",
	"comma,separated,values",
	"  padded  ",
	"",
	"tab\there",
	`{"OS":"Windows"}`,
}

type colSpec struct {
	Name string
	Type series.Type
}

func specs(df dataframe.DataFrame) []colSpec {
	var out []colSpec
	for i, n := range df.Names() {
		out = append(out, colSpec{n, df.Types()[i]})
	}
	return out
}

func strCol(df dataframe.DataFrame, name string) []string { return df.Col(name).Records() }

func intCol(t *testing.T, df dataframe.DataFrame, name string) []int {
	t.Helper()
	v, err := df.Col(name).Int()
	if err != nil {
		t.Fatalf("column %q as ints: %v", name, err)
	}
	return v
}

func TestColumnsAndTypesAreFixedEvenWhenEmpty(t *testing.T) {
	S, I := series.String, series.Int
	tests := []struct {
		name  string
		build func(empty bool) dataframe.DataFrame
		names []string
		want  []colSpec
	}{
		{"WebAPILog", func(empty bool) dataframe.DataFrame {
			if empty {
				return WebAPILog(nil)
			}
			return WebAPILog([]cryptolens.WebAPILog{{ID: 1, State: 1010, Time: time.Unix(1, 0)}})
		}, WebAPILogColumns(), []colSpec{{"id", I}, {"productId", I}, {"key", S}, {"ip", S}, {"time", S},
			{"state", I}, {"machineCode", S}, {"friendlyName", S}, {"floatingExpires", S},
			{"doIntValue", I}, {"doId", I}, {"day", S}, {"method", S}, {"outcome", S}}},
		{"Events", func(empty bool) dataframe.DataFrame {
			if empty {
				return Events([]cryptolens.Event{})
			}
			return Events([]cryptolens.Event{{ID: 1}})
		}, EventsColumns(), []colSpec{{"id", I}, {"productId", I}, {"key", S}, {"machineCode", S},
			{"featureName", S}, {"eventName", S}, {"value", I}, {"currency", S}, {"time", S},
			{"metadata", S}, {"day", S}}},
		{"ObjectLog", func(empty bool) dataframe.DataFrame {
			if empty {
				return ObjectLog(nil)
			}
			return ObjectLog([]cryptolens.ObjectLogEntry{{ID: 1}})
		}, ObjectLogColumns(), []colSpec{{"id", I}, {"created", S}, {"resourceType", I},
			{"resourceAction", I}, {"affectedObjectId", I}, {"objectOwnerUserId", I},
			{"performedByUserId", S}, {"data", S}, {"day", S}, {"resourceTypeName", S},
			{"resourceActionName", S}}},
	}
	for _, tt := range tests {
		for _, empty := range []bool{true, false} {
			df := tt.build(empty)
			if df.Err != nil {
				t.Fatalf("%s(empty=%v): %v", tt.name, empty, df.Err)
			}
			if diff := cmp.Diff(tt.want, specs(df)); diff != "" {
				t.Errorf("%s(empty=%v) columns (-want +got):\n%s", tt.name, empty, diff)
			}
			var wantNames []string
			for _, c := range tt.want {
				wantNames = append(wantNames, c.Name)
			}
			if diff := cmp.Diff(wantNames, tt.names); diff != "" {
				t.Errorf("%sColumns() (-want +got):\n%s", tt.name, diff)
			}
			wantRows := 1
			if empty {
				wantRows = 0
			}
			if df.Nrow() != wantRows {
				t.Errorf("%s(empty=%v) has %d rows, want %d", tt.name, empty, df.Nrow(), wantRows)
			}
		}
	}
}

func TestWebAPILogValuesAndDerivedColumns(t *testing.T) {
	t0 := time.Date(2026, 10, 31, 23, 59, 59, 0, time.UTC)
	// A time in another zone must come out in UTC, on its UTC day.
	plus2 := time.FixedZone("UTC+2", 2*3600)
	rows := []cryptolens.WebAPILog{
		{ID: 1, ProductID: 3, Key: "AAAA-BBBB", IP: "10.0.0.1", Time: t0, State: 1010,
			MachineCode: "m1", FriendlyName: "alice@example.com"},
		{ID: 2, ProductID: 3, Key: "AAAA-BBBB", IP: "10.0.0.2", Time: time.Date(2026, 11, 1, 1, 0, 0, 0, plus2),
			State: 2024, FloatingExpires: time.Date(2026, 11, 1, 0, 5, 0, 0, time.UTC)},
		{ID: 3, ProductID: 4, Time: t0.Add(2 * time.Second), State: 8010, DOIntValue: -7, DOID: 99},
		{ID: 4, Time: t0, State: 5035},
		{ID: 5, Time: t0, State: 9999},
	}
	df := WebAPILog(rows)
	got := map[string]any{
		"id": intCol(t, df, ColID), "productId": intCol(t, df, ColProductID),
		"state": intCol(t, df, ColState), "doIntValue": intCol(t, df, ColDOIntValue),
		"doId": intCol(t, df, ColDOID), "key": strCol(df, ColKey), "ip": strCol(df, ColIP),
		"time": strCol(df, ColTime), "machineCode": strCol(df, ColMachineCode),
		"friendlyName": strCol(df, ColFriendlyName), "floatingExpires": strCol(df, ColFloatingExpires),
		"day": strCol(df, ColDay), "method": strCol(df, ColMethod), "outcome": strCol(df, ColOutcome),
	}
	want := map[string]any{
		"id": []int{1, 2, 3, 4, 5}, "productId": []int{3, 3, 4, 0, 0},
		"state": []int{1010, 2024, 8010, 5035, 9999}, "doIntValue": []int{0, 0, -7, 0, 0},
		"doId":            []int{0, 0, 99, 0, 0},
		"key":             []string{"AAAA-BBBB", "AAAA-BBBB", "", "", ""},
		"ip":              []string{"10.0.0.1", "10.0.0.2", "", "", ""},
		"time":            []string{"2026-10-31T23:59:59Z", "2026-10-31T23:00:00Z", "2026-11-01T00:00:01Z", "2026-10-31T23:59:59Z", "2026-10-31T23:59:59Z"},
		"machineCode":     []string{"m1", "", "", "", ""},
		"friendlyName":    []string{"alice@example.com", "", "", "", ""},
		"floatingExpires": []string{"", "2026-11-01T00:05:00Z", "", "", ""},
		"day":             []string{"2026-10-31", "2026-10-31", "2026-11-01", "2026-10-31", "2026-10-31"},
		"method":          []string{"validation", "activation", "data object", "no request", "group 99"},
		"outcome":         []string{"Success", "Failure", "Success", "Other", "Other"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("WebAPILog values (-want +got):\n%s", diff)
	}
}

func TestHostileStringsSurviveExactly(t *testing.T) {
	var web []cryptolens.WebAPILog
	var events []cryptolens.Event
	var objects []cryptolens.ObjectLogEntry
	for _, s := range hostile {
		web = append(web, cryptolens.WebAPILog{Key: s, IP: s, MachineCode: s, FriendlyName: s})
		events = append(events, cryptolens.Event{Key: s, MachineCode: s, FeatureName: s, EventName: s, Currency: s, Metadata: s})
		objects = append(objects, cryptolens.ObjectLogEntry{PerformedByUserID: s, Data: s})
	}
	checks := []struct {
		df   dataframe.DataFrame
		cols []string
	}{
		{WebAPILog(web), []string{ColKey, ColIP, ColMachineCode, ColFriendlyName}},
		{Events(events), []string{ColKey, ColMachineCode, ColFeatureName, ColEventName, ColCurrency, ColMetadata}},
		{ObjectLog(objects), []string{ColPerformedByUserID, ColData}},
	}
	for _, c := range checks {
		for _, col := range c.cols {
			if diff := cmp.Diff(hostile, strCol(c.df, col)); diff != "" {
				t.Errorf("column %q (-want +got):\n%s", col, diff)
			}
		}
	}
}

func TestEventsValues(t *testing.T) {
	ts := time.Date(2018, 8, 16, 8, 25, 53, 0, time.UTC)
	df := Events([]cryptolens.Event{{ID: 5012, ProductID: 3, Key: "AAAA-BBBB-CCCC-DDDD",
		MachineCode: "9f86d0", FeatureName: "YearReportGenerator", EventName: "start",
		Value: 2530, Currency: "USD", Time: ts, Metadata: `{"OS":"Windows"}`}})
	got := df.Records()
	want := [][]string{EventsColumns(), {"5012", "3", "AAAA-BBBB-CCCC-DDDD", "9f86d0",
		"YearReportGenerator", "start", "2530", "USD", "2018-08-16T08:25:53Z", `{"OS":"Windows"}`, "2018-08-16"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Events records (-want +got):\n%s", diff)
	}
}

func TestObjectLogValues(t *testing.T) {
	df := ObjectLog([]cryptolens.ObjectLogEntry{
		{ID: 901, Created: time.Unix(1614705487, 0), ResourceType: cryptolens.ResourceLicenseKey,
			ResourceAction: cryptolens.ActionUpdated, AffectedObjectID: 123456, ObjectOwnerUserID: 465,
			PerformedByUserID: "465", Data: `{"Notes":["","VIP"]}`},
		{ID: 902, ResourceType: 42, ResourceAction: -1},
	})
	want := [][]string{ObjectLogColumns(),
		{"901", "2021-03-02T17:18:07Z", "3", "2", "123456", "465", "465", `{"Notes":["","VIP"]}`,
			"2021-03-02", "LicenseKey", "Updated"},
		{"902", "", "42", "-1", "0", "0", "", "", "", "ResourceType(42)", "ResourceAction(-1)"},
	}
	if diff := cmp.Diff(want, df.Records()); diff != "" {
		t.Errorf("ObjectLog records (-want +got):\n%s", diff)
	}
}

func TestDayBeforeEpochAndAcrossDays(t *testing.T) {
	var d dayCache
	tests := []struct {
		t    time.Time
		want string
	}{
		{time.Date(1969, 12, 31, 23, 0, 0, 0, time.UTC), "1969-12-31"},
		{time.Date(1969, 12, 31, 0, 0, 0, 0, time.UTC), "1969-12-31"},
		{time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC), "1970-01-01"},
		{time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC), "2026-11-01"},
		{time.Date(2026, 11, 1, 23, 59, 59, 0, time.UTC), "2026-11-01"},
		{time.Date(2026, 11, 2, 0, 0, 0, 0, time.UTC), "2026-11-02"},
		{time.Time{}, ""},
	}
	for _, tt := range tests {
		if got := d.day(tt.t); got != tt.want {
			t.Errorf("day(%v) = %q, want %q", tt.t, got, tt.want)
		}
	}
}

// TestGotaNaNQuirk pins Gota's one lossy case: the string "NaN" becomes a
// missing value, which still prints as "NaN".
func TestGotaNaNQuirk(t *testing.T) {
	df := WebAPILog([]cryptolens.WebAPILog{{Key: "NaN"}})
	if got := df.Col(ColKey).Records(); got[0] != "NaN" {
		t.Errorf("key prints %q, want NaN", got[0])
	}
	if !df.Col(ColKey).Elem(0).IsNA() {
		t.Log("Gota no longer turns \"NaN\" into a missing value: update the package doc")
	}
}
