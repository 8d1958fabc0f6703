package cryptolens

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/lensbook/lensbook/internal/secret"
)

const testToken = "WyIxMjM0IiwiU2VjcmV0VG9rZW4iXQ=="

// fastRetry keeps retrying tests quick.
var fastRetry = RetryPolicy{MaxAttempts: 3, MinDelay: time.Millisecond, MaxDelay: 5 * time.Millisecond}

// recorder collects the observer's reports.
type recorder struct {
	mu    sync.Mutex
	infos []RequestInfo
}

func (r *recorder) observe(i RequestInfo) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.infos = append(r.infos, i)
}

func (r *recorder) attempts() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.infos)
}

// newTestClient serves h under a non-empty base path, as the real API is.
func newTestClient(t *testing.T, h http.HandlerFunc, opts ...Option) (*Client, *recorder) {
	t.Helper()
	mux := http.NewServeMux()
	mux.Handle("/api/ai/", h)
	ts := httptest.NewServer(mux)
	t.Cleanup(ts.Close)
	rec := &recorder{}
	opts = append([]Option{WithBaseURL(ts.URL + "/api/"), WithRetry(fastRetry), WithObserver(rec.observe)}, opts...)
	c, err := NewClient(testToken, opts...)
	if err != nil {
		t.Fatal(err)
	}
	return c, rec
}

func TestNewClientRejectsBadInput(t *testing.T) {
	tests := []struct {
		name  string
		token string
		opts  []Option
	}{
		{"empty token", "", nil},
		{"blank token", "  ", nil},
		{"relative base URL", testToken, []Option{WithBaseURL("/api")}},
		{"ftp base URL", testToken, []Option{WithBaseURL("ftp://example.com/api")}},
		{"unparsable base URL", testToken, []Option{WithBaseURL("http://[::1/api")}},
		{"base URL with query", testToken, []Option{WithBaseURL("http://example.com/api?token=" + testToken)}},
		{"nil HTTP client", testToken, []Option{WithHTTPClient(nil)}},
		{"min delay above max", testToken, []Option{WithRetry(RetryPolicy{MinDelay: time.Minute, MaxDelay: time.Second})}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := NewClient(tt.token, tt.opts...)
			if err == nil {
				t.Fatalf("NewClient succeeded: %v", c.BaseURL())
			}
			if strings.Contains(err.Error(), testToken) {
				t.Errorf("error shows the token: %v", err)
			}
		})
	}
}

func TestBaseURL(t *testing.T) {
	for in, want := range map[string]string{
		"":                              DefaultBaseURL,
		"http://127.0.0.1:8470/api/":    "http://127.0.0.1:8470/api",
		"http://127.0.0.1:8470/api//":   "http://127.0.0.1:8470/api",
		"https://api.cryptolens.io/api": "https://api.cryptolens.io/api",
	} {
		var opts []Option
		if in != "" {
			opts = append(opts, WithBaseURL(in))
		}
		c, err := NewClient(testToken, opts...)
		if err != nil {
			t.Fatal(err)
		}
		if got := c.BaseURL(); got != want {
			t.Errorf("BaseURL() with %q = %q, want %q", in, got, want)
		}
	}
}

func TestRequestShape(t *testing.T) {
	var got struct {
		method, path, contentType string
		form                      url.Values
	}
	c, _ := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		got.method, got.path, got.contentType = r.Method, r.URL.Path, r.Header.Get("Content-Type")
		if err := r.ParseForm(); err != nil {
			t.Error(err)
		}
		got.form = r.PostForm
		io.WriteString(w, `{"logs":[],"result":0,"message":null}`)
	})
	since := time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)
	_, err := c.GetWebAPILog(t.Context(), WebAPILogQuery{
		ProductID: 3, Key: "AAAAA-BBBBB", FriendlyName: "x", States: []State{2010, 2024},
		Limit: 1000, EndingBefore: 77, OrderBy: "Id descending", Time: TimeFilter{GTE: since, LT: since.AddDate(0, 0, 1)},
	})
	if err != nil {
		t.Fatal(err)
	}
	want := url.Values{
		"token": {testToken}, "ProductId": {"3"}, "Key": {"AAAAA-BBBBB"}, "FriendlyName": {"x"},
		"States": {"[2010,2024]"}, "Limit": {"1000"}, "EndingBefore": {"77"},
		"OrderBy": {"Id descending"}, "Time": {`{"gte":1790812800,"lt":1790899200}`}, // 2026-10-01, 2026-10-02
	}
	if got.method != http.MethodPost || got.path != "/api/ai/GetWebAPILog" ||
		got.contentType != "application/x-www-form-urlencoded" {
		t.Errorf("request %s %s (%s)", got.method, got.path, got.contentType)
	}
	if diff := cmp.Diff(want, got.form); diff != "" {
		t.Errorf("form (-want +got):\n%s", diff)
	}
}

func TestRegisterEventsForm(t *testing.T) {
	var form url.Values
	var path string
	c, _ := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		r.ParseForm()
		form, path = r.PostForm, r.URL.Path
		io.WriteString(w, `{"result":0,"message":""}`)
	})
	at := time.Unix(1760000000, 0)
	err := c.RegisterEvents(t.Context(), EventBatch{ProductID: 3, Key: "K", MachineCode: "M", Events: []BatchEvent{
		{FeatureName: "F2", EventName: "start", Metadata: `{"OS":"<Windows>"}`},
		{FeatureName: "F2", EventName: "purchase", Value: 2530, Currency: "USD", Time: at},
	}})
	if err != nil {
		t.Fatal(err)
	}
	want := url.Values{"token": {testToken}, "ProductId": {"3"}, "Key": {"K"}, "MachineCode": {"M"},
		"Events": {`[{"FeatureName":"F2","EventName":"start","Value":0,"Currency":"","Time":0,"Metadata":"{\"OS\":\"<Windows>\"}"},` +
			`{"FeatureName":"F2","EventName":"purchase","Value":2530,"Currency":"USD","Time":1760000000,"Metadata":""}]`}}
	if path != "/api/ai/RegisterEvents" {
		t.Errorf("path %s", path)
	}
	if diff := cmp.Diff(want, form); diff != "" {
		t.Errorf("form (-want +got):\n%s", diff)
	}
	if err := c.RegisterEvents(t.Context(), EventBatch{}); err == nil {
		t.Error("an empty batch was sent")
	}
}

// answer is a canned HTTP answer.
type answer struct {
	status     int
	body       string
	retryAfter string
	drop       bool // close the connection without answering
	cutBody    bool // promise the whole body, send half, close
}

func (a answer) serve(t *testing.T, w http.ResponseWriter) {
	switch {
	case a.drop:
		conn, _, err := w.(http.Hijacker).Hijack()
		if err != nil {
			t.Error(err)
			return
		}
		conn.Close()
	case a.cutBody:
		conn, buf, err := w.(http.Hijacker).Hijack()
		if err != nil {
			t.Error(err)
			return
		}
		buf.WriteString("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: ")
		buf.WriteString(itoa(int64(len(a.body))) + "\r\n\r\n" + a.body[:len(a.body)/2])
		buf.Flush()
		conn.Close()
	default:
		if a.retryAfter != "" {
			w.Header().Set("Retry-After", a.retryAfter)
		}
		w.WriteHeader(a.status)
		io.WriteString(w, a.body)
	}
}

// sequence answers with answers in turn, repeating the last one.
func sequence(t *testing.T, answers ...answer) http.HandlerFunc {
	var n atomic.Int32
	return func(w http.ResponseWriter, r *http.Request) {
		i := int(n.Add(1)) - 1
		answers[min(i, len(answers)-1)].serve(t, w)
	}
}

const okPage = `{"logs":[{"id":2,"time":1760000000},{"id":1,"time":1759990000}],"result":0,"message":null}`

func TestErrors(t *testing.T) {
	html := `<html><body>Bad gateway</body></html>`
	tests := []struct {
		name     string
		answer   answer
		attempts int
		want     error
	}{
		{"API error", answer{status: 200, body: `{"result":1,"message":"Access denied."}`}, 1,
			&APIError{Method: "GetWebAPILog", StatusCode: 200, Message: "Access denied."}},
		{"null message", answer{status: 200, body: `{"result":1,"message":null}`}, 1,
			&APIError{Method: "GetWebAPILog", StatusCode: 200}},
		{"no result", answer{status: 200, body: `{"message":"Something went wrong."}`}, 1,
			&APIError{Method: "GetWebAPILog", StatusCode: 200, Message: "Something went wrong."}},
		{"HTTP 400 with envelope", answer{status: 400, body: `{"result":1,"message":"The input parameters were incorrect."}`}, 1,
			&APIError{Method: "GetWebAPILog", StatusCode: 400, Message: "The input parameters were incorrect."}},
		{"HTTP 404 page", answer{status: 404, body: html}, 1,
			&HTTPError{Method: "GetWebAPILog", StatusCode: 404, Body: html}},
		{"HTTP 502 page", answer{status: 502, body: html}, 3,
			&HTTPError{Method: "GetWebAPILog", StatusCode: 502, Body: html}},
		{"HTTP 500 with envelope", answer{status: 500, body: `{"result":1,"message":"Something went wrong."}`}, 3,
			&APIError{Method: "GetWebAPILog", StatusCode: 500, Message: "Something went wrong."}},
		{"HTTP 429", answer{status: 429, body: ``, retryAfter: "0"}, 3,
			&RateLimitError{Method: "GetWebAPILog"}},
		{"HTTP 403 with empty body", answer{status: 403}, 1,
			&HTTPError{Method: "GetWebAPILog", StatusCode: 403}},
		{"truncated JSON", answer{status: 200, body: okPage[:40]}, 3,
			&DecodeError{Method: "GetWebAPILog", StatusCode: 200}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, rec := newTestClient(t, sequence(t, tt.answer))
			rows, err := c.GetWebAPILog(t.Context(), WebAPILogQuery{})
			if err == nil {
				t.Fatalf("no error; rows %v", rows)
			}
			if rec.attempts() != tt.attempts {
				t.Errorf("%d attempts, want %d", rec.attempts(), tt.attempts)
			}
			var got error
			switch tt.want.(type) {
			case *APIError:
				var e *APIError
				if errors.As(err, &e) {
					got = e
				}
			case *HTTPError:
				var e *HTTPError
				if errors.As(err, &e) {
					got = e
				}
			case *RateLimitError:
				var e *RateLimitError
				if errors.As(err, &e) {
					got = e
				}
			case *DecodeError:
				var e *DecodeError
				if errors.As(err, &e) {
					e.Err = nil // compared by type and status only
					got = e
				}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("error %v: (-want +got):\n%s", err, diff)
			}
		})
	}
}

func TestHTTPErrorBodyIsTruncated(t *testing.T) {
	c, _ := newTestClient(t, sequence(t, answer{status: 404, body: strings.Repeat("x", 10000)}))
	_, err := c.GetEvents(t.Context(), EventsQuery{})
	var he *HTTPError
	if !errors.As(err, &he) {
		t.Fatalf("error %v, want an HTTPError", err)
	}
	if len(he.Body) > maxErrorBody+3 {
		t.Errorf("body of %d bytes kept", len(he.Body))
	}
}

func TestRetryRecovers(t *testing.T) {
	tests := []struct {
		name  string
		fault answer
	}{
		{"HTTP 503", answer{status: 503, body: "busy"}},
		{"HTTP 500 envelope", answer{status: 500, body: `{"result":1,"message":"Something went wrong."}`}},
		{"HTTP 429 with Retry-After seconds", answer{status: 429, retryAfter: "0"}},
		{"HTTP 429 with Retry-After date", answer{status: 429, retryAfter: time.Now().Add(-time.Hour).UTC().Format(http.TimeFormat)}},
		{"dropped connection", answer{drop: true}},
		{"connection dropped mid-body", answer{cutBody: true, body: okPage}},
		{"truncated JSON", answer{status: 200, body: okPage[:len(okPage)-3]}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, rec := newTestClient(t, sequence(t, tt.fault, tt.fault, answer{status: 200, body: okPage}))
			rows, err := c.GetWebAPILog(t.Context(), WebAPILogQuery{})
			if err != nil {
				t.Fatal(err)
			}
			if len(rows) != 2 || rows[0].ID != 2 || rows[1].ID != 1 {
				t.Errorf("rows %+v", rows)
			}
			if rec.attempts() != 3 {
				t.Errorf("%d attempts, want 3", rec.attempts())
			}
			if rec.infos[2].Rows != 2 || rec.infos[0].Err == nil || rec.infos[2].Err != nil {
				t.Errorf("observer saw %+v", rec.infos)
			}
		})
	}
}

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC)
	tests := map[string]time.Duration{
		"":                              0,
		"7":                             7 * time.Second,
		" 2 ":                           2 * time.Second,
		"-5":                            0,
		"soon":                          0,
		"Sun, 01 Nov 2026 12:00:30 GMT": 30 * time.Second,
		"Sun, 01 Nov 2026 11:00:00 GMT": 0,
		"99999999999":                   24 * time.Hour,
	}
	for in, want := range tests {
		if got := parseRetryAfter(in, now); got != want {
			t.Errorf("parseRetryAfter(%q) = %v, want %v", in, got, want)
		}
	}
}

func TestBackoffStaysWithinBounds(t *testing.T) {
	p := RetryPolicy{MaxAttempts: 10, MinDelay: 100 * time.Millisecond, MaxDelay: time.Second}
	for retry := 1; retry <= 10; retry++ {
		ceiling := min(p.MinDelay<<(retry-1), p.MaxDelay)
		for range 100 {
			if d := p.backoff(retry, 0); d < 0 || d > ceiling {
				t.Fatalf("retry %d waited %v, ceiling %v", retry, d, ceiling)
			}
		}
	}
	if d := p.backoff(1, time.Hour); d != time.Hour {
		t.Errorf("Retry-After of an hour gave %v, want an hour (MaxWait is checked before)", d)
	}
	if d := p.backoff(1, 300*time.Millisecond); d != 300*time.Millisecond {
		t.Errorf("Retry-After of 300ms gave %v", d)
	}
}

func TestContextCancelStopsAtOnce(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	rec := &recorder{}
	c, _ := newTestClient(t, sequence(t, answer{status: 503}),
		WithRetry(RetryPolicy{MaxAttempts: 5, MinDelay: time.Minute, MaxDelay: time.Hour}),
		WithObserver(func(i RequestInfo) { rec.observe(i); cancel() }))
	_, err := c.GetWebAPILog(ctx, WebAPILogQuery{})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("error %v, want context.Canceled", err)
	}
	if rec.attempts() != 1 {
		t.Errorf("%d attempts after cancelling, want 1", rec.attempts())
	}

	// An already cancelled context sends nothing.
	rec2 := &recorder{}
	c2, _ := newTestClient(t, sequence(t, answer{status: 200, body: okPage}), WithObserver(rec2.observe))
	for _, err := range c2.WebAPILogWindow(ctx, WebAPILogFilter{}, Window{}) {
		if !errors.Is(err, context.Canceled) {
			t.Errorf("iterator error %v, want context.Canceled", err)
		}
	}
	if rec2.attempts() != 0 {
		t.Errorf("%d requests with a cancelled context", rec2.attempts())
	}
}

func TestContextDeadlineDuringSlowAnswer(t *testing.T) {
	ctx, cancel := context.WithTimeout(t.Context(), 50*time.Millisecond)
	defer cancel()
	c, rec := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body) // lets the server notice the client leaving
		select {
		case <-r.Context().Done():
		case <-time.After(10 * time.Second):
		}
	})
	_, err := c.GetObjectLog(ctx, ObjectLogQuery{})
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("error %v, want context.DeadlineExceeded", err)
	}
	if rec.attempts() != 1 {
		t.Errorf("%d attempts, want 1", rec.attempts())
	}
}

func TestTokenNeverInErrorsOrLogs(t *testing.T) {
	echo := func(w http.ResponseWriter, r *http.Request, status int, tmpl string) {
		r.ParseForm()
		w.WriteHeader(status)
		io.WriteString(w, strings.ReplaceAll(tmpl, "TOKEN", r.PostForm.Get("token")))
	}
	var logs bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	tests := []struct {
		name    string
		handler http.HandlerFunc
	}{
		{"500 body", func(w http.ResponseWriter, r *http.Request) { echo(w, r, 500, "token TOKEN is bad") }},
		{"404 body URL-encoded", func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(404)
			io.WriteString(w, "token "+url.QueryEscape(testToken))
		}},
		{"API message", func(w http.ResponseWriter, r *http.Request) {
			echo(w, r, 200, `{"result":1,"message":"Unable to authenticate TOKEN"}`)
		}},
		{"400 message", func(w http.ResponseWriter, r *http.Request) {
			echo(w, r, 400, `{"result":1,"message":"TOKEN"}`)
		}},
		{"garbled 200", func(w http.ResponseWriter, r *http.Request) { echo(w, r, 200, `TOKEN`) }},
		{"garbled 200 string", func(w http.ResponseWriter, r *http.Request) { echo(w, r, 200, `{"logs":[{"TOKEN`) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, rec := newTestClient(t, tt.handler, WithLogger(logger))
			_, err := c.GetWebAPILog(t.Context(), WebAPILogQuery{Key: "K"})
			if err == nil {
				t.Fatal("no error")
			}
			assertNoToken(t, err)
			for _, info := range rec.infos {
				assertNoToken(t, info.Err)
			}
		})
	}
	t.Run("DNS failure with the token in the host", func(t *testing.T) {
		c, err := NewClient(testToken, WithBaseURL("http://x"+strings.ToLower(strings.Trim(testToken, "="))+".invalid/api"),
			WithRetry(RetryPolicy{MaxAttempts: 1}), WithLogger(logger))
		if err != nil {
			t.Fatal(err)
		}
		c.token = strings.ToLower(strings.Trim(testToken, "=")) // the host carries the token
		c.redactor = secret.NewRedactor(c.token)
		_, err = c.GetEvents(t.Context(), EventsQuery{})
		if err == nil {
			t.Fatal("no error")
		}
		if strings.Contains(err.Error(), c.token) || strings.Contains(c.BaseURL(), c.token) {
			t.Errorf("token shown: %v", err)
		}
		var uerr *url.Error
		if errors.As(err, &uerr) && strings.Contains(uerr.URL, c.token) {
			t.Errorf("url.Error URL shows the token: %s", uerr.URL)
		}
	})
	t.Run("DNS failure", func(t *testing.T) {
		c, err := NewClient(testToken, WithBaseURL("http://lensbook-no-such-host.invalid/api"),
			WithRetry(RetryPolicy{MaxAttempts: 1}), WithLogger(logger))
		if err != nil {
			t.Fatal(err)
		}
		err = c.RegisterEvent(t.Context(), EventInput{FeatureName: testToken})
		if err == nil {
			t.Fatal("no error")
		}
		assertNoToken(t, err)
	})
	if strings.Contains(logs.String(), testToken) || strings.Contains(logs.String(), url.QueryEscape(testToken)) {
		t.Errorf("log shows the token:\n%s", logs.String())
	}
	if !strings.Contains(logs.String(), "method=GetWebAPILog") || !strings.Contains(logs.String(), "status=500") ||
		!strings.Contains(logs.String(), `params="Key=K"`) || !strings.Contains(logs.String(), "duration=") {
		t.Errorf("log lacks the request lines:\n%s", logs.String())
	}
}

func assertNoToken(t *testing.T, err error) {
	t.Helper()
	for e := err; e != nil; e = errors.Unwrap(e) {
		for _, form := range []string{testToken, url.QueryEscape(testToken)} {
			if strings.Contains(e.Error(), form) {
				t.Errorf("error shows the token: %v", e)
			}
		}
	}
}

func TestOversizedBodyIsNotRetried(t *testing.T) {
	limit := maxBodyBytes
	maxBodyBytes = 1 << 20
	t.Cleanup(func() { maxBodyBytes = limit })
	c, rec := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		chunk := bytes.Repeat([]byte(" "), 1<<20)
		for range 2 {
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
	})
	_, err := c.GetWebAPILog(t.Context(), WebAPILogQuery{})
	var de *DecodeError
	if !errors.As(err, &de) || !errors.Is(err, errBodyTooLarge) {
		t.Fatalf("error %v, want a DecodeError for the size", err)
	}
	if rec.attempts() != 1 {
		t.Errorf("%d attempts, want 1", rec.attempts())
	}
}

func TestIteratorsRejectPagesInTheWrongOrder(t *testing.T) {
	ascending := `{"logs":[{"id":1},{"id":2}],"events":[{"id":1},{"id":2}],"result":0}`
	descending := `{"logs":[{"id":9},{"id":8}],"events":[{"id":9},{"id":8}],"result":0}`
	tests := []struct {
		name string
		body string
		walk func(*Client) error
	}{
		{"web log window, ascending page", ascending, func(c *Client) error {
			return firstErr(c.WebAPILogWindow(t.Context(), WebAPILogFilter{}, Window{}))
		}},
		{"events window, ascending page", ascending, func(c *Client) error {
			return firstErr(c.EventsWindow(t.Context(), EventsFilter{}, Window{}))
		}},
		{"web log after, descending page", descending, func(c *Client) error {
			return firstErr(c.WebAPILogAfter(t.Context(), WebAPILogFilter{}, 0))
		}},
		{"events after, descending page", descending, func(c *Client) error {
			return firstErr(c.EventsAfter(t.Context(), EventsFilter{}, 0))
		}},
		{"object log after, descending page", descending, func(c *Client) error {
			return firstErr(c.ObjectLogAfter(t.Context(), 0))
		}},
		{"web log after, cursor ignored", ascending, func(c *Client) error {
			return firstErr(c.WebAPILogAfter(t.Context(), WebAPILogFilter{}, 5))
		}},
		{"web log pages before, ascending page", ascending, func(c *Client) error {
			_, err := c.WebAPILogPages(WebAPILogFilter{}).Before(t.Context(), 0, 0)
			return err
		}},
		{"events pages before, cursor ignored", descending, func(c *Client) error {
			_, err := c.EventsPages(EventsFilter{}).Before(t.Context(), 5, 0)
			return err
		}},
		{"object log pages after, descending page", descending, func(c *Client) error {
			_, err := c.ObjectLogPages().After(t.Context(), 0, 0)
			return err
		}},
		{"web log pages ascending, cursor ignored", ascending, func(c *Client) error {
			return firstErr(c.WebAPILogPages(WebAPILogFilter{}).Ascending(t.Context(), 1))
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, _ := newTestClient(t, sequence(t, answer{status: 200, body: tt.body}))
			if err := tt.walk(c); err == nil || !strings.Contains(err.Error(), "order") && !strings.Contains(err.Error(), "ignored the cursor") {
				t.Errorf("error %v, want one about the order or the cursor", err)
			}
		})
	}
}

// firstErr drains seq and returns its first error.
func firstErr[T any](seq func(func(T, error) bool)) error {
	for _, err := range seq {
		if err != nil {
			return err
		}
	}
	return nil
}
