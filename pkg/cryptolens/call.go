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
			if last.retryAfter > policy.MaxWait {
				// Honoured or not at all: retrying sooner than asked
				// would only meet the same answer.
				return &retriesError{attempts: attempt - 1, err: last.err,
					why: fmt.Sprintf("the server asks to wait %v, more than the %v the client waits", last.retryAfter, policy.MaxWait)}
			}
			wait := policy.backoff(attempt-1, last.retryAfter)
			if deadline, ok := ctx.Deadline(); ok && last.retryAfter > 0 && time.Until(deadline) < wait {
				return &retriesError{attempts: attempt - 1, err: last.err,
					why: fmt.Sprintf("the server asks to wait %v, past the deadline of the call", last.retryAfter)}
			}
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
		return &retriesError{attempts: policy.MaxAttempts, err: last.err, why: fmt.Sprintf("gave up after %d attempts", policy.MaxAttempts)}
	}
	return last.err
}

// retriesError says a call gave up; its text names the attempts and the last
// error, which errors.As reaches.
type retriesError struct {
	attempts int
	err      error
	why      string
}

func (e *retriesError) Error() string {
	return fmt.Sprintf("%v (%s)", e.err, e.why)
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

// errBodyStalled and errAttemptTimeout end an attempt whose answer stopped
// coming; see [Timeouts].
var (
	errBodyStalled    = errors.New("the answer stalled")
	errAttemptTimeout = errors.New("the attempt took too long")
)

// attempt makes one HTTP request and decodes its answer.
func (c *Client) attempt(ctx context.Context, method string, params url.Values, p page) attemptResult {
	form := url.Values{"token": {c.token}}
	for k, v := range params {
		form[k] = v
	}
	actx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	attemptTimer := time.AfterFunc(c.timeouts.Attempt, func() { cancel(errAttemptTimeout) })
	defer attemptTimer.Stop()
	req, err := http.NewRequestWithContext(actx, http.MethodPost, c.methodURL(method),
		strings.NewReader(form.Encode()))
	if err != nil {
		return attemptResult{err: c.redactErr(method, err)}
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Accept", "application/json")
	resp, err := c.http.Do(req)
	if err != nil {
		var rerr *RedirectError
		if errors.As(err, &rerr) {
			e := *rerr
			e.Method = method
			return attemptResult{status: rerr.StatusCode, err: &e} // the same redirect would come again
		}
		return attemptResult{err: c.redactErr(method, c.explainTimeout(actx, err)), retryable: true}
	}
	defer resp.Body.Close()
	body := &idleReader{r: resp.Body, idle: c.timeouts.BodyIdle}
	body.timer = time.AfterFunc(body.idle, func() { cancel(errBodyStalled) })
	defer body.timer.Stop()
	var buf *bytes.Buffer
	if p.intern != nil && p.intern.arena {
		// The rows' strings will be slices of this body: memory of its
		// own, never written once read (see interner.arena).
		buf = new(bytes.Buffer)
	} else {
		buf = bodyBuffers.Get().(*bytes.Buffer)
		defer putBodyBuffer(buf)
	}
	data, err := readBody(body, resp.ContentLength, buf)
	if errors.Is(err, errBodyTooLarge) {
		// The same answer would come again: not worth a retry.
		return attemptResult{status: resp.StatusCode,
			err: &DecodeError{Method: method, StatusCode: resp.StatusCode, Err: err}}
	}
	if err != nil {
		// A connection dropped or stalled mid-body: retry.
		return attemptResult{status: resp.StatusCode, retryable: true,
			err: c.redactErr(method, fmt.Errorf("reading the HTTP %d answer: %w", resp.StatusCode, c.explainTimeout(actx, err)))}
	}
	return c.interpret(method, resp, data, p)
}

// explainTimeout names the timeout that ended an attempt, if one did.
func (c *Client) explainTimeout(actx context.Context, err error) error {
	switch context.Cause(actx) {
	case errBodyStalled:
		return fmt.Errorf("%w: no data for %v (Timeouts.BodyIdle): %w", errBodyStalled, c.timeouts.BodyIdle, err)
	case errAttemptTimeout:
		return fmt.Errorf("%w: over %v (Timeouts.Attempt): %w", errAttemptTimeout, c.timeouts.Attempt, err)
	}
	return err
}

// idleReader restarts timer (which ends the attempt) whenever bytes arrive.
type idleReader struct {
	r     io.Reader
	idle  time.Duration
	timer *time.Timer
}

func (r *idleReader) Read(p []byte) (int, error) {
	n, err := r.r.Read(p)
	if n > 0 {
		r.timer.Reset(r.idle)
	}
	return n, err
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
	case status == http.StatusTooManyRequests:
		res.err = &RateLimitError{Method: method, RetryAfter: res.retryAfter, Message: c.redact(env.message)}
	case status == http.StatusNotFound:
		var cause error = &HTTPError{Method: method, StatusCode: status, Body: c.redactedBody(body)}
		if err == nil && !env.ok() {
			cause = &APIError{Method: method, StatusCode: status, Message: c.redact(env.message)}
		}
		res.err = &NotFoundError{Method: method, URL: c.redact(c.shownURL + "/ai/" + method), Err: cause}
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
