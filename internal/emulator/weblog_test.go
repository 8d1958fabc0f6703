package emulator_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/lensbook/lensbook/pkg/cryptolens"
)

func TestGetWebAPILogFollowsTheDocumentedAlgorithm(t *testing.T) {
	t.Parallel()
	h := newHarness(t, testData())
	d := h.data
	mid := d.WebAPILog[len(d.WebAPILog)/2]
	early := d.WebAPILog[len(d.WebAPILog)/5]
	// A floating key with a friendly name, for the filters.
	var sample cryptolens.WebAPILog
	for _, r := range d.WebAPILog[len(d.WebAPILog)/3:] {
		if r.State == cryptolens.StateFloatingActivation && r.FriendlyName != "" {
			sample = r
			break
		}
	}
	nameMiddle := strings.ToUpper(sample.FriendlyName[1 : len(sample.FriendlyName)-1])
	from, to := mid.Time.Unix()-3*3600, mid.Time.Unix()+5*3600
	id := func(v int64) string { return strconv.FormatInt(v, 10) }
	sameProduct := func(r cryptolens.WebAPILog) bool { return r.ProductID == sample.ProductID }
	sameKey := func(r cryptolens.WebAPILog) bool { return sameProduct(r) && r.Key == sample.Key }

	tests := []struct {
		name  string
		pairs []string
		want  logQuery
	}{
		{"defaults: 10 rows ascending by id", nil, logQuery{limit: 10}},
		{"Limit", []string{"Limit", "37"}, logQuery{limit: 37}},
		{"Limit 0 is the default", []string{"Limit", "0"}, logQuery{limit: 10}},
		{"negative Limit is the default", []string{"Limit", "-5"}, logQuery{limit: 10}},
		{"Limit above 1000 is clamped", []string{"Limit", "5000"}, logQuery{limit: 1000}},
		{"StartingAfter is exclusive", []string{"StartingAfter", id(mid.ID), "Limit", "50"},
			logQuery{after: mid.ID, limit: 50}},
		{"StartingAfter id-1 includes id", []string{"StartingAfter", id(mid.ID - 1), "Limit", "3"},
			logQuery{after: mid.ID - 1, limit: 3}},
		{"EndingBefore is exclusive and turns the order to id descending",
			[]string{"EndingBefore", id(mid.ID), "Limit", "50"}, logQuery{before: mid.ID, desc: true, limit: 50}},
		{"both cursors make a range", []string{"StartingAfter", id(early.ID), "EndingBefore", id(mid.ID), "Limit", "1000"},
			logQuery{after: early.ID, before: mid.ID, desc: true, limit: 1000}},
		{"both cursors with an explicit ascending order",
			[]string{"StartingAfter", id(early.ID), "EndingBefore", id(mid.ID), "OrderBy", "Id", "Limit", "20"},
			logQuery{after: early.ID, before: mid.ID, limit: 20}},
		{"OrderBy Id descending", []string{"OrderBy", "Id descending", "Limit", "25"}, logQuery{desc: true, limit: 25}},
		{"OrderBy is case-insensitive", []string{"OrderBy", "ID DESCENDING", "Limit", "25"}, logQuery{desc: true, limit: 25}},
		{"OrderBy Id ascending with EndingBefore", []string{"OrderBy", "id ascending", "EndingBefore", id(mid.ID)},
			logQuery{before: mid.ID, limit: 10}},
		{"OrderBy Time", []string{"OrderBy", "Time", "StartingAfter", id(mid.ID)},
			logQuery{after: mid.ID, byTime: true, limit: 10}},
		{"OrderBy Time descending", []string{"OrderBy", "time descending", "Limit", "30"},
			logQuery{byTime: true, desc: true, limit: 30}},
		{"OrderBy Time ascending with EndingBefore", []string{"OrderBy", "Time ascending", "EndingBefore", id(mid.ID)},
			logQuery{before: mid.ID, byTime: true, limit: 10}},
		{"ProductId", []string{"ProductId", strconv.Itoa(sample.ProductID), "Limit", "200"},
			logQuery{keep: sameProduct, limit: 200}},
		{"ProductId and Key", []string{"ProductId", strconv.Itoa(sample.ProductID), "Key", sample.Key, "Limit", "1000"},
			logQuery{keep: sameKey, limit: 1000}},
		{"Key with EndingBefore", []string{"ProductId", strconv.Itoa(sample.ProductID), "Key", sample.Key,
			"EndingBefore", id(sample.ID), "Limit", "7"}, logQuery{keep: sameKey, before: sample.ID, desc: true, limit: 7}},
		{"MachineCode is exact", []string{"MachineCode", sample.MachineCode, "Limit", "1000"},
			logQuery{keep: func(r cryptolens.WebAPILog) bool { return r.MachineCode == sample.MachineCode }, limit: 1000}},
		{"MachineCode is case-sensitive", []string{"MachineCode", strings.ToUpper(sample.MachineCode)},
			logQuery{keep: func(r cryptolens.WebAPILog) bool { return r.MachineCode == strings.ToUpper(sample.MachineCode) }, limit: 10}},
		{"FriendlyName is a case-insensitive substring", []string{"FriendlyName", nameMiddle, "Limit", "1000"},
			logQuery{keep: func(r cryptolens.WebAPILog) bool {
				return strings.Contains(strings.ToLower(r.FriendlyName), strings.ToLower(nameMiddle))
			}, limit: 1000}},
		{"States", []string{"States", "[2014, 2015,6011,2024]", "Limit", "1000", "OrderBy", "Id descending"},
			logQuery{keep: func(r cryptolens.WebAPILog) bool {
				return r.State == 2014 || r.State == 2015 || r.State == 6011 || r.State == 2024
			}, desc: true, limit: 1000}},
		{"States [3010] lists key creations", []string{"States", "[3010]", "Limit", "1000"},
			logQuery{keep: func(r cryptolens.WebAPILog) bool { return r.State == cryptolens.StateKeyCreated }, limit: 1000}},
		{"empty States is no filter", []string{"States", "[]"}, logQuery{limit: 10}},
		{"Time gte and lt", []string{"Time", fmt.Sprintf(`{"gte":%d,"lt":%d}`, from, to), "Limit", "1000"},
			logQuery{keep: func(r cryptolens.WebAPILog) bool { return r.Time.Unix() >= from && r.Time.Unix() < to }, limit: 1000}},
		{"Time gt and lte, upper case names", []string{"Time", fmt.Sprintf(`{"GT":%d,"LTE":%d}`, from, to), "Limit", "1000"},
			logQuery{keep: func(r cryptolens.WebAPILog) bool { return r.Time.Unix() > from && r.Time.Unix() <= to }, limit: 1000}},
		{"Time gte with EndingBefore", []string{"Time", fmt.Sprintf(`{"gte":%d}`, from), "EndingBefore", id(mid.ID), "Limit", "1000"},
			logQuery{keep: func(r cryptolens.WebAPILog) bool { return r.Time.Unix() >= from }, before: mid.ID, desc: true, limit: 1000}},
		{"plain Time is one exact second", []string{"Time", id(mid.Time.Unix())},
			logQuery{keep: func(r cryptolens.WebAPILog) bool { return r.Time.Equal(mid.Time) }, limit: 10}},
		{"filters combine", []string{"ProductId", strconv.Itoa(sample.ProductID), "States", "[2014]",
			"Time", fmt.Sprintf(`{"lt":%d}`, to), "OrderBy", "Time descending", "Limit", "40"},
			logQuery{keep: func(r cryptolens.WebAPILog) bool {
				return sameProduct(r) && r.State == 2014 && r.Time.Unix() < to
			}, byTime: true, desc: true, limit: 40}},
		{"a filter that matches nothing", []string{"FriendlyName", "no such device anywhere"}, logQuery{
			keep: func(cryptolens.WebAPILog) bool { return false }, limit: 10}},
		{"a cursor past the end", []string{"StartingAfter", id(d.WebAPILog[len(d.WebAPILog)-1].ID)},
			logQuery{after: d.WebAPILog[len(d.WebAPILog)-1].ID, limit: 10}},
		{"AnomalyClassification is accepted", []string{"AnomalyClassification", "true", "v", "1"}, logQuery{limit: 10}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := h.call(t, "GetWebAPILog", tc.pairs...)
			if a.status != http.StatusOK || a.result() != 0 || a.env.Message != nil {
				t.Fatalf("status %d, result %d, message %q; want 200, 0, null", a.status, a.result(), a.message())
			}
			checkRows(t, wantLogs(d, tc.want), a.env.Logs)
		})
	}
}

func TestGetWebAPILogPageIsInTheAPIShape(t *testing.T) {
	t.Parallel()
	h := newHarness(t, testData())
	a := h.call(t, "GetWebAPILog", "Limit", "1")
	row := h.data.WebAPILog[0]
	want := fmt.Sprintf(`{"logs":[{"id":%d,"productId":%d,"key":%q,"ip":%q,"time":%d,"state":%d,"machineCode":"",`+
		`"friendlyName":"","floatingExpires":0,"doIntValue":0,"doId":0}],"result":0,"message":null}`,
		row.ID, row.ProductID, row.Key, row.IP, row.Time.Unix(), row.State)
	if string(a.body) != want {
		t.Errorf("body\n%s\nwant\n%s", a.body, want)
	}
}

// The canonical crawls of the reference reports see every row exactly once.
func TestGetWebAPILogCrawls(t *testing.T) {
	t.Parallel()
	h := newHarness(t, testData())
	all := h.data.WebAPILog

	var backward []cryptolens.WebAPILog
	for before := int64(0); ; {
		a := h.call(t, "GetWebAPILog", "Limit", "1000", "OrderBy", "Id descending", "EndingBefore", strconv.FormatInt(before, 10))
		if len(a.env.Logs) == 0 {
			break
		}
		backward = append(backward, a.env.Logs...)
		before = a.env.Logs[len(a.env.Logs)-1].ID
	}
	if len(backward) != len(all) {
		t.Fatalf("backward crawl saw %d rows, the log has %d", len(backward), len(all))
	}
	for i, r := range backward {
		if r.ID != all[len(all)-1-i].ID {
			t.Fatalf("backward row %d has id %d, want %d", i, r.ID, all[len(all)-1-i].ID)
		}
	}

	var forward []cryptolens.WebAPILog
	for after := int64(0); ; {
		a := h.call(t, "GetWebAPILog", "Limit", "1000", "StartingAfter", strconv.FormatInt(after, 10))
		if len(a.env.Logs) == 0 {
			break
		}
		forward = append(forward, a.env.Logs...)
		after = a.env.Logs[len(a.env.Logs)-1].ID
	}
	checkRows(t, all, forward)
}

func TestPathsParametersAndHTTPMethods(t *testing.T) {
	t.Parallel()
	h := newHarness(t, testData())
	want := h.call(t, "GetWebAPILog", "Limit", "3", "StartingAfter", strconv.FormatInt(h.data.WebAPILog[5].ID, 10))
	form := url.Values{"TOKEN": {h.token}, "limit": {"3"}, "startingafter": {strconv.FormatInt(h.data.WebAPILog[5].ID, 10)}}
	for _, path := range []string{"/ai/GetWebAPILog", "/ai/getwebapilog", "//ai/getwebapilog/", "/AI/GETWEBAPILOG//",
		"/ai//GetWebApiLog"} {
		for _, method := range []string{http.MethodGet, http.MethodPost} {
			t.Run(method+path, func(t *testing.T) {
				got := h.do(t, method, path, form)
				if got.status != http.StatusOK || string(got.body) != string(want.body) {
					t.Errorf("status %d body %.300s\nwant 200 %.300s", got.status, got.body, want.body)
				}
			})
		}
	}
	for _, path := range []string{"/ai/Nope", "/key/Activate", "/ai", "/ai/GetWebAPILog/extra"} {
		t.Run("404"+path, func(t *testing.T) {
			got := h.do(t, http.MethodGet, path, form)
			if got.status != http.StatusNotFound || got.result() != 1 || got.message() == "" {
				t.Errorf("status %d result %d message %q; want 404 with an error envelope", got.status, got.result(), got.message())
			}
		})
	}
	t.Run("PUT is refused", func(t *testing.T) {
		got := h.do(t, http.MethodPut, "/ai/GetWebAPILog", form)
		if got.status != http.StatusMethodNotAllowed || got.result() != 1 {
			t.Errorf("status %d result %d; want 405 with result 1", got.status, got.result())
		}
	})
}
