package cryptolens

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
)

// redactedText replaces the access token wherever it would be shown.
const redactedText = "REDACTED"

// maxErrorBody is how much of a non-envelope body an [HTTPError] keeps.
const maxErrorBody = 512

// APIError is an answer whose envelope says the call failed: "result" is 1
// (or any value but 0), or the body has a "message" but no "result". Message
// is the server's text, possibly "", with the token redacted.
type APIError struct {
	Method     string // the API method, such as "GetEvents"
	StatusCode int    // the HTTP status the error arrived with
	Message    string
}

// Error names the method, the HTTP status and the server's message.
func (e *APIError) Error() string {
	msg := e.Message
	if msg == "" {
		msg = "no message"
	}
	return fmt.Sprintf("cryptolens: %s: API error (HTTP %d): %s", e.Method, e.StatusCode, msg)
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

// newRedactor replaces the token, raw and in its URL-encoded forms.
func newRedactor(token string) *strings.Replacer {
	pairs := []string{token, redactedText}
	seen := map[string]bool{token: true}
	for _, form := range []string{url.QueryEscape(token), url.PathEscape(token)} {
		if !seen[form] {
			seen[form] = true
			pairs = append(pairs, form, redactedText)
		}
	}
	return strings.NewReplacer(pairs...)
}

// redact removes the token from s.
func (c *Client) redact(s string) string { return c.redactor.Replace(s) }

// redactErr returns err with the token removed from its text, prefixed with
// the method. A *url.Error in the chain is rebuilt with a redacted URL so
// that errors.As callers cannot print the token either.
func (c *Client) redactErr(method string, err error) error {
	var uerr *url.Error
	if errors.As(err, &uerr) {
		err = &url.Error{Op: uerr.Op, URL: c.redact(uerr.URL), Err: uerr.Err}
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
