package cryptolens

import (
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// RetryPolicy bounds the retries of one API call. Network errors and
// timeouts (see [Timeouts]), HTTP 429 and 5xx answers and 2xx answers that
// do not decode are retried. Attempt n (n >= 2) waits a random time in
// [0, min(MaxDelay, MinDelay*2^(n-2))] (full jitter) or, when the answer
// carried a Retry-After header (delay seconds or an HTTP date), exactly that
// long. A Retry-After above MaxWait, or past the context's deadline, ends the
// call at once with the server's error (a [*RateLimitError] for a 429):
// retrying sooner than the server asked would only meet the same answer.
// The context ends any wait.
type RetryPolicy struct {
	MaxAttempts int           // attempts in all, first included; 0 means 5
	MinDelay    time.Duration // the backoff's first ceiling; 0 means 200ms
	MaxDelay    time.Duration // the largest backoff; 0 means 10s
	MaxWait     time.Duration // the longest Retry-After honoured; 0 means 2 minutes
}

// DefaultRetryPolicy is the policy of a client built without [WithRetry].
var DefaultRetryPolicy = RetryPolicy{MaxAttempts: 5, MinDelay: 200 * time.Millisecond, MaxDelay: 10 * time.Second,
	MaxWait: 2 * time.Minute}

// withDefaults fills the unset fields; alike in shape only to
// Timeouts.withDefaults (each fills its own type's fields).
func (p RetryPolicy) withDefaults() RetryPolicy {
	d := DefaultRetryPolicy
	orDefault(&p.MaxAttempts, d.MaxAttempts)
	orDefault(&p.MinDelay, d.MinDelay)
	orDefault(&p.MaxDelay, d.MaxDelay)
	orDefault(&p.MaxWait, d.MaxWait)
	return p
}

// backoff is the wait before the given retry (1 for the first retry).
func (p RetryPolicy) backoff(retry int, retryAfter time.Duration) time.Duration {
	if retryAfter > 0 {
		return retryAfter
	}
	ceiling := p.MinDelay
	for i := 1; i < retry && ceiling < p.MaxDelay; i++ {
		ceiling *= 2
	}
	ceiling = min(ceiling, p.MaxDelay)
	return rand.N(ceiling + 1)
}

// retryableStatus reports whether an HTTP status is worth another attempt.
func retryableStatus(code int) bool {
	return code == http.StatusTooManyRequests || code >= 500
}

// parseRetryAfter reads a Retry-After header: delay seconds or an HTTP date.
// It returns 0 when the header is absent, malformed or in the past.
func parseRetryAfter(h string, now time.Time) time.Duration {
	h = strings.TrimSpace(h)
	if h == "" {
		return 0
	}
	if secs, err := strconv.ParseInt(h, 10, 64); err == nil {
		if secs <= 0 {
			return 0
		}
		if secs > int64(24*time.Hour/time.Second) {
			secs = int64(24 * time.Hour / time.Second)
		}
		return time.Duration(secs) * time.Second
	}
	if at, err := http.ParseTime(h); err == nil {
		if d := at.Sub(now); d > 0 {
			return d
		}
	}
	return 0
}
