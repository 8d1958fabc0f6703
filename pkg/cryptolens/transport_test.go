package cryptolens

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// tokenSeen records the requests a server got and whether they carried
// the token, in the form or anywhere else.
type tokenSeen struct {
	requests atomic.Int32
	tokens   atomic.Int32
}

func (s *tokenSeen) handler(next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		s.requests.Add(1)
		body, _ := io.ReadAll(r.Body)
		if strings.Contains(string(body)+r.URL.String(), url.QueryEscape(testToken)) {
			s.tokens.Add(1)
		}
		r.Body = io.NopCloser(strings.NewReader(string(body)))
		if next != nil {
			next(w, r)
		}
	}
}

func redirectTo(status int, location func(r *http.Request) string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, location(r), status)
	}
}

func okHandler(w http.ResponseWriter, r *http.Request) {
	r.ParseForm()
	if r.PostForm.Get("token") != testToken {
		io.WriteString(w, `{"result":1,"message":"Unable to authenticate"}`)
		return
	}
	io.WriteString(w, okPage)
}

func TestRedirectsNeverCarryTheTokenElsewhere(t *testing.T) {
	elsewhere := &tokenSeen{} // another port: any request there is a leak
	other := httptest.NewServer(elsewhere.handler(okHandler))
	t.Cleanup(other.Close)
	otherURL, _ := url.Parse(other.URL)

	tests := []struct {
		name   string
		tls    bool
		status int
		to     func(self *url.URL) string // the Location, from the server's own URL
		reason string
	}{
		{"307 to another port", false, 307, func(*url.URL) string { return other.URL + "/api/ai/GetWebAPILog" }, "another origin"},
		{"308 to another port", false, 308, func(*url.URL) string { return other.URL + "/api/ai/GetWebAPILog" }, "another origin"},
		{"302 to another port", false, 302, func(*url.URL) string { return other.URL + "/api/ai/GetWebAPILog" }, "another origin"},
		{"307 to another host, same port", false, 307, func(self *url.URL) string {
			return "http://localhost:" + self.Port() + "/elsewhere/ai/GetWebAPILog"
		}, "another origin"},
		{"https 307 down to http", true, 307, func(*url.URL) string { return "http://" + otherURL.Host + "/api/ai/GetWebAPILog" }, "another origin"},
		{"https 308 to http on the same port", true, 308, func(self *url.URL) string { return "http://" + self.Host + "/api/ai/GetWebAPILog" }, "another origin"},
		{"302 on the same origin", false, 302, func(*url.URL) string { return "/v2/api/ai/GetWebAPILog" }, "turn the POST into a GET"},
		{"303 on the same origin", false, 303, func(*url.URL) string { return "/v2/api/ai/GetWebAPILog" }, "turn the POST into a GET"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := elsewhere.requests.Load()
			here := &tokenSeen{}
			var self *url.URL
			mux := http.NewServeMux()
			mux.HandleFunc("/api/ai/", redirectTo(tt.status, func(*http.Request) string { return tt.to(self) }))
			mux.HandleFunc("/", here.handler(okHandler)) // any other path on this server
			var ts *httptest.Server
			if tt.tls {
				ts = httptest.NewTLSServer(mux)
			} else {
				ts = httptest.NewServer(mux)
			}
			t.Cleanup(ts.Close)
			self, _ = url.Parse(ts.URL)
			rec := &recorder{}
			c, err := NewClient(testToken, WithBaseURL(ts.URL+"/api"), WithHTTPClient(ts.Client()),
				WithRetry(fastRetry), WithObserver(rec.observe))
			if err != nil {
				t.Fatal(err)
			}
			_, err = c.GetWebAPILog(t.Context(), WebAPILogQuery{})
			var rerr *RedirectError
			if !errors.As(err, &rerr) {
				t.Fatalf("error %v, want a RedirectError", err)
			}
			if rerr.StatusCode != tt.status || rerr.Method != "GetWebAPILog" || !strings.Contains(err.Error(), tt.reason) ||
				!strings.Contains(err.Error(), "CRYPTOLENS_BASE_URL") {
				t.Errorf("error %v", err)
			}
			assertNoToken(t, err)
			if rec.attempts() != 1 {
				t.Errorf("%d attempts: a refused redirect is not retried", rec.attempts())
			}
			if n := elsewhere.requests.Load() - before; n != 0 {
				t.Errorf("the other origin got %d requests", n)
			}
			if n := here.requests.Load(); n != 0 {
				t.Errorf("the redirect target got %d requests", n)
			}
		})
	}
}

func TestSameOriginRedirectKeepsThePOST(t *testing.T) {
	for _, status := range []int{307, 308} {
		here := &tokenSeen{}
		mux := http.NewServeMux()
		mux.HandleFunc("/api/ai/", redirectTo(status, func(r *http.Request) string { return "/v2" + r.URL.Path }))
		mux.HandleFunc("/v2/api/ai/", here.handler(okHandler))
		ts := httptest.NewServer(mux)
		t.Cleanup(ts.Close)
		c, err := NewClient(testToken, WithBaseURL(ts.URL+"/api"), WithRetry(fastRetry))
		if err != nil {
			t.Fatal(err)
		}
		rows, err := c.GetWebAPILog(t.Context(), WebAPILogQuery{})
		if err != nil || len(rows) != 2 {
			t.Fatalf("HTTP %d on the same origin: %d rows, %v", status, len(rows), err)
		}
		if here.tokens.Load() != 1 {
			t.Errorf("HTTP %d: the form reached the new path %d times", status, here.tokens.Load())
		}
	}
}

// silentListener accepts connections and never answers; it reads what
// comes, so that the client's request is fully sent.
func silentListener(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var conns []net.Conn
	go func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			conns = append(conns, conn)
			mu.Unlock()
			go io.Copy(io.Discard, conn)
		}
	}()
	t.Cleanup(func() {
		ln.Close()
		mu.Lock()
		defer mu.Unlock()
		for _, c := range conns {
			c.Close()
		}
	})
	return ln.Addr().String()
}

var fastTimeouts = Timeouts{Connect: 200 * time.Millisecond, TLSHandshake: 100 * time.Millisecond,
	ResponseHeader: 100 * time.Millisecond, BodyIdle: 100 * time.Millisecond, Attempt: 2 * time.Second}

func TestServerThatNeverAnswers(t *testing.T) {
	addr := silentListener(t)
	for _, tt := range []struct{ scheme, want string }{
		{"http", "timeout awaiting response headers"},
		{"https", "TLS handshake timeout"},
	} {
		t.Run(tt.scheme, func(t *testing.T) {
			rec := &recorder{}
			c, err := NewClient(testToken, WithBaseURL(tt.scheme+"://"+addr+"/api"), WithTimeouts(fastTimeouts),
				WithRetry(fastRetry), WithObserver(rec.observe))
			if err != nil {
				t.Fatal(err)
			}
			_, err = c.GetEvents(t.Context(), EventsQuery{})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %v, want %q", err, tt.want)
			}
			if rec.attempts() != fastRetry.MaxAttempts {
				t.Errorf("%d attempts, want %d: a timeout is transient", rec.attempts(), fastRetry.MaxAttempts)
			}
			assertNoToken(t, err)
		})
	}
}

// stallingHandler sends the headers and half of okPage, then nothing, for
// the first stalls requests; later ones get the whole page.
func stallingHandler(stalls int32, release <-chan struct{}) http.HandlerFunc {
	var n atomic.Int32
	return func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1) > stalls {
			io.WriteString(w, okPage)
			return
		}
		w.Header().Set("Content-Length", itoa(int64(len(okPage))))
		io.WriteString(w, okPage[:len(okPage)/2])
		w.(http.Flusher).Flush()
		select {
		case <-r.Context().Done():
		case <-release:
		}
	}
}

func TestBodyThatStallsMidway(t *testing.T) {
	release := make(chan struct{})
	t.Cleanup(func() { close(release) })

	t.Run("retried", func(t *testing.T) {
		c, rec := newTestClient(t, stallingHandler(1, release), WithTimeouts(fastTimeouts))
		rows, err := c.GetWebAPILog(t.Context(), WebAPILogQuery{})
		if err != nil || len(rows) != 2 {
			t.Fatalf("%d rows, %v", len(rows), err)
		}
		if rec.attempts() != 2 || !errors.Is(rec.infos[0].Err, errBodyStalled) {
			t.Errorf("%d attempts, the first failing with %v; want 2, the first stalled", rec.attempts(), rec.infos[0].Err)
		}
	})
	t.Run("always", func(t *testing.T) {
		c, rec := newTestClient(t, stallingHandler(1000, release), WithTimeouts(fastTimeouts))
		_, err := c.GetWebAPILog(t.Context(), WebAPILogQuery{})
		if !errors.Is(err, errBodyStalled) || !strings.Contains(err.Error(), "no data for 100ms") {
			t.Fatalf("error %v", err)
		}
		if rec.attempts() != fastRetry.MaxAttempts {
			t.Errorf("%d attempts", rec.attempts())
		}
	})
	t.Run("trickling", func(t *testing.T) {
		c, _ := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Length", "100000")
			for {
				if _, err := io.WriteString(w, " "); err != nil {
					return
				}
				w.(http.Flusher).Flush()
				select {
				case <-r.Context().Done():
					return
				case <-release:
					return
				case <-time.After(20 * time.Millisecond):
				}
			}
		}, WithTimeouts(Timeouts{BodyIdle: 100 * time.Millisecond, Attempt: 300 * time.Millisecond}),
			WithRetry(RetryPolicy{MaxAttempts: 1}))
		_, err := c.GetWebAPILog(t.Context(), WebAPILogQuery{})
		if !errors.Is(err, errAttemptTimeout) {
			t.Fatalf("error %v, want the attempt's timeout", err)
		}
	})
}

func TestRetryAfterIsHonoured(t *testing.T) {
	for _, tt := range []struct {
		name  string
		after func() string
		least time.Duration
	}{
		{"seconds", func() string { return "1" }, time.Second},
		{"HTTP date", func() string { return time.Now().Add(2 * time.Second).UTC().Format(http.TimeFormat) }, time.Second},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var mu sync.Mutex
			var times []time.Time
			n := 0
			c, rec := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
				mu.Lock()
				times = append(times, time.Now())
				n++
				first := n == 1
				mu.Unlock()
				if first {
					w.Header().Set("Retry-After", tt.after())
					w.WriteHeader(http.StatusTooManyRequests)
					io.WriteString(w, `{"result":1,"message":"Too many requests."}`)
					return
				}
				io.WriteString(w, okPage)
			})
			if _, err := c.GetWebAPILog(t.Context(), WebAPILogQuery{}); err != nil {
				t.Fatal(err)
			}
			if rec.attempts() != 2 {
				t.Fatalf("%d attempts", rec.attempts())
			}
			// A lower bound only: a timer never fires early.
			if gap := times[1].Sub(times[0]); gap < tt.least {
				t.Errorf("retried after %v, the server asked for at least %v", gap, tt.least)
			}
		})
	}
}

func TestRetryAfterBeyondTheLimitsEndsTheCall(t *testing.T) {
	answer429 := func(after string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Retry-After", after)
			w.WriteHeader(http.StatusTooManyRequests)
			io.WriteString(w, `{"result":1,"message":"Too many requests."}`)
		}
	}
	t.Run("above MaxWait", func(t *testing.T) {
		c, rec := newTestClient(t, answer429("3600"), WithRetry(RetryPolicy{MaxAttempts: 5, MaxWait: time.Minute}))
		_, err := c.GetWebAPILog(t.Context(), WebAPILogQuery{})
		var rl *RateLimitError
		if !errors.As(err, &rl) || rl.RetryAfter != time.Hour || rl.Message != "Too many requests." {
			t.Fatalf("error %v, want a RateLimitError asking for an hour", err)
		}
		if rec.attempts() != 1 || !strings.Contains(err.Error(), "more than the 1m0s") {
			t.Errorf("%d attempts, error %v", rec.attempts(), err)
		}
	})
	t.Run("past the deadline", func(t *testing.T) {
		ctx, cancel := context.WithTimeout(t.Context(), 2*time.Second)
		defer cancel()
		c, rec := newTestClient(t, answer429("30"), WithRetry(RetryPolicy{MaxAttempts: 5}))
		_, err := c.GetWebAPILog(ctx, WebAPILogQuery{})
		var rl *RateLimitError
		if !errors.As(err, &rl) || rec.attempts() != 1 || !strings.Contains(err.Error(), "past the deadline") {
			t.Fatalf("%d attempts, error %v", rec.attempts(), err)
		}
		if ctx.Err() != nil {
			t.Error("the call waited for the deadline instead of ending at once")
		}
	})
}

func TestUserAndPasswordInTheBaseURLAreNeverShown(t *testing.T) {
	const user, pass = "alice-analyst", "pr0xy-s3cret"
	var gotUser, gotPass string
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		gotUser, gotPass, _ = r.BasicAuth()
		w.WriteHeader(http.StatusNotFound)
		io.WriteString(w, "<html>no such page for "+user+"</html>")
	}))
	t.Cleanup(ts.Close)
	secretURL := func(base string) string { return strings.Replace(base, "://", "://"+user+":"+pass+"@", 1) }
	check := func(t *testing.T, what string, s string) {
		t.Helper()
		if strings.Contains(s, user) || strings.Contains(s, pass) {
			t.Errorf("%s shows the user or password: %s", what, s)
		}
	}
	c, err := NewClient(testToken, WithBaseURL(secretURL(ts.URL)), WithRetry(fastRetry))
	if err != nil {
		t.Fatal(err)
	}
	check(t, "BaseURL", c.BaseURL())
	_, err = c.GetWebAPILog(t.Context(), WebAPILogQuery{})
	var nf *NotFoundError
	if !errors.As(err, &nf) {
		t.Fatalf("error %v, want NotFoundError", err)
	}
	check(t, "404 error", err.Error())
	if gotUser != user || gotPass != pass {
		t.Errorf("basic auth %q:%q not sent", gotUser, gotPass)
	}
	for _, base := range []string{"http://no-such-host.invalid/api", "http://" + silentListener(t) + "/api"} {
		c, err := NewClient(testToken, WithBaseURL(secretURL(base)), WithTimeouts(fastTimeouts), WithRetry(RetryPolicy{MaxAttempts: 1}))
		if err != nil {
			t.Fatal(err)
		}
		_, err = c.GetEvents(t.Context(), EventsQuery{})
		if err == nil {
			t.Fatal("no error")
		}
		for e := err; e != nil; e = errors.Unwrap(e) {
			check(t, "network error", e.Error())
		}
		var uerr *url.Error
		if errors.As(err, &uerr) {
			check(t, "url.Error URL", uerr.URL)
		}
	}
	for _, bad := range []string{secretURL("ftp://host/api"), user + ":" + pass + "@host/api", secretURL("http://host/api?x=1"), "http://" + user + ":" + pass + "@[::1/api"} {
		_, err := NewClient(testToken, WithBaseURL(bad))
		if err == nil {
			t.Fatalf("%s accepted", bad)
		}
		check(t, "base URL error", err.Error())
	}
}

func TestBaseURLWithoutSchemeOrAPIRoot(t *testing.T) {
	for _, bad := range []string{"api.cryptolens.io/api", "localhost:8470/api", "127.0.0.1:8470/api"} {
		_, err := NewClient(testToken, WithBaseURL(bad))
		if err == nil || !strings.Contains(err.Error(), "https://") {
			t.Errorf("%s: error %v, want one naming https://", bad, err)
		}
	}
	// A server root without /api: its 404 names the fix.
	mux := http.NewServeMux()
	mux.HandleFunc("/api/ai/", okHandler)
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusNotFound)
		io.WriteString(w, `{"result":1,"message":"The requested method does not exist."}`)
	})
	ts := httptest.NewServer(mux)
	t.Cleanup(ts.Close)
	rec := &recorder{}
	c, err := NewClient(testToken, WithBaseURL(ts.URL), WithRetry(fastRetry), WithObserver(rec.observe))
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.GetObjectLog(t.Context(), ObjectLogQuery{})
	var nf *NotFoundError
	var api *APIError
	if !errors.As(err, &nf) || !errors.As(err, &api) || rec.attempts() != 1 {
		t.Fatalf("%d attempts, error %v", rec.attempts(), err)
	}
	if !strings.Contains(err.Error(), "ending in /api") || !strings.Contains(err.Error(), ts.URL+"/ai/GetObjectLog") {
		t.Errorf("error %v", err)
	}
}

func TestAPIErrorTextNamesTheMessageAndTheFix(t *testing.T) {
	tests := []struct {
		err  *APIError
		want []string
	}{
		{&APIError{Method: "GetEvents", StatusCode: 200, Message: "Unable to authenticate"},
			[]string{"cryptolens: GetEvents: Unable to authenticate (the access token is wrong", "CRYPTOLENS_TOKEN", "lensbook login"}},
		{&APIError{Method: "GetObjectLog", StatusCode: 200, Message: "Access denied."},
			[]string{"cryptolens: GetObjectLog: Access denied. (the access token lacks the GetObjectLog permission"}},
		{&APIError{Method: "RegisterEvents", StatusCode: 403, Message: "Access denied."},
			[]string{"Access denied. (HTTP 403) (the access token lacks the RegisterEvent permission"}},
		{&APIError{Method: "GetWebAPILog", StatusCode: 200, Message: "The input parameters were incorrect."},
			[]string{"cryptolens: GetWebAPILog: The input parameters were incorrect."}},
	}
	for _, tt := range tests {
		got := tt.err.Error()
		if strings.Contains(got, "HTTP 200") || strings.Contains(got, "API error") {
			t.Errorf("%q names HTTP 200", got)
		}
		for _, w := range tt.want {
			if !strings.Contains(got, w) {
				t.Errorf("%q lacks %q", got, w)
			}
		}
	}
}

func TestConnectionsAreReused(t *testing.T) {
	var conns atomic.Int32
	ts := httptest.NewUnstartedServer(http.HandlerFunc(okHandler))
	ts.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			conns.Add(1)
		}
	}
	ts.Start()
	t.Cleanup(ts.Close)
	c, err := NewClient(testToken, WithBaseURL(ts.URL+"/api"))
	if err != nil {
		t.Fatal(err)
	}
	for range 20 {
		if _, err := c.GetWebAPILog(t.Context(), WebAPILogQuery{}); err != nil {
			t.Fatal(err)
		}
	}
	if n := conns.Load(); n != 1 {
		t.Errorf("%d connections for 20 sequential calls, want 1 (the per-attempt context must not close them)", n)
	}
}
