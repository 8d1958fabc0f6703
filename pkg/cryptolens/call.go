package cryptolens

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
)

// page describes how to decode one method's successful answer.
type page struct {
	listKey string               // the member holding the rows; "" for none
	onList  func(*scanner) error // decodes the rows
	rows    func() int           // rows decoded so far
	reset   func()               // forgets the rows of a failed attempt
	intern  *interner
}

// attemptResult is what one HTTP attempt produced.
type attemptResult struct {
	status     int
	err        error // nil on success
	retryable  bool
	retryAfter time.Duration
}

// call POSTs params (the token added) to the method and decodes the answer
// into p, retrying transient failures under the client's policy.
func (c *Client) call(ctx context.Context, method string, params url.Values, p page) error {
	policy := c.retry
	var last attemptResult
	for attempt := 1; attempt <= policy.MaxAttempts; attempt++ {
		if attempt > 1 {
			wait := policy.backoff(attempt-1, last.retryAfter)
			if err := sleep(ctx, wait); err != nil {
				return c.contextErr(method, err, last.err)
			}
		}
		if err := ctx.Err(); err != nil {
			return c.contextErr(method, err, last.err)
		}
		if p.reset != nil {
			p.reset()
		}
		start := time.Now()
		last = c.attempt(ctx, method, params, p)
		c.report(ctx, method, params, attempt, last, p, time.Since(start))
		if last.err == nil {
			return nil
		}
		if err := ctx.Err(); err != nil {
			return c.contextErr(method, err, last.err)
		}
		if !last.retryable {
			return last.err
		}
	}
	if policy.MaxAttempts > 1 {
		return &retriesError{attempts: policy.MaxAttempts, err: last.err}
	}
	return last.err
}

// retriesError says a call gave up; its text names the attempts and the last
// error, which errors.As reaches.
type retriesError struct {
	attempts int
	err      error
}

func (e *retriesError) Error() string {
	return fmt.Sprintf("%v (gave up after %d attempts)", e.err, e.attempts)
}
func (e *retriesError) Unwrap() error { return e.err }

// contextErr wraps the context's error, naming the last attempt's error.
func (c *Client) contextErr(method string, ctxErr, last error) error {
	if last != nil {
		return &redactedError{
			msg: c.redact(fmt.Sprintf("cryptolens: %s: %v (last attempt: %v)", method, ctxErr, last)),
			err: ctxErr,
		}
	}
	return &redactedError{msg: fmt.Sprintf("cryptolens: %s: %v", method, ctxErr), err: ctxErr}
}

// sleep waits d or until ctx is done.
func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// attempt makes one HTTP request and decodes its answer.
func (c *Client) attempt(ctx context.Context, method string, params url.Values, p page) attemptResult {
	form := url.Values{"token": {c.token}}
	for k, v := range params {
		form[k] = v
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.methodURL(method),
		strings.NewReader(form.Encode()))
	if err != nil {
		return attemptResult{err: c.redactErr(method, err)}
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Accept", "application/json")
	resp, err := c.http.Do(req)
	if err != nil {
		return attemptResult{err: c.redactErr(method, err), retryable: true}
	}
	defer resp.Body.Close()
	buf := bodyBuffers.Get().(*bytes.Buffer)
	defer putBodyBuffer(buf)
	body, err := readBody(resp.Body, resp.ContentLength, buf)
	if errors.Is(err, errBodyTooLarge) {
		// The same answer would come again: not worth a retry.
		return attemptResult{status: resp.StatusCode,
			err: &DecodeError{Method: method, StatusCode: resp.StatusCode, Err: err}}
	}
	if err != nil {
		// A connection dropped mid-body: retry.
		return attemptResult{status: resp.StatusCode, retryable: true,
			err: c.redactErr(method, fmt.Errorf("reading the HTTP %d answer: %w", resp.StatusCode, err))}
	}
	return c.interpret(method, resp, body, p)
}

// bodyBuffers recycles the buffers answers are read into: decoding copies
// every string out, so a buffer is free once its answer is interpreted.
var bodyBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// putBodyBuffer returns a buffer to the pool unless it grew very large.
func putBodyBuffer(b *bytes.Buffer) {
	if b.Cap() > 8<<20 {
		return
	}
	b.Reset()
	bodyBuffers.Put(b)
}

// errBodyTooLarge is the error of an answer above maxBodyBytes.
var errBodyTooLarge = errors.New("body larger than the client's limit (64 MiB)")

// readBody reads a body of up to maxBodyBytes into buf. size is the
// declared length, or -1.
func readBody(r io.Reader, size int64, buf *bytes.Buffer) ([]byte, error) {
	if size > 0 && size <= maxBodyBytes {
		buf.Grow(int(size) + bytes.MinRead)
	}
	n, err := buf.ReadFrom(io.LimitReader(r, maxBodyBytes+1))
	if err != nil {
		return nil, err
	}
	if n > maxBodyBytes {
		return nil, errBodyTooLarge
	}
	return buf.Bytes(), nil
}

// interpret turns a complete answer into success or a typed error.
func (c *Client) interpret(method string, resp *http.Response, body []byte, p page) attemptResult {
	status := resp.StatusCode
	res := attemptResult{status: status}
	if retryableStatus(status) {
		res.retryable = true
		res.retryAfter = parseRetryAfter(resp.Header.Get("Retry-After"), time.Now())
	}
	env, err := decodeEnvelope(body, p.listKey, p.onList, p.intern)
	success := status >= 200 && status < 300
	switch {
	case err != nil && success:
		// A truncated or garbled page: decoded whole or retried.
		res.retryable = true
		res.err = &DecodeError{Method: method, StatusCode: status,
			Err: errors.New(c.redact(err.Error()))}
	case err != nil || (!success && env.ok()):
		res.err = &HTTPError{Method: method, StatusCode: status, Body: c.redactedBody(body)}
	case !env.ok():
		res.err = &APIError{Method: method, StatusCode: status, Message: c.redact(env.message)}
	}
	return res
}

// redactedBody is the start of a body for an error, token removed.
func (c *Client) redactedBody(body []byte) string {
	head := body[:min(len(body), maxErrorBody+2*len(c.token)+64)]
	return truncateBody([]byte(c.redact(string(head))))
}

// report logs the attempt and calls the observer.
func (c *Client) report(ctx context.Context, method string, params url.Values, attempt int, r attemptResult, p page, d time.Duration) {
	rows := 0
	if r.err == nil && p.rows != nil {
		rows = p.rows()
	}
	if c.logger != nil {
		attrs := []slog.Attr{
			slog.String("method", method),
			slog.String("params", c.redact(params.Encode())),
			slog.Int("attempt", attempt),
			slog.Int("status", r.status),
			slog.Int("rows", rows),
			slog.Duration("duration", d),
		}
		if r.err != nil {
			attrs = append(attrs, slog.String("error", r.err.Error()))
		}
		c.logger.LogAttrs(ctx, slog.LevelDebug, "cryptolens request", attrs...)
	}
	if c.observer != nil {
		c.observer(RequestInfo{Method: method, Attempt: attempt, StatusCode: r.status,
			Rows: rows, Err: r.err, Duration: d})
	}
}
