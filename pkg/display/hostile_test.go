package display

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/lensbook/lensbook/internal/emulator"
	"github.com/lensbook/lensbook/pkg/frames"
	"github.com/lensbook/lensbook/pkg/report"
)

// TestHostileTextSurvivesFiguresAndTables draws the hostile values the
// emulator seeds (markup, quotes, newlines, "NaN", unicode) through the
// frame helpers, a chart, a table and the figures' JSON.
func TestHostileTextSurvivesFiguresAndTables(t *testing.T) {
	ds := emulator.Generate(emulator.Config{Seed: 7, Days: 5, Hostile: true})
	events := report.NewEventsFrame(ds.Events)
	web := report.NewWebAPILogFrame(ds.WebAPILog)
	markup := 0
	for _, tt := range []struct {
		df  string
		col string
	}{{"events", frames.ColFeatureName}, {"events", frames.ColCurrency}, {"events", frames.ColOS}, {"web", frames.ColFriendlyName}, {"web", frames.ColMachineCode}} {
		src := events
		if tt.df == "web" {
			src = web
		}
		counts := frames.Top(frames.CountBy(src, tt.col), 15, "%d others")
		if counts.Err != nil {
			t.Fatal(counts.Err)
		}
		if err := Bars(counts, tt.col, frames.ColCount, Options{Title: tt.col, Labels: frames.ColShare}); err != nil {
			t.Errorf("Bars of %s: %v", tt.col, err)
		}
		tab, data, err := Options{Title: tt.col}.table(counts)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range tab.rows {
			if strings.Contains(r[0], "<") {
				markup++
			}
		}
		html := TableHTML(tab.caption, tab.headers, tab.rows, tab.more, tab.numeric)
		if strings.Contains(html, "<script") || strings.Contains(html, "<img") {
			t.Errorf("%s: markup not escaped in the table", tt.col)
		}
		var back Data
		if err := json.Unmarshal([]byte(data.text()), &back); err != nil || len(back.Rows) != counts.Nrow() {
			t.Errorf("%s: figures do not round-trip: %v (%d rows of %d)", tt.col, err, len(back.Rows), counts.Nrow())
		}
	}
	if markup == 0 {
		t.Error("no shown value has markup: the test proves nothing")
	}
}
