package cryptolens_test

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/lensbook/lensbook/internal/emulator"
	"github.com/lensbook/lensbook/pkg/cryptolens"
)

// pageRecorder keeps a copy of every answer body a handler writes, by the
// API method asked for.
type pageRecorder struct {
	h     http.Handler
	mu    sync.Mutex
	pages map[string][][]byte
}

type teeWriter struct {
	http.ResponseWriter
	buf bytes.Buffer
}

func (w *teeWriter) Write(b []byte) (int, error) {
	w.buf.Write(b)
	return w.ResponseWriter.Write(b)
}

func (p *pageRecorder) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	tw := &teeWriter{ResponseWriter: w}
	p.h.ServeHTTP(tw, r)
	method := r.URL.Path[strings.LastIndex(r.URL.Path, "/")+1:]
	p.mu.Lock()
	p.pages[method] = append(p.pages[method], tw.buf.Bytes())
	p.mu.Unlock()
}

// The scanner (the client's fast page decoder) and the schema-driven
// reference decoder read every page of a plain and a hostile emulated
// account, all three logs, to the same rows.
func TestDecodeAgreesWithReferenceOnEmulatorPages(t *testing.T) {
	t.Parallel()
	for _, hostile := range []bool{false, true} {
		ds := emulator.Generate(emulator.Config{Seed: 11, Days: 20, Rows: 6000, Hostile: hostile})
		srv := emulator.NewServer(ds)
		token := srv.NewToken(emulator.AllPermissions...)
		rec := &pageRecorder{h: srv, pages: map[string][][]byte{}}
		ts := httptest.NewServer(rec)
		c, err := cryptolens.NewClient(token, cryptolens.WithBaseURL(ts.URL+"/api"))
		if err != nil {
			t.Fatal(err)
		}
		ctx := t.Context()
		for _, err := range c.WebAPILogAfter(ctx, cryptolens.WebAPILogFilter{}, 0) {
			if err != nil {
				t.Fatal(err)
			}
		}
		for _, err := range c.EventsAfter(ctx, cryptolens.EventsFilter{}, 0) {
			if err != nil {
				t.Fatal(err)
			}
		}
		for _, err := range c.ObjectLogAfter(ctx, 0) {
			if err != nil {
				t.Fatal(err)
			}
		}
		ts.Close()
		rows := checkPages[cryptolens.WebAPILog](t, rec.pages["GetWebAPILog"], "logs")
		rows += checkPages[cryptolens.Event](t, rec.pages["GetEvents"], "events")
		rows += checkPages[cryptolens.ObjectLogEntry](t, rec.pages["GetObjectLog"], "events")
		if want := len(ds.WebAPILog) + len(ds.Events) + len(ds.ObjectLog); rows < want {
			t.Errorf("hostile %v: %d rows compared, the account has %d", hostile, rows, want)
		}
	}
}

func checkPages[R any](t *testing.T, pages [][]byte, listKey string) int {
	t.Helper()
	if len(pages) == 0 {
		t.Fatalf("no %T pages recorded", *new(R))
	}
	n := 0
	for i, body := range pages {
		fast, ref, err := cryptolens.DecodePageBothWays[R](body, listKey)
		if err != nil {
			t.Fatalf("%T page %d: %v", *new(R), i, err)
		}
		if diff := cmp.Diff(ref, fast, cmpopts.EquateEmpty()); diff != "" {
			t.Fatalf("%T page %d: scanner and reference differ (-reference +scanner):\n%s", *new(R), i, diff)
		}
		n += len(fast)
	}
	return n
}
