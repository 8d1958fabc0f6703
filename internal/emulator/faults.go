package emulator

import (
	"math"
	"net/http"
	"strconv"
	"time"
)

// Faults makes the server misbehave, for testing clients. Each rate is the
// share of requests (0 to 1) that meet that fault; at most one fault applies
// to a request, chosen in the order of the fields. Which requests meet a
// fault is deterministic: the n-th request after SetFaults gets the same
// fault for the same Seed.
//
// Faults apply only to requests for the five known methods (never to
// unknown paths) and are decided before any work, so a faulted
// RegisterEvent(s) registers nothing. RequestCount counts faulted requests.
type Faults struct {
	// ServerErrorRate answers HTTP 500 with the API's "Something went
	// wrong" envelope or, for about half of them, HTTP 503 with an HTML page.
	ServerErrorRate float64
	// DropRate closes the connection without answering.
	DropRate float64
	// TruncateRate cuts the answer: either the full Content-Length is
	// declared and the connection closes mid-body or, for about half of
	// them, a complete HTTP answer carries cut JSON.
	TruncateRate float64
	// TooManyRequestsRate answers HTTP 429 with a Retry-After header.
	TooManyRequestsRate float64
	// Latency delays every answer (faulted or not); a request whose context
	// ends during the delay gets no answer.
	Latency time.Duration
	// RetryAfter is the Retry-After of a 429, rounded up to whole seconds;
	// zero means 1 second.
	RetryAfter time.Duration
	// Seed chooses which requests meet which fault.
	Seed int64
}

// SetFaults replaces the server's faults and restarts their sequence.
// The zero Faults turns them off.
func (s *Server) SetFaults(f Faults) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = f
	s.faultNo = 0
}

type faultKind int

const (
	faultNone faultKind = iota
	faultServerError
	faultDrop
	faultTruncate
	faultTooManyRequests
)

// fault is what happens to one request.
type fault struct {
	kind       faultKind
	alternate  bool // the second flavour of the fault
	latency    time.Duration
	retryAfter time.Duration
}

// nextFault decides the fault of the next request; s.mu must be held.
func (s *Server) nextFault() fault {
	f := s.faults
	n := s.faultNo
	s.faultNo++
	x := splitmix64(uint64(f.Seed) ^ (n+1)*0x9e3779b97f4a7c15)
	u := float64(x>>11) / (1 << 53)
	out := fault{latency: f.Latency, retryAfter: f.RetryAfter, alternate: splitmix64(x)&1 == 1}
	for _, c := range []struct {
		rate float64
		kind faultKind
	}{
		{f.ServerErrorRate, faultServerError}, {f.DropRate, faultDrop},
		{f.TruncateRate, faultTruncate}, {f.TooManyRequestsRate, faultTooManyRequests},
	} {
		if u < c.rate {
			out.kind = c.kind
			return out
		}
		u -= max(c.rate, 0)
	}
	return out
}

// splitmix64 is a fast, well-mixed hash of x.
func splitmix64(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// wait sleeps for the latency; it reports false when the request's context
// ended first.
func (f fault) wait(r *http.Request) bool {
	if f.latency <= 0 {
		return true
	}
	timer := time.NewTimer(f.latency)
	defer timer.Stop()
	select {
	case <-timer.C:
		return true
	case <-r.Context().Done():
		return false
	}
}

// answerEarly answers the faults that need no body; it reports whether it
// did.
func (f fault) answerEarly(w http.ResponseWriter) bool {
	switch f.kind {
	case faultServerError:
		if f.alternate {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.WriteHeader(http.StatusServiceUnavailable)
			w.Write([]byte("<html><body><h1>503 Service Unavailable</h1></body></html>\n")) //nolint:errcheck
			return true
		}
		writeJSON(w, http.StatusInternalServerError, errorBody(msgServerError))
	case faultTooManyRequests:
		retry := f.retryAfter
		if retry <= 0 {
			retry = time.Second
		}
		w.Header().Set("Retry-After", strconv.Itoa(int(math.Ceil(retry.Seconds()))))
		writeJSON(w, http.StatusTooManyRequests, errorBody(msgTooManyRequests))
	case faultDrop:
		dropConnection(w)
	default:
		return false
	}
	return true
}

// write sends body, cut if the fault says so.
func (f fault) write(w http.ResponseWriter, body []byte) {
	if f.kind != faultTruncate {
		writeJSON(w, http.StatusOK, body)
		return
	}
	cut := body[:len(body)/2]
	if f.alternate { // a complete HTTP answer whose JSON is cut
		writeJSON(w, http.StatusOK, cut)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(http.StatusOK)
	w.Write(cut) //nolint:errcheck
	if fl, ok := w.(http.Flusher); ok {
		fl.Flush()
	}
	panic(http.ErrAbortHandler) // closes the connection mid-body, without a log line
}

// dropConnection closes the connection without an answer.
func dropConnection(w http.ResponseWriter) {
	if hj, ok := w.(http.Hijacker); ok {
		if conn, _, err := hj.Hijack(); err == nil {
			conn.Close()
			return
		}
	}
	panic(http.ErrAbortHandler)
}
