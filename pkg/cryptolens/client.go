package cryptolens

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"
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
	http     *http.Client
	retry    RetryPolicy
	logger   *slog.Logger
	observer func(RequestInfo)
	redactor *strings.Replacer
	parallel int // requests a window walk keeps in flight; 0: DefaultParallel
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

// NewClient returns a client that authenticates with the access token. It
// fails on an empty token or a base URL that is not an absolute http(s) URL.
// Without options it calls [DefaultBaseURL] with [http.DefaultClient] and
// [DefaultRetryPolicy], and logs nothing.
func NewClient(token string, opts ...Option) (*Client, error) {
	if strings.TrimSpace(token) == "" {
		return nil, errors.New("cryptolens: new client: the access token is empty")
	}
	c := &Client{
		token:    token,
		baseURL:  DefaultBaseURL,
		http:     http.DefaultClient,
		retry:    DefaultRetryPolicy,
		redactor: newRedactor(token),
	}
	for _, opt := range opts {
		if opt == nil {
			continue
		}
		if err := opt(c); err != nil {
			return nil, fmt.Errorf("cryptolens: new client: %s", c.redact(err.Error()))
		}
	}
	return c, nil
}

// WithBaseURL sets the /api root, such as "http://127.0.0.1:8470/api"; a
// trailing slash is tolerated. Method paths are appended as "/ai/{Method}".
func WithBaseURL(u string) Option {
	return func(c *Client) error {
		parsed, err := url.Parse(strings.TrimSpace(u))
		if err != nil {
			return fmt.Errorf("base URL %q: %w", u, err)
		}
		if parsed.Scheme != "http" && parsed.Scheme != "https" {
			return fmt.Errorf("base URL %q: scheme must be http or https", u)
		}
		if parsed.Host == "" {
			return fmt.Errorf("base URL %q: no host", u)
		}
		if parsed.RawQuery != "" || parsed.Fragment != "" {
			return fmt.Errorf("base URL %q: must not have a query or fragment", u)
		}
		c.baseURL = strings.TrimRight(parsed.String(), "/")
		return nil
	}
}

// WithHTTPClient sets the HTTP client used for every request; nil is an
// error.
func WithHTTPClient(h *http.Client) Option {
	return func(c *Client) error {
		if h == nil {
			return errors.New("HTTP client is nil")
		}
		c.http = h
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

// BaseURL returns the /api root the client calls, without a trailing slash.
func (c *Client) BaseURL() string { return c.redact(c.baseURL) }

// methodURL is the endpoint of an API method.
func (c *Client) methodURL(method string) string { return c.baseURL + "/ai/" + method }
