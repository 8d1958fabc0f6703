package emulator_test

import (
	"cmp"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"

	gocmp "github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/lensbook/lensbook/internal/emulator"
	"github.com/lensbook/lensbook/pkg/cryptolens"
)

// testData is one generated dataset shared by the read-only tests.
var testData = sync.OnceValue(func() *emulator.Dataset {
	return emulator.Generate(emulator.Config{Seed: 3, Rows: 20_000})
})

// harness is a server on a real HTTP stack with a token for every method.
type harness struct {
	data   *emulator.Dataset
	server *emulator.Server
	url    string // the /api root
	token  string
}

func newHarness(t *testing.T, d *emulator.Dataset) *harness {
	t.Helper()
	srv := emulator.NewServer(d)
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	return &harness{data: d, server: srv, url: ts.URL + "/api", token: srv.NewToken(emulator.AllPermissions...)}
}

// envelope is any answer of the API.
type envelope struct {
	Result  *int                   `json:"result"`
	Message *string                `json:"message"`
	Logs    []cryptolens.WebAPILog `json:"logs"`
	Events  json.RawMessage        `json:"events"`
}

// answer is a decoded HTTP answer.
type answer struct {
	status int
	body   []byte
	env    envelope
}

// message returns the envelope's message, "<null>" when it is null.
func (a answer) message() string {
	if a.env.Message == nil {
		return "<null>"
	}
	return *a.env.Message
}

func (a answer) result() int {
	if a.env.Result == nil {
		return -1
	}
	return *a.env.Result
}

func (a answer) events(t *testing.T) []cryptolens.Event {
	t.Helper()
	var out []cryptolens.Event
	if err := json.Unmarshal(a.env.Events, &out); err != nil {
		t.Fatalf("decoding events %.200s: %v", a.env.Events, err)
	}
	return out
}

func (a answer) objectLog(t *testing.T) []cryptolens.ObjectLogEntry {
	t.Helper()
	var out []cryptolens.ObjectLogEntry
	if err := json.Unmarshal(a.env.Events, &out); err != nil {
		t.Fatalf("decoding object log %.200s: %v", a.env.Events, err)
	}
	return out
}

// do sends a GET (query string) or POST (form) to path under the /api
// root and decodes the answer.
func (h *harness) do(t *testing.T, method, path string, form url.Values) answer {
	t.Helper()
	var req *http.Request
	var err error
	if method == http.MethodGet {
		req, err = http.NewRequestWithContext(t.Context(), method, h.url+path+"?"+form.Encode(), nil)
	} else {
		req, err = http.NewRequestWithContext(t.Context(), method, h.url+path, strings.NewReader(form.Encode()))
		if req != nil {
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		}
	}
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("%s %s: reading body: %v", method, path, err)
	}
	a := answer{status: resp.StatusCode, body: body}
	if err := json.Unmarshal(body, &a.env); err != nil {
		t.Fatalf("%s %s: decoding %.300s: %v", method, path, body, err)
	}
	return a
}

// call POSTs to ai/<method> with the harness token plus the given
// name/value pairs.
func (h *harness) call(t *testing.T, method string, pairs ...string) answer {
	t.Helper()
	form := url.Values{"token": {h.token}}
	for i := 0; i+1 < len(pairs); i += 2 {
		form.Set(pairs[i], pairs[i+1])
	}
	return h.do(t, http.MethodPost, "/ai/"+method, form)
}

// logQuery is a GetWebAPILog request, answered by wantLogs the obvious way.
type logQuery struct {
	keep          func(cryptolens.WebAPILog) bool
	after, before int64
	byTime, desc  bool
	limit         int
}

// wantLogs is the reference answer: filter, both cursors, sort, limit.
func wantLogs(d *emulator.Dataset, q logQuery) []cryptolens.WebAPILog {
	rows := d.WebAPILogWhere(func(r cryptolens.WebAPILog) bool {
		return (q.keep == nil || q.keep(r)) && (q.after == 0 || r.ID > q.after) && (q.before == 0 || r.ID < q.before)
	})
	slices.SortStableFunc(rows, func(a, b cryptolens.WebAPILog) int {
		o := cmp.Compare(a.ID, b.ID)
		if q.byTime {
			o = cmp.Or(a.Time.Compare(b.Time), o)
		}
		if q.desc {
			return -o
		}
		return o
	})
	return rows[:min(len(rows), q.limit)]
}

// checkRows compares rows field by field, and with a diff only when they
// differ (go-cmp is slow on thousands of rows).
func checkRows[T comparable](t *testing.T, want, got []T) {
	t.Helper()
	if slices.Equal(want, got) {
		return
	}
	t.Errorf("rows differ (-want +got), %d wanted, %d got:\n%.2000s", len(want), len(got),
		gocmp.Diff(want, got, cmpopts.EquateEmpty()))
}
