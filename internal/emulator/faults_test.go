package emulator_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/lensbook/lensbook/internal/emulator"
)

// outcome describes what a client saw: "status N", "status N, bad JSON",
// "transport error" or "body error".
func (h *harness) outcome(t *testing.T, ctx context.Context, method string) string {
	t.Helper()
	client := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
	form := url.Values{"token": {h.token}, "Limit": {"50"}, "Events": {"[]"}}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, h.url+"/ai/"+method, strings.NewReader(form.Encode()))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := client.Do(req)
	if err != nil {
		return "transport error"
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return "body error"
	}
	if !json.Valid(body) {
		return fmt.Sprintf("status %d, bad JSON", resp.StatusCode)
	}
	return fmt.Sprintf("status %d", resp.StatusCode)
}

// outcomes returns the distinct outcomes of n requests.
func (h *harness) outcomes(t *testing.T, method string, n int) map[string]int {
	t.Helper()
	seen := map[string]int{}
	for range n {
		seen[h.outcome(t, t.Context(), method)]++
	}
	return seen
}

func TestFaults(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		faults emulator.Faults
		want   []string // every outcome must be one of these, and each must occur
	}{
		{"server errors", emulator.Faults{ServerErrorRate: 1}, []string{"status 500", "status 503, bad JSON"}},
		{"dropped connections", emulator.Faults{DropRate: 1}, []string{"transport error"}},
		{"truncated bodies", emulator.Faults{TruncateRate: 1}, []string{"body error", "status 200, bad JSON"}},
		{"too many requests", emulator.Faults{TooManyRequestsRate: 1}, []string{"status 429"}},
		{"no faults", emulator.Faults{Latency: time.Millisecond}, []string{"status 200"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, testData())
			h.server.SetFaults(tc.faults)
			seen := h.outcomes(t, "GetWebAPILog", 16)
			for _, w := range tc.want {
				if seen[w] == 0 {
					t.Errorf("never saw %q; saw %v", w, seen)
				}
				delete(seen, w)
			}
			if len(seen) > 0 {
				t.Errorf("unexpected outcomes %v", seen)
			}
			if got := h.server.RequestCount("GetWebAPILog"); got != 16 {
				t.Errorf("RequestCount = %d, want 16 (faulted requests count)", got)
			}
		})
	}
}

func TestFaultAnswers(t *testing.T) {
	t.Parallel()
	h := newHarness(t, testData())
	h.server.SetFaults(emulator.Faults{TooManyRequestsRate: 1, RetryAfter: 1500 * time.Millisecond})
	resp, err := http.PostForm(h.url+"/ai/GetEvents", url.Values{"token": {h.token}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusTooManyRequests || resp.Header.Get("Retry-After") != "2" {
		t.Errorf("status %d, Retry-After %q; want 429 and 2", resp.StatusCode, resp.Header.Get("Retry-After"))
	}

	h.server.SetFaults(emulator.Faults{ServerErrorRate: 1, DropRate: 1})
	for range 4 {
		if a := h.do(t, http.MethodGet, "/ai/NoSuchMethod", url.Values{}); a.status != http.StatusNotFound {
			t.Errorf("an unknown path met a fault: status %d", a.status)
		}
	}
}

func TestFaultsHaveNoSideEffects(t *testing.T) {
	t.Parallel()
	h := newHarness(t, testData())
	for _, f := range []emulator.Faults{{ServerErrorRate: 1}, {DropRate: 1}, {TruncateRate: 1}, {TooManyRequestsRate: 1}} {
		h.server.SetFaults(f)
		h.outcomes(t, "RegisterEvent", 4)
		h.outcomes(t, "RegisterEvents", 4)
	}
	if n := len(h.server.Events()); n != len(h.data.Events) {
		t.Errorf("faulted registrations stored events: %d, want %d", n, len(h.data.Events))
	}
}

func TestFaultsAreDeterministic(t *testing.T) {
	t.Parallel()
	sequence := func(seed int64) []string {
		h := newHarness(t, testData())
		h.server.SetFaults(emulator.Faults{ServerErrorRate: 0.15, DropRate: 0.15, TruncateRate: 0.15,
			TooManyRequestsRate: 0.15, Seed: seed})
		var out []string
		for range 30 {
			out = append(out, h.outcome(t, t.Context(), "GetObjectLog"))
		}
		return out
	}
	a, b, c := sequence(9), sequence(9), sequence(10)
	if strings.Join(a, "|") != strings.Join(b, "|") {
		t.Errorf("the same seed gave different faults:\n%v\n%v", a, b)
	}
	if strings.Join(a, "|") == strings.Join(c, "|") {
		t.Errorf("different seeds gave the same faults: %v", a)
	}
	ok := 0
	for _, o := range a {
		if o == "status 200" {
			ok++
		}
	}
	if ok == 0 || ok == len(a) {
		t.Errorf("%d of %d requests succeeded at a 60%% fault rate: %v", ok, len(a), a)
	}
}

func TestLatencyHonoursCancellation(t *testing.T) {
	t.Parallel()
	h := newHarness(t, testData())
	h.server.SetFaults(emulator.Faults{Latency: time.Minute})
	ctx, cancel := context.WithTimeout(t.Context(), 50*time.Millisecond)
	defer cancel()
	client := &http.Client{}
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, h.url+"/ai/GetWebAPILog?token="+h.token, nil)
	_, err := client.Do(req)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("err = %v, want a deadline error", err)
	}
	h.server.SetFaults(emulator.Faults{Latency: 5 * time.Millisecond})
	if got := h.outcome(t, t.Context(), "GetWebAPILog"); got != "status 200" {
		t.Errorf("after a short latency: %s", got)
	}
}
