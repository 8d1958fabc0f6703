package cryptolens_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"strconv"
	"testing"

	"github.com/lensbook/lensbook/internal/emulator"
	"github.com/lensbook/lensbook/pkg/cryptolens"
)

// benchRows is the size of the benchmark's Web API Log: LENSBOOK_BENCH_ROWS,
// or 100,000. Run the million-row measurement with
//
//	LENSBOOK_BENCH_ROWS=1000000 go test -run '^$' -bench WebAPILogWindow -benchtime 1x ./pkg/cryptolens
func benchRows(b *testing.B) int {
	if s := os.Getenv("LENSBOOK_BENCH_ROWS"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n <= 0 {
			b.Fatalf("LENSBOOK_BENCH_ROWS=%q is not a positive number", s)
		}
		return n
	}
	return 100_000
}

// BenchmarkWebAPILogWindow fetches the whole Web API Log of a generated
// dataset from the emulator through real HTTP, 1000 rows a page, and reports
// rows per second; B/op is the client's and the server's allocation per walk.
func BenchmarkWebAPILogWindow(b *testing.B) {
	w := newWorld(b, emulator.Config{Seed: 1, Days: 90, Rows: benchRows(b)})
	want := len(w.data.WebAPILog)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		n := 0
		for _, err := range w.client.WebAPILogWindow(b.Context(), cryptolens.WebAPILogFilter{}, cryptolens.Window{}) {
			if err != nil {
				b.Fatal(err)
			}
			n++
		}
		if n != want {
			b.Fatalf("%d rows, want %d", n, want)
		}
	}
	b.ReportMetric(float64(want*b.N)/b.Elapsed().Seconds(), "rows/s")
}

// BenchmarkWebAPILogWindowClient walks the same log from a server that
// answers with pre-encoded pages, so that the time and B/op are the client's
// (HTTP, decoding, iteration) rather than the emulator's JSON encoding.
// cpu-ns/row is the process's CPU time per row, which a busy machine does not
// inflate the way it inflates rows/s.
func BenchmarkWebAPILogWindowClient(b *testing.B) {
	d := dataset(emulator.Config{Seed: 1, Days: 90, Rows: benchRows(b)})
	pagesByCursor := map[string][]byte{}
	cursor := ""
	for hi := len(d.WebAPILog); ; hi -= cryptolens.MaxWebAPILogLimit {
		lo := max(hi-cryptolens.MaxWebAPILogLimit, 0)
		page := slices.Clone(d.WebAPILog[lo:max(hi, 0)])
		slices.Reverse(page)
		body, err := json.Marshal(map[string]any{"logs": page, "result": 0, "message": nil})
		if err != nil {
			b.Fatal(err)
		}
		pagesByCursor[cursor] = body
		if len(page) == 0 {
			break
		}
		cursor = strconv.FormatInt(page[len(page)-1].ID, 10)
	}
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, ok := pagesByCursor[r.PostFormValue("EndingBefore")]
		if !ok {
			http.Error(w, "unknown cursor", http.StatusBadRequest)
			return
		}
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		w.Write(body)
	}))
	b.Cleanup(ts.Close)
	client, err := cryptolens.NewClient("bench-token", cryptolens.WithBaseURL(ts.URL+"/api"))
	if err != nil {
		b.Fatal(err)
	}
	want := len(d.WebAPILog)
	b.ReportAllocs()
	cpu0 := cpuTime()
	b.ResetTimer()
	for b.Loop() {
		n := 0
		for _, err := range client.WebAPILogWindow(b.Context(), cryptolens.WebAPILogFilter{}, cryptolens.Window{}) {
			if err != nil {
				b.Fatal(err)
			}
			n++
		}
		if n != want {
			b.Fatalf("%d rows, want %d", n, want)
		}
	}
	b.ReportMetric(float64(want*b.N)/b.Elapsed().Seconds(), "rows/s")
	b.ReportMetric(float64(cpuTime()-cpu0)/float64(want*b.N), "cpu-ns/row")
}
