package cryptolens

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"
)

// maxErrorBody is how much of a non-envelope body an [HTTPError] keeps.
const maxErrorBody = 512

// The API's messages for a wrong token and a missing permission, as the
// service words them.
const (
	MessageUnauthenticated = "Unable to authenticate"
	MessageAccessDenied    = "Access denied"
)

// APIError is an answer whose envelope says the call failed: "result" is 1
// (or any value but 0), or the body has a "message" but no "result". Message
// is the server's text, possibly "", with the token redacted.
type APIError struct {
	Method     string // the API method, such as "GetEvents"
	StatusCode int    // the HTTP status the error arrived with
	Message    string
}

// Error names the method and the server's message, then what fixes it when
// the message is a known one. The HTTP status is named only when it is not
// a 2xx: the API reports its errors with HTTP 200.
func (e *APIError) Error() string {
	msg := e.Message
	if msg == "" {
		msg = "the API reported an error without a message"
	}
	s := fmt.Sprintf("cryptolens: %s: %s", e.Method, msg)
	if e.StatusCode != 0 && (e.StatusCode < 200 || e.StatusCode > 299) {
		s += fmt.Sprintf(" (HTTP %d)", e.StatusCode)
	}
	if h := e.Hint(); h != "" {
		s += " (" + h + ")"
	}
	return s
}

// Permission is the access-token permission the method needs, such as
// "GetWebAPILog"; RegisterEvents needs "RegisterEvent".
func (e *APIError) Permission() string { return Permission(e.Method) }

// Permission returns the access-token permission (Cryptolens's method lock)
// an API method needs: the method's own name, except RegisterEvents, which
// needs RegisterEvent.
func Permission(method string) string {
	if method == "RegisterEvents" {
		return "RegisterEvent"
	}
	return method
}

// Unauthenticated reports whether the server refused the token itself.
func (e *APIError) Unauthenticated() bool {
	return strings.HasPrefix(strings.TrimSpace(e.Message), MessageUnauthenticated)
}

// AccessDenied reports whether the token lacks the method's permission.
func (e *APIError) AccessDenied() bool {
	return strings.HasPrefix(strings.TrimSpace(e.Message), MessageAccessDenied)
}

// Hint says what fixes a wrong token or a missing permission, and is ""
// for other messages.
func (e *APIError) Hint() string {
	switch {
	case e.Unauthenticated():
		return "the access token is wrong, revoked or expired: set CRYPTOLENS_TOKEN or run `lensbook login`"
	case e.AccessDenied():
		return fmt.Sprintf("the access token lacks the %s permission: create one with it "+
			"(Cryptolens: Account → Access tokens), then set CRYPTOLENS_TOKEN or run `lensbook login`", e.Permission())
	}
	return ""
}

// HTTPError is a non-2xx answer whose body is not the API's JSON envelope,
// such as a proxy's HTML error page. Body holds its first bytes, with the
// token redacted.
type HTTPError struct {
	Method     string
	StatusCode int
	Body       string
}

// Error names the method, the HTTP status and the start of the body.
func (e *HTTPError) Error() string {
	if e.Body == "" {
		return fmt.Sprintf("cryptolens: %s: HTTP %d with an empty body", e.Method, e.StatusCode)
	}
	return fmt.Sprintf("cryptolens: %s: HTTP %d: %q", e.Method, e.StatusCode, e.Body)
}

// NotFoundError is an HTTP 404 answer: the base URL does not lead to the
// API's methods. URL is the address called, without user name, password or
// token; Err is the [*APIError] or [*HTTPError] of the answer.
type NotFoundError struct {
	Method string
	URL    string
	Err    error
}

// Error names the address and says how a base URL is written.
func (e *NotFoundError) Error() string {
	return fmt.Sprintf("cryptolens: %s: %s answered HTTP 404 (not found): the base URL (CRYPTOLENS_BASE_URL, "+
		"or base_url in the credentials file) must be the API root, ending in /api, such as %s",
		e.Method, e.URL, DefaultBaseURL)
}

// Unwrap returns the answer's error.
func (e *NotFoundError) Unwrap() error { return e.Err }

// RateLimitError is an HTTP 429 answer: the server asks the client to slow
// down. RetryAfter is the wait its Retry-After header asked for, 0 when it
// named none; Message is the API's message, if the body had one.
type RateLimitError struct {
	Method     string
	RetryAfter time.Duration
	Message    string
}

// Error names the method and the wait the server asked for.
func (e *RateLimitError) Error() string {
	s := fmt.Sprintf("cryptolens: %s: rate limited (HTTP 429)", e.Method)
	if e.RetryAfter > 0 {
		s += fmt.Sprintf(", retry after %v", e.RetryAfter)
	}
	if e.Message != "" {
		s += ": " + e.Message
	}
	return s
}

// RedirectError is a redirect the client refused to follow: to another
// origin (scheme, host or port), which would send the token there, or one
// that would turn the POST into a GET. From and To are the addresses without
// user name, password, query or token.
type RedirectError struct {
	Method     string
	StatusCode int
	From, To   string
	Reason     string
}

// Error names both addresses, why the redirect was refused and what fixes it.
func (e *RedirectError) Error() string {
	method := e.Method
	if method == "" {
		method = "request"
	}
	return fmt.Sprintf("cryptolens: %s: refused the HTTP %d redirect from %s to %s (%s); "+
		"if the new address is right, set the base URL (CRYPTOLENS_BASE_URL) to it",
		method, e.StatusCode, e.From, e.To, e.Reason)
}

// DecodeError is a 2xx answer whose body does not decode, such as a
// truncated JSON document. Err is the decoder's error, redacted.
type DecodeError struct {
	Method     string
	StatusCode int
	Err        error
}

// Error names the method, the HTTP status and what did not decode.
func (e *DecodeError) Error() string {
	return fmt.Sprintf("cryptolens: %s: decoding the HTTP %d answer: %v", e.Method, e.StatusCode, e.Err)
}

// Unwrap returns the decoder's error.
func (e *DecodeError) Unwrap() error { return e.Err }

// redactedError carries a wrapped error whose text has the token removed.
// Unwrap still reaches the cause, so errors.Is(err, context.Canceled) works.
type redactedError struct {
	msg string
	err error
}

func (e *redactedError) Error() string { return e.msg }
func (e *redactedError) Unwrap() error { return e.err }

// redact removes the token, and the user name and password of the base URL,
// from s.
func (c *Client) redact(s string) string { return c.redactor.Redact(s) }

// redactErr returns err with the secrets removed from its text, prefixed
// with the method. A *url.Error in the chain is rebuilt with a redacted URL
// so that errors.As callers cannot print the token or the password either.
func (c *Client) redactErr(method string, err error) error {
	var uerr *url.Error
	if errors.As(err, &uerr) {
		u := uerr.URL
		if parsed, perr := url.Parse(u); perr == nil {
			u = c.shownRequestURL(parsed)
		}
		err = &url.Error{Op: uerr.Op, URL: c.redact(u), Err: uerr.Err}
	}
	return &redactedError{msg: c.redact(fmt.Sprintf("cryptolens: %s: %v", method, err)), err: err}
}

// truncateBody keeps the first maxErrorBody bytes of a body for an error.
func truncateBody(b []byte) string {
	if len(b) > maxErrorBody {
		return strings.ToValidUTF8(string(b[:maxErrorBody]), "") + "..."
	}
	return strings.ToValidUTF8(string(b), "")
}
