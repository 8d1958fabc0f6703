package emulator_test

import (
	"cmp"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/lensbook/lensbook/internal/emulator"
	"github.com/lensbook/lensbook/pkg/cryptolens"
)

// wantEvents is the reference GetEvents answer.
func wantEvents(events []cryptolens.Event, keep func(cryptolens.Event) bool, after, before int64, limit int) []cryptolens.Event {
	var out []cryptolens.Event
	for _, e := range events {
		if (keep == nil || keep(e)) && (after == 0 || e.ID > after) && (before == 0 || e.ID < before) {
			out = append(out, e)
		}
	}
	if before > 0 {
		slices.SortFunc(out, func(a, b cryptolens.Event) int { return cmp.Compare(b.ID, a.ID) })
	}
	return out[:min(len(out), limit)]
}

func TestGetEvents(t *testing.T) {
	t.Parallel()
	h := newHarness(t, testData())
	ev := h.data.Events
	mid := ev[len(ev)/2]
	var sample cryptolens.Event
	for _, e := range ev[len(ev)/3:] {
		if e.Key != "" && e.Metadata != "" {
			sample = e
			break
		}
	}
	from, to := mid.Time.Unix()-86400, mid.Time.Unix()
	id := func(v int64) string { return strconv.FormatInt(v, 10) }
	tests := []struct {
		name          string
		pairs         []string
		keep          func(cryptolens.Event) bool
		after, before int64
		limit         int
	}{
		{"defaults", nil, nil, 0, 0, 10},
		{"Limit", []string{"Limit", "64"}, nil, 0, 0, 64},
		{"Limit is clamped to 100", []string{"Limit", "1000"}, nil, 0, 0, 100},
		{"Limit 0 is the default", []string{"Limit", "0"}, nil, 0, 0, 10},
		{"StartingAfter", []string{"StartingAfter", id(mid.ID), "Limit", "100"}, nil, mid.ID, 0, 100},
		{"EndingBefore is descending", []string{"EndingBefore", id(mid.ID), "Limit", "100"}, nil, 0, mid.ID, 100},
		{"both cursors", []string{"StartingAfter", id(ev[10].ID), "EndingBefore", id(ev[40].ID), "Limit", "100"},
			nil, ev[10].ID, ev[40].ID, 100},
		{"ProductId", []string{"ProductId", strconv.Itoa(sample.ProductID), "Limit", "100"},
			func(e cryptolens.Event) bool { return e.ProductID == sample.ProductID }, 0, 0, 100},
		{"ProductId and Key", []string{"ProductId", strconv.Itoa(sample.ProductID), "Key", sample.Key, "Limit", "100"},
			func(e cryptolens.Event) bool { return e.ProductID == sample.ProductID && e.Key == sample.Key }, 0, 0, 100},
		{"Metadata is a case-sensitive substring", []string{"Metadata", `"OS":"macOS"`, "Limit", "100"},
			func(e cryptolens.Event) bool { return strings.Contains(e.Metadata, `"OS":"macOS"`) }, 0, 0, 100},
		{"Metadata in another case matches nothing", []string{"Metadata", `"os":"MACOS"`},
			func(e cryptolens.Event) bool { return false }, 0, 0, 10},
		{"Time range", []string{"Time", fmt.Sprintf(`{"gte":%d,"lte":%d}`, from, to), "Limit", "100"},
			func(e cryptolens.Event) bool { return e.Time.Unix() >= from && e.Time.Unix() <= to }, 0, 0, 100},
		{"plain Time", []string{"Time", id(mid.Time.Unix())},
			func(e cryptolens.Event) bool { return e.Time.Equal(mid.Time) }, 0, 0, 10},
		{"Time with EndingBefore", []string{"Time", fmt.Sprintf(`{"gt":%d}`, from), "EndingBefore", id(mid.ID)},
			func(e cryptolens.Event) bool { return e.Time.Unix() > from }, 0, mid.ID, 10},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := h.call(t, "GetEvents", tc.pairs...)
			if a.status != http.StatusOK || a.result() != 0 || a.env.Message != nil {
				t.Fatalf("status %d result %d message %q", a.status, a.result(), a.message())
			}
			checkRows(t, wantEvents(ev, tc.keep, tc.after, tc.before, tc.limit), a.events(t))
		})
	}
}

func TestGetObjectLog(t *testing.T) {
	t.Parallel()
	h := newHarness(t, testData())
	log := h.data.ObjectLog
	checkRows(t, log[:10], h.call(t, "GetObjectLog").objectLog(t))
	checkRows(t, log[:100], h.call(t, "GetObjectLog", "Limit", "500").objectLog(t))
	checkRows(t, log[6:9], h.call(t, "GetObjectLog", "Limit", "3", "StartingAfter", strconv.FormatInt(log[5].ID, 10)).objectLog(t))
	checkRows(t, log[6:9], h.call(t, "GetObjectLog", "Limit", "3", "StartingAfter", strconv.FormatInt(log[6].ID-1, 10)).objectLog(t))
	var crawl []cryptolens.ObjectLogEntry
	for after := int64(0); ; {
		page := h.call(t, "GetObjectLog", "Limit", "100", "StartingAfter", strconv.FormatInt(after, 10)).objectLog(t)
		if len(page) == 0 {
			break
		}
		crawl = append(crawl, page...)
		after = page[len(page)-1].ID
	}
	checkRows(t, log, crawl)
}

func TestRegisterEvent(t *testing.T) {
	t.Parallel()
	h := newHarness(t, testData())
	now := time.Date(2026, 11, 2, 9, 30, 0, 0, time.UTC)
	h.server.SetClock(func() time.Time { return now })
	lic := h.data.Licenses[2]
	lastID := h.data.Events[len(h.data.Events)-1].ID

	a := h.call(t, "RegisterEvent", "ProductId", strconv.Itoa(lic.ProductID), "Key", lic.Key, "MachineCode", "m-1",
		"FeatureName", "VideoRecorder", "EventName", "start", "Value", "2530", "Currency", "SEK",
		"Metadata", `{"OS":"Windows"}`)
	if a.status != http.StatusOK || string(a.body) != `{"result":0,"message":""}` {
		t.Fatalf("status %d body %s; want the bare success envelope", a.status, a.body)
	}
	form := url.Values{"token": {h.token}, "FeatureName": {"F1"}, "EventName": {"click"}}
	if a := h.do(t, http.MethodGet, "//ai/registerevent/", form); a.result() != 0 {
		t.Fatalf("GET registration: %q", a.message())
	}
	events := h.server.Events()
	want := []cryptolens.Event{
		{ID: lastID + 1, ProductID: lic.ProductID, Key: lic.Key, MachineCode: "m-1", FeatureName: "VideoRecorder",
			EventName: "start", Value: 2530, Currency: "SEK", Time: now, Metadata: `{"OS":"Windows"}`},
		{ID: lastID + 2, FeatureName: "F1", EventName: "click", Time: now},
	}
	checkRows(t, want, events[len(events)-2:])
	checkRows(t, h.data.Events, events[:len(h.data.Events)])
	// The registered events are served like the generated ones.
	got := h.call(t, "GetEvents", "StartingAfter", strconv.FormatInt(lastID, 10)).events(t)
	checkRows(t, want, got)
}

func TestRegisterEvents(t *testing.T) {
	t.Parallel()
	h := newHarness(t, testData())
	now := time.Date(2026, 11, 3, 12, 0, 0, 0, time.UTC)
	h.server.SetClock(func() time.Time { return now })
	lastID := h.data.Events[len(h.data.Events)-1].ID
	// What the .NET SDK sends: PascalCase names, nulls, Time 0.
	batch := `[{"FeatureName":"F2","EventName":"start","Value":0,"Currency":null,"Time":0,"Metadata":null},` +
		`{"featurename":"F2","eventName":"closed","Value":150,"Currency":"EUR","Time":1793000000,"Metadata":"{\"a\":1}"}]`
	a := h.call(t, "RegisterEvents", "ProductId", "0", "Key", "", "MachineCode", "ABC", "Events", batch,
		"v", "1", "modelversion", "1")
	if a.result() != 0 || a.message() != "" {
		t.Fatalf("result %d message %q", a.result(), a.message())
	}
	want := []cryptolens.Event{
		{ID: lastID + 1, MachineCode: "ABC", FeatureName: "F2", EventName: "start", Time: now},
		{ID: lastID + 2, MachineCode: "ABC", FeatureName: "F2", EventName: "closed", Value: 150, Currency: "EUR",
			Time: time.Unix(1793000000, 0).UTC(), Metadata: `{"a":1}`},
	}
	events := h.server.Events()
	checkRows(t, want, events[len(events)-2:])
	if a := h.call(t, "RegisterEvents", "Events", `[{"FeatureName":"`+strings.Repeat("x", 101)+`"}]`); a.result() != 1 {
		t.Errorf("a 101-character feature name was accepted")
	}
	if n := len(h.server.Events()); n != len(events) {
		t.Errorf("a refused batch changed the events: %d, want %d", n, len(events))
	}
}

func TestConcurrentUse(t *testing.T) {
	t.Parallel()
	h := newHarness(t, testData())
	done := make(chan struct{})
	const workers, each = 4, 10
	for w := range workers {
		go func() {
			defer func() { done <- struct{}{} }()
			for i := range each {
				for _, c := range []struct {
					method string
					form   url.Values
				}{
					{"RegisterEvent", url.Values{"FeatureName": {fmt.Sprintf("w%d", w)}, "EventName": {strconv.Itoa(i)}}},
					{"GetEvents", url.Values{"EndingBefore": {"99999999"}}},
					{"GetWebAPILog", url.Values{"Limit": {"100"}, "OrderBy": {"Time descending"}}},
				} {
					c.form.Set("token", h.token)
					resp, err := http.PostForm(h.url+"/ai/"+c.method, c.form)
					if err != nil {
						t.Error(err)
						return
					}
					resp.Body.Close()
				}
			}
		}()
	}
	for range workers {
		<-done
	}
	events := h.server.Events()
	if got := len(events) - len(h.data.Events); got != workers*each {
		t.Errorf("%d events registered, want %d", got, workers*each)
	}
	if !slices.IsSortedFunc(events, func(a, b cryptolens.Event) int { return cmp.Compare(a.ID, b.ID) }) {
		t.Error("events are not ascending by id")
	}
	if got := h.server.RequestCount(emulator.MethodRegisterEvent); got != workers*each {
		t.Errorf("RequestCount(RegisterEvent) = %d, want %d", got, workers*each)
	}
	h.server.ResetCounts()
	if got := h.server.RequestCount("getwebapilog"); got != 0 {
		t.Errorf("after ResetCounts: %d", got)
	}
}
