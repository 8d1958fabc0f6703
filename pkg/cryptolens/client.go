package cryptolens

import (
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/lensbook/lensbook/internal/secret"
)

// DefaultBaseURL is the /api root of the public Cryptolens Web API.
const DefaultBaseURL = "https://api.cryptolens.io/api"

// maxBodyBytes caps how much of a response body the client reads (a
// variable only so that a test can lower it).
var maxBodyBytes int64 = 64 << 20

// Client calls the data-analysis methods of the Cryptolens Web API. It is
// safe for concurrent use once built.
type Client struct {
	token    string
	baseURL  string // the /api root, without a trailing slash
	shownURL string // baseURL without user name and password, for messages
	rawURL   string // the base URL as given, for Fingerprint
	http     *http.Client
	ownHTTP  bool // http was built by NewClient from timeouts
	timeouts Timeouts
	retry    RetryPolicy
	logger   *slog.Logger
	observer func(RequestInfo)
	redactor *secret.Redactor
	parallel int // requests a window walk keeps in flight; 0: its choice, up to DefaultParallel
}

// Option configures a [Client] in [NewClient].
type Option func(*Client) error

// RequestInfo describes one HTTP attempt; see [WithObserver].
type RequestInfo struct {
	Method     string        // the API method, such as "GetWebAPILog"
	Attempt    int           // 1 for the first attempt of a call, 2 for its first retry...
	StatusCode int           // the HTTP status, 0 when no answer arrived
	Rows       int           // rows decoded from the page (0 for errors and register calls)
	Err        error         // the attempt's error, redacted; nil on success
	Duration   time.Duration // from sending the request to decoding the body
}

// Timeouts bound each stage of one HTTP attempt, so that a server that
// accepts a connection and never answers, or stops in the middle of an
// answer, cannot hang a call. A stage that runs out fails the attempt with a
// transient error, which is retried under the [RetryPolicy]; the caller's
// context bounds the whole call on top. Zero fields take the values of
// [DefaultTimeouts].
type Timeouts struct {
	// Connect bounds establishing the TCP connection (10s by default).
	Connect time.Duration
	// TLSHandshake bounds the TLS handshake of an https connection (10s).
	TLSHandshake time.Duration
	// ResponseHeader bounds the wait for the answer's headers once the
	// request is sent: the time the server takes to compute a page (60s).
	ResponseHeader time.Duration
	// BodyIdle bounds the wait for the next bytes of the answer's body: a
	// body that stalls that long fails the attempt (30s).
	BodyIdle time.Duration
	// Attempt bounds one attempt as a whole, so that a body trickling in
	// slower than BodyIdle allows still ends (5 minutes).
	Attempt time.Duration
}

// DefaultTimeouts are the timeouts of a client built without
// [WithTimeouts]. With [DefaultRetryPolicy] (5 attempts, backoff up to 10s
// each) a call to a server that never answers fails after at most about
// 5×(10s+10s+60s)+40s = 7 minutes, and one that stalls mid-body after
// 5×30s+40s of silence.
var DefaultTimeouts = Timeouts{
	Connect:        10 * time.Second,
	TLSHandshake:   10 * time.Second,
	ResponseHeader: 60 * time.Second,
	BodyIdle:       30 * time.Second,
	Attempt:        5 * time.Minute,
}

// withDefaults fills the unset timeouts; alike in shape only to
// RetryPolicy.withDefaults (each fills its own type's fields).
func (t Timeouts) withDefaults() Timeouts {
	d := DefaultTimeouts
	orDefault(&t.Connect, d.Connect)
	orDefault(&t.TLSHandshake, d.TLSHandshake)
	orDefault(&t.ResponseHeader, d.ResponseHeader)
	orDefault(&t.BodyIdle, d.BodyIdle)
	orDefault(&t.Attempt, d.Attempt)
	return t
}

// orDefault sets *v to d when *v is unset (zero or negative).
func orDefault[T int | time.Duration](v *T, d T) {
	if *v <= 0 {
		*v = d
	}
}

// NewClient returns a client that authenticates with the access token. It
// fails on an empty token or a base URL that is not an absolute http(s) URL.
// Without options it calls [DefaultBaseURL] over its own transport with
// [DefaultTimeouts] and [DefaultRetryPolicy], and logs nothing.
//
// The token travels in the body of each POST. The client follows a
// redirect only within the base URL's origin (scheme, host and port) and
// only when it keeps the POST (307, 308): any other redirect fails the call
// with a [*RedirectError], so the token never reaches another origin and
// https never falls back to http.
func NewClient(token string, opts ...Option) (*Client, error) {
	if strings.TrimSpace(token) == "" {
		return nil, errors.New("cryptolens: new client: the access token is empty")
	}
	c := &Client{
		token:    token,
		baseURL:  DefaultBaseURL,
		shownURL: DefaultBaseURL,
		rawURL:   DefaultBaseURL,
		retry:    DefaultRetryPolicy,
		timeouts: DefaultTimeouts,
		redactor: secret.NewRedactor(token),
	}
	for _, opt := range opts {
		if opt == nil {
			continue
		}
		if err := opt(c); err != nil {
			return nil, fmt.Errorf("cryptolens: new client: %s", c.redact(err.Error()))
		}
	}
	c.redactor = secret.NewRedactor(append([]string{token}, secret.URLSecrets(c.baseURL)...)...)
	if c.http == nil {
		c.http = &http.Client{Transport: newTransport(c.timeouts)}
		c.ownHTTP = true
	} else {
		h := *c.http // the caller's client is not modified
		c.http = &h
	}
	c.http.CheckRedirect = c.checkRedirect
	return c, nil
}

// newTransport is http.DefaultTransport's set-up with the timeouts.
func newTransport(t Timeouts) *http.Transport {
	return &http.Transport{
		Proxy:                 http.ProxyFromEnvironment,
		DialContext:           (&net.Dialer{Timeout: t.Connect, KeepAlive: 30 * time.Second}).DialContext,
		ForceAttemptHTTP2:     true,
		MaxIdleConns:          100,
		MaxIdleConnsPerHost:   16, // room for parallel paging
		IdleConnTimeout:       90 * time.Second,
		TLSHandshakeTimeout:   t.TLSHandshake,
		ResponseHeaderTimeout: t.ResponseHeader,
		ExpectContinueTimeout: time.Second,
	}
}

// WithBaseURL sets the /api root, such as "http://127.0.0.1:8470/api"; a
// trailing slash is tolerated. Method paths are appended as "/ai/{Method}".
// A URL without an http:// or https:// scheme is refused. A user name and
// password in the URL are sent as HTTP basic authentication and never shown.
func WithBaseURL(u string) Option {
	return func(c *Client) error {
		return c.setBaseURL(u)
	}
}

func (c *Client) setBaseURL(u string) error {
	u = strings.TrimSpace(u)
	shown := secret.URL(u)
	c.redactor = secret.NewRedactor(append([]string{c.token}, secret.URLSecrets(u)...)...)
	if err := CheckBaseURL(u); err != nil {
		return err
	}
	parsed, _ := url.Parse(u) // CheckBaseURL parsed it
	c.baseURL = strings.TrimRight(parsed.String(), "/")
	c.shownURL = strings.TrimRight(shown, "/")
	c.rawURL = u
	return nil
}

// CheckBaseURL returns an error naming what is wrong with a base URL and
// how to write it, or nil for an absolute http(s) URL with a host and no
// query or fragment. The error never shows a user name or password of the
// URL.
func CheckBaseURL(u string) error {
	u = strings.TrimSpace(u)
	shown := secret.URL(u)
	example := "such as " + DefaultBaseURL
	if !strings.Contains(u, "://") {
		return fmt.Errorf("base URL %q has no scheme: write it in full, starting with https:// or http://, %s", shown, example)
	}
	parsed, err := url.Parse(u)
	if err != nil {
		return fmt.Errorf("base URL %q does not parse: write it %s", shown, example)
	}
	if parsed.Scheme != "http" && parsed.Scheme != "https" {
		return fmt.Errorf("base URL %q: the scheme must be https or http, %s", shown, example)
	}
	if parsed.Host == "" {
		return fmt.Errorf("base URL %q has no host, %s", shown, example)
	}
	if parsed.RawQuery != "" || parsed.Fragment != "" {
		return fmt.Errorf("base URL %q must not have a query or fragment (the token is never put in the URL), %s", shown, example)
	}
	return nil
}

// WithHTTPClient sets the HTTP client used for every request; nil is an
// error. The client is copied, and the copy's CheckRedirect replaced by the
// same-origin rule of [NewClient]. Its transport's timeouts are the
// caller's; [Timeouts.BodyIdle] and [Timeouts.Attempt] still apply.
func WithHTTPClient(h *http.Client) Option {
	return func(c *Client) error {
		if h == nil {
			return errors.New("HTTP client is nil")
		}
		c.http = h
		return nil
	}
}

// WithTimeouts sets the timeouts of each HTTP attempt; zero fields take the
// values of [DefaultTimeouts].
func WithTimeouts(t Timeouts) Option {
	return func(c *Client) error {
		c.timeouts = t.withDefaults()
		return nil
	}
}

// WithRetry sets the retry policy. Zero fields take the defaults of
// [DefaultRetryPolicy]; MaxAttempts 1 turns retries off.
func WithRetry(p RetryPolicy) Option {
	return func(c *Client) error {
		p = p.withDefaults()
		if p.MinDelay > p.MaxDelay {
			return fmt.Errorf("retry policy: MinDelay %v is above MaxDelay %v", p.MinDelay, p.MaxDelay)
		}
		c.retry = p
		return nil
	}
}

// WithLogger makes the client log one debug line per HTTP attempt: the
// method, the parameters without the token, the status, the rows decoded and
// the duration. Nil turns logging off.
func WithLogger(l *slog.Logger) Option {
	return func(c *Client) error {
		c.logger = l
		return nil
	}
}

// WithObserver registers f to be called after every HTTP attempt, from the
// goroutine making the call. Progress bars and tests use it.
func WithObserver(f func(RequestInfo)) Option {
	return func(c *Client) error {
		c.observer = f
		return nil
	}
}

// BaseURL returns the /api root the client calls, without a trailing slash
// and with any user name and password replaced by "REDACTED".
func (c *Client) BaseURL() string { return c.redact(c.shownURL) }

// methodURL is the endpoint of an API method.
func (c *Client) methodURL(method string) string { return c.baseURL + "/ai/" + method }

// checkRedirect is the http.Client's CheckRedirect: it follows a redirect
// only to the origin of the first request and only when the method (and so
// the form with the token) is kept.
func (c *Client) checkRedirect(req *http.Request, via []*http.Request) error {
	first := via[0]
	status := 0
	if req.Response != nil {
		status = req.Response.StatusCode
	}
	rerr := &RedirectError{StatusCode: status, From: c.shownRequestURL(first.URL), To: c.shownRequestURL(req.URL)}
	switch {
	case !sameOrigin(first.URL, req.URL):
		rerr.Reason = "another origin: the token is only sent to the base URL's scheme, host and port"
	case req.Method != first.Method:
		rerr.Reason = "it would turn the POST into a " + req.Method + " without the form that carries the token"
	case len(via) >= 10:
		rerr.Reason = "too many redirects (10)"
	default:
		return nil
	}
	return rerr
}

// shownRequestURL is u without user name, password, query and fragment.
func (c *Client) shownRequestURL(u *url.URL) string {
	v := *u
	v.User, v.RawQuery, v.Fragment, v.ForceQuery = nil, "", "", false
	return c.redact(v.String())
}

// sameOrigin reports whether a and b have the same scheme, host and port.
func sameOrigin(a, b *url.URL) bool {
	return strings.EqualFold(a.Scheme, b.Scheme) && strings.EqualFold(a.Hostname(), b.Hostname()) &&
		port(a) == port(b)
}

func port(u *url.URL) string {
	if p := u.Port(); p != "" {
		return p
	}
	switch strings.ToLower(u.Scheme) {
	case "https":
		return "443"
	case "http":
		return "80"
	}
	return ""
}
