package emulator_test

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/lensbook/lensbook/internal/emulator"
	"github.com/lensbook/lensbook/pkg/cryptolens"
)

const (
	unauthenticated = "Unable to authenticate"
	accessDenied    = "Access denied."
	badInput        = "The input parameters were incorrect."
)

// expectError checks that an answer is HTTP 200 with result 1 and message.
func expectError(t *testing.T, a answer, message string) {
	t.Helper()
	if a.status != http.StatusOK || a.result() != 1 || a.message() != message {
		t.Errorf("got status %d, result %d, message %q, body %.200s; want 200, 1, %q",
			a.status, a.result(), a.message(), a.body, message)
	}
}

func TestErrorMessages(t *testing.T) {
	t.Parallel()
	h := newHarness(t, testData())
	tests := []struct {
		method string
		pairs  []string
		want   string
	}{
		{"GetWebAPILog", []string{"Limit", "ten"}, badInput},
		{"GetWebAPILog", []string{"Limit", "1.5"}, badInput},
		{"GetWebAPILog", []string{"States", "[2010,"}, badInput},
		{"GetWebAPILog", []string{"States", `["a"]`}, badInput},
		{"GetWebAPILog", []string{"States", "2010"}, badInput},
		{"GetWebAPILog", []string{"Key", "ABCDE-FGHIJ-KLMNO-PQRST"}, badInput},
		{"GetWebAPILog", []string{"ProductId", "x"}, badInput},
		{"GetWebAPILog", []string{"OrderBy", "Name"}, badInput},
		{"GetWebAPILog", []string{"OrderBy", "Id sideways"}, badInput},
		{"GetWebAPILog", []string{"OrderBy", "Id descending please"}, badInput},
		{"GetWebAPILog", []string{"Time", `{"gte":`}, badInput},
		{"GetWebAPILog", []string{"Time", `{"after":1}`}, badInput},
		{"GetWebAPILog", []string{"Time", `{"gte":"soon"}`}, badInput},
		{"GetWebAPILog", []string{"Time", `yesterday`}, badInput},
		{"GetWebAPILog", []string{"StartingAfter", "x"}, badInput},
		{"GetWebAPILog", []string{"EndingBefore", "1e3"}, badInput},
		{"GetEvents", []string{"Limit", "many"}, badInput},
		{"GetEvents", []string{"Key", "ABCDE-FGHIJ-KLMNO-PQRST"}, badInput},
		{"GetEvents", []string{"Time", "{"}, badInput},
		{"GetEvents", []string{"StartingAfter", "first"}, badInput},
		{"GetObjectLog", []string{"Limit", "-"}, badInput},
		{"GetObjectLog", []string{"StartingAfter", "x"}, badInput},
		{"RegisterEvent", []string{"Value", "12.5"}, badInput},
		{"RegisterEvent", []string{"Key", "ABCDE-FGHIJ-KLMNO-PQRST", "FeatureName", "F1"}, badInput},
		{"RegisterEvent", []string{"FeatureName", string(make([]byte, 101))}, badInput},
		{"RegisterEvents", []string{"Events", `[{"FeatureName":"F1"`}, badInput},
		{"RegisterEvents", []string{"Events", `null`}, badInput},
		{"RegisterEvents", []string{}, badInput},
		{"RegisterEvents", []string{"Events", `[{"Value":"lots"}]`}, badInput},
	}
	calls := map[string]int{}
	for _, tc := range tests {
		t.Run(tc.method+" "+tc.want, func(t *testing.T) {
			expectError(t, h.call(t, tc.method, tc.pairs...), tc.want)
		})
		calls[tc.method]++
	}
	for method, n := range calls {
		if got := h.server.RequestCount(method); got != n {
			t.Errorf("RequestCount(%s) = %d after %d failed calls", method, got, n)
		}
	}
	if n := len(h.server.Events()); n != len(h.data.Events) {
		t.Errorf("failed registrations stored events: %d events, want %d", n, len(h.data.Events))
	}
}

func TestAuthenticationAndPermissions(t *testing.T) {
	t.Parallel()
	h := newHarness(t, testData())
	methods := map[string]emulator.Permission{
		"GetWebAPILog": emulator.PermGetWebAPILog, "GetEvents": emulator.PermGetEvents,
		"GetObjectLog": emulator.PermGetObjectLog, "RegisterEvent": emulator.PermRegisterEvent,
		"RegisterEvents": emulator.PermRegisterEvent,
	}
	okPairs := map[string][]string{"RegisterEvents": {"Events", "[]"}}
	for method, perm := range methods {
		t.Run(method, func(t *testing.T) {
			for _, token := range []string{"", "not-a-token", h.token + "x"} {
				a := h.do(t, http.MethodPost, "/ai/"+method, url.Values{"token": {token}})
				expectError(t, a, unauthenticated)
			}
			a := h.do(t, http.MethodPost, "/ai/"+method, url.Values{})
			expectError(t, a, unauthenticated)
			for _, other := range emulator.AllPermissions {
				if other == perm {
					continue
				}
				form := url.Values{"token": {h.server.NewToken(other)}}
				expectError(t, h.do(t, http.MethodPost, "/ai/"+method, form), accessDenied)
			}
			form := url.Values{"token": {h.server.NewToken(perm)}}
			for i := 0; i+1 < len(okPairs[method]); i += 2 {
				form.Set(okPairs[method][i], okPairs[method][i+1])
			}
			if a := h.do(t, http.MethodPost, "/ai/"+method, form); a.result() != 0 {
				t.Errorf("with permission %s: result %d, message %q", perm, a.result(), a.message())
			}
		})
	}
	t.Run("the token is checked before the parameters", func(t *testing.T) {
		a := h.do(t, http.MethodGet, "/ai/GetWebAPILog", url.Values{"token": {"nope"}, "Limit": {"x"}})
		expectError(t, a, unauthenticated)
		form := url.Values{"token": {h.server.NewToken(emulator.PermGetEvents)}, "Limit": {"x"}}
		expectError(t, h.do(t, http.MethodGet, "/ai/GetWebAPILog", form), accessDenied)
	})
	t.Run("answers never contain the token", func(t *testing.T) {
		for _, pairs := range [][]string{{"Limit", "x"}, {"Limit", "1000"}, {"Events", "x"}} {
			a := h.call(t, "GetWebAPILog", pairs...)
			if containsBytes(a.body, h.token) {
				t.Errorf("answer contains the token: %.200s", a.body)
			}
		}
	})
}

func containsBytes(b []byte, s string) bool { return strings.Contains(string(b), s) }

func TestTokenLocks(t *testing.T) {
	t.Parallel()
	h := newHarness(t, testData())
	d := h.data
	lic := d.Licenses[0]
	other := d.Products[len(d.Products)-1].ID
	if other == lic.ProductID {
		other = d.Products[0].ID
	}
	addToken := func(tok emulator.Token) string {
		h.server.AddToken(tok)
		return tok.Value
	}
	logs := func(token string, pairs ...string) answer {
		form := url.Values{"token": {token}, "Limit": {"1000"}}
		for i := 0; i+1 < len(pairs); i += 2 {
			form.Set(pairs[i], pairs[i+1])
		}
		return h.do(t, http.MethodPost, "/ai/GetWebAPILog", form)
	}
	pid := strconv.Itoa(lic.ProductID)

	productLocked := addToken(emulator.Token{Value: "product-locked", ProductLock: lic.ProductID,
		Permissions: []emulator.Permission{emulator.PermGetWebAPILog, emulator.PermGetEvents}})
	t.Run("ProductLock narrows rows to the product", func(t *testing.T) {
		want := wantLogs(d, logQuery{keep: func(r cryptolens.WebAPILog) bool { return r.ProductID == lic.ProductID }, limit: 1000})
		checkRows(t, want, logs(productLocked).env.Logs)
		checkRows(t, want, logs(productLocked, "ProductId", pid).env.Logs)
		if a := logs(productLocked, "ProductId", strconv.Itoa(other)); a.result() != 0 || len(a.env.Logs) != 0 {
			t.Errorf("another product: result %d, %d rows; want an empty page", a.result(), len(a.env.Logs))
		}
		form := url.Values{"token": {productLocked}, "Limit": {"100"}}
		for _, e := range h.do(t, http.MethodPost, "/ai/GetEvents", form).events(t) {
			if e.ProductID != lic.ProductID {
				t.Fatalf("event %d of product %d reached a token locked to %d", e.ID, e.ProductID, lic.ProductID)
			}
		}
	})

	registerLocked := addToken(emulator.Token{Value: "register-locked", ProductLock: lic.ProductID,
		Permissions: []emulator.Permission{emulator.PermRegisterEvent}})
	t.Run("ProductLock refuses registering for another product", func(t *testing.T) {
		form := url.Values{"token": {registerLocked}, "ProductId": {strconv.Itoa(other)}, "FeatureName": {"F"}}
		expectError(t, h.do(t, http.MethodPost, "/ai/RegisterEvent", form), accessDenied)
		form.Set("ProductId", pid)
		if a := h.do(t, http.MethodPost, "/ai/RegisterEvent", form); a.result() != 0 {
			t.Errorf("registering for the locked product: %q", a.message())
		}
	})

	keyRequired := addToken(emulator.Token{Value: "key-required", KeyLock: -1,
		Permissions: []emulator.Permission{emulator.PermGetWebAPILog, emulator.PermGetEvents}})
	t.Run("KeyLock -1 requires ProductId and Key", func(t *testing.T) {
		expectError(t, logs(keyRequired), badInput)
		expectError(t, logs(keyRequired, "ProductId", pid), badInput)
		expectError(t, h.do(t, http.MethodPost, "/ai/GetEvents", url.Values{"token": {keyRequired}}), badInput)
		want := wantLogs(d, logQuery{keep: func(r cryptolens.WebAPILog) bool {
			return r.ProductID == lic.ProductID && r.Key == lic.Key
		}, limit: 1000})
		checkRows(t, want, logs(keyRequired, "ProductId", pid, "Key", lic.Key).env.Logs)
	})

	keyLocked := addToken(emulator.Token{Value: "key-locked", KeyLock: int(lic.ID),
		Permissions: []emulator.Permission{emulator.PermGetWebAPILog}})
	t.Run("a positive KeyLock narrows rows to that key", func(t *testing.T) {
		want := wantLogs(d, logQuery{keep: func(r cryptolens.WebAPILog) bool {
			return r.ProductID == lic.ProductID && r.Key == lic.Key
		}, limit: 1000})
		if len(want) == 0 {
			t.Fatal("the sample key has no rows")
		}
		checkRows(t, want, logs(keyLocked).env.Logs)
		if a := logs(keyLocked, "ProductId", pid, "Key", d.Licenses[1].Key); len(a.env.Logs) != 0 {
			t.Errorf("another key gave %d rows, want none", len(a.env.Logs))
		}
	})
}
