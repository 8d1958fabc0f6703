package emulator

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// BenchmarkGenerate measures generation at the demo size and at a million
// Web API Log rows.
func BenchmarkGenerate(b *testing.B) {
	for _, bc := range []struct {
		name string
		rows int
	}{{"80k", 80_000}, {"1M", 1_000_000}} {
		b.Run(bc.name, func(b *testing.B) {
			for b.Loop() {
				d := Generate(Config{Rows: bc.rows})
				b.ReportMetric(float64(len(d.WebAPILog)), "rows")
			}
		})
	}
}

var millionRows = sync.OnceValue(func() *Dataset { return Generate(Config{Rows: 1_000_000}) })

// BenchmarkGetWebAPILogPage measures one 1000-row page from a
// 1,000,000-row log, through ServeHTTP (no network).
func BenchmarkGetWebAPILogPage(b *testing.B) {
	d := millionRows()
	srv := NewServer(d)
	token := srv.NewToken(PermGetWebAPILog)
	mid := d.WebAPILog[len(d.WebAPILog)/2]
	busiest := d.Licenses[0]
	for _, l := range d.Licenses {
		if l.Floating && l.MaxNoOfMachines > busiest.MaxNoOfMachines {
			busiest = l
		}
	}
	for _, bc := range []struct {
		name  string
		query url.Values
	}{
		{"newest", url.Values{"OrderBy": {"Id descending"}}},
		{"crawl back", url.Values{"OrderBy": {"Id descending"}, "EndingBefore": {strconv.FormatInt(mid.ID, 10)}}},
		{"crawl forward", url.Values{"StartingAfter": {strconv.FormatInt(mid.ID, 10)}}},
		{"time order", url.Values{"OrderBy": {"Time descending"}, "Time": {`{"lt":` + strconv.FormatInt(mid.Time.Unix(), 10) + `}`}}},
		{"one key", url.Values{"ProductId": {strconv.Itoa(busiest.ProductID)}, "Key": {busiest.Key},
			"States": {"[2014,2015,6011,2024]"}, "OrderBy": {"Id descending"}}},
		{"friendly name scan", url.Values{"FriendlyName": {"MACBOOK"}}},
	} {
		b.Run(strings.ReplaceAll(bc.name, " ", "_"), func(b *testing.B) {
			bc.query.Set("token", token)
			bc.query.Set("Limit", "1000")
			target := "/api/ai/GetWebAPILog?" + bc.query.Encode()
			for b.Loop() {
				rec := httptest.NewRecorder()
				srv.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, target, nil))
				if rec.Code != http.StatusOK || !strings.HasPrefix(rec.Body.String(), `{"logs":[{`) {
					b.Fatalf("status %d body %.200s", rec.Code, rec.Body.String())
				}
			}
		})
	}
}

// BenchmarkNewServer measures indexing a 1,000,000-row log.
func BenchmarkNewServer(b *testing.B) {
	d := millionRows()
	for b.Loop() {
		NewServer(d)
	}
}
