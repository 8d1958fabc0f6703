package pagerender

import (
	"strings"
	"testing"
	"time"
)

func TestReportWindow(t *testing.T) {
	rendered := time.Date(2026, 11, 25, 14, 5, 0, 0, time.UTC)
	p := func(kv ...string) []Param {
		var out []Param
		for i := 0; i < len(kv); i += 2 {
			out = append(out, Param{Name: kv[i], Value: kv[i+1]})
		}
		return out
	}
	tests := []struct {
		name   string
		params []Param
		want   string
	}{
		{"demo", p("days", "30", "productID", "0", "asOf", "2026-11-01T00:00:00Z"), "2 Oct – 31 Oct 2026 (30 days, UTC); all products"},
		{"a date", p("days", "7", "productID", "3", "asOf", "2026-11-01"), "25 Oct – 31 Oct 2026 (7 days, UTC); product 3"},
		{"across a year", p("days", "10", "asOf", "2026-01-05"), "26 Dec 2025 – 4 Jan 2026 (10 days, UTC)"},
		{"live clock", p("days", "1", "productID", "0", "asOf", ""), "24 Nov 2026 14:05 – 25 Nov 2026 14:05 UTC (1 day); all products"},
		{"no days", p("asOf", "2026-11-01"), ""},
		{"unreadable asOf", p("days", "30", "asOf", "yesterday"), ""},
	}
	for _, tt := range tests {
		if got := reportWindow(tt.params, rendered); got != tt.want {
			t.Errorf("%s: reportWindow = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestNotebookLinksPointAtPages(t *testing.T) {
	doc := parseMarkdown("See the [*State codes*](state-codes.ipynb) report, [elsewhere](https://example.invalid/x.ipynb) and [up](../x.ipynb).", newHeadingIDs())
	html, err := doc.render()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`<a href="state-codes.html"><em>State codes</em></a>`, `href="https://example.invalid/x.ipynb"`, `href="../x.ipynb"`} {
		if !strings.Contains(html, want) {
			t.Errorf("markdown %s lacks %s", html, want)
		}
	}
}
