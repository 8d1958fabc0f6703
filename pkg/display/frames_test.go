package display

import (
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"
	"github.com/google/go-cmp/cmp"
)

// revenue is a frame of purchases in two currencies, amounts in cents.
func revenue() dataframe.DataFrame {
	return dataframe.New(
		series.New([]string{"2026-10-02", "2026-10-02", "2026-10-03"}, series.String, "day"),
		series.New([]string{"EUR", "USD", "EUR"}, series.String, "currency"),
		series.New([]int{123450, -5, 99}, series.Int, "amount"),
		series.New([]float64{0.5, math.NaN(), 0.125}, series.Float, "share"),
		series.New([]string{"2026-10-02T14:05:09Z", "", "2026-10-03T00:00:00Z"}, series.String, "time"),
		series.New([]bool{true, false, true}, series.Bool, "purchase"),
	)
}

func TestFrameFormatsEachColumn(t *testing.T) {
	opts := Options{Title: "Revenue", MaxRows: -1,
		Formats: map[string]Format{"amount": MoneyIn("currency"), "time": Time, "day": Day},
		Columns: map[string]string{"amount": "Revenue"}}
	tab, data, err := opts.table(revenue())
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"2 Oct 2026", "EUR", "1,234.50 EUR", "50.0%", "2 Oct 2026 14:05 UTC", "true"},
		{"2 Oct 2026", "USD", "-0.05 USD", "", "", "false"},
		{"3 Oct 2026", "EUR", "0.99 EUR", "12.5%", "3 Oct 2026 00:00 UTC", "true"},
	}
	if diff := cmp.Diff(want, tab.rows); diff != "" {
		t.Errorf("cells (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"day", "currency", "Revenue", "share", "time", "purchase"}, tab.headers); diff != "" {
		t.Errorf("headers (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]bool{false, false, true, true, false, false}, tab.numeric); diff != "" {
		t.Errorf("numeric columns (-want +got):\n%s", diff)
	}
	if tab.caption != "Revenue" || data.Title != "Revenue" {
		t.Errorf("caption %q, figures title %q", tab.caption, data.Title)
	}
	if diff := cmp.Diff([]any{"2026-10-02", "USD", -5, nil, "", false}, data.Rows[1]); diff != "" {
		t.Errorf("raw figures of row 2 (-want +got):\n%s", diff)
	}

	if diff := cmp.Diff(want, data.Text); diff != "" {
		t.Errorf("figures as shown (-want +got):\n%s", diff)
	}

	tab, _, _ = Options{MaxRows: 2}.table(revenue())
	if len(tab.rows) != 2 || tab.more != 1 || tab.caption != "3 rows × 6 columns" || tab.rows[0][2] != "123,450" {
		t.Errorf("MaxRows 2: %d rows, %d more, caption %q, first amount %q", len(tab.rows), tab.more, tab.caption, tab.rows[0][2])
	}
}

func TestOneValueAxisCarriesOneCurrency(t *testing.T) {
	opts := Options{Title: "Revenue per day", Formats: map[string]Format{"amount": MoneyIn("currency")}}
	err := Bars(revenue(), "day", "amount", opts)
	if err == nil || !strings.Contains(err.Error(), "2 currencies (EUR, USD)") || !strings.Contains(err.Error(), "one chart per currency") {
		t.Errorf("Bars over two currencies: %v", err)
	}
	eur := revenue().Subset([]int{0, 2})
	if err := Bars(eur, "day", "amount", opts); err != nil {
		t.Errorf("Bars in one currency: %v", err)
	}
	two := eur.Mutate(series.New([]int{1, 2}, series.Int, "usd"))
	err = Lines(two, "day", []string{"amount", "usd"}, Options{Formats: map[string]Format{"amount": Money("EUR"), "usd": Money("USD")}})
	if err == nil || !strings.Contains(err.Error(), "(EUR, USD)") {
		t.Errorf("Lines of an EUR and a USD column: %v", err)
	}
	if err := Frame(eur.Select([]string{"day", "amount"}), opts); err == nil || !strings.Contains(err.Error(), `from column "currency", which the frame lacks`) {
		t.Errorf("MoneyIn without its currency column: %v", err)
	}
	if format, err := opts.axisFormat("t", eur, "amount"); err != nil || format(123450) != "1,234.50 EUR" {
		t.Errorf("axis format of one currency: %v", err)
	}
}

func TestChartsFromFramesCheckTheirColumns(t *testing.T) {
	daily := dataframe.New(series.New([]string{"2026-10-02", "2026-10-03"}, series.String, "day"),
		series.New([]int{3, 4}, series.Int, "Success"), series.New([]int{1, 0}, series.Int, "Failure"),
		series.New([]int{4, 4}, series.Int, "total"), series.New([]float64{4, 4}, series.Float, "avg"))
	for _, tt := range []struct {
		name string
		err  error
		want string
	}{
		{"missing category", Bars(daily, "key", "total", Options{}), `no column "key" (columns: day, Success`},
		{"text values", Bars(daily, "day", "day", Options{}), `column "day" is string`},
		{"missing label", Bars(daily, "day", "total", Options{Labels: "share"}), `no column "share"`},
		{"frame error", Frame(dataframe.DataFrame{Err: errors.New("boom")}, Options{}), "boom"},
		{"bad days", Lines(daily.Mutate(series.New([]string{"x", "y"}, series.String, "day")), "day", nil, Options{}), `column "day"`},
		{"no values", Lines(daily.Select([]string{"day"}), "day", nil, Options{}), "no int or float column"},
	} {
		if tt.err == nil || !strings.Contains(tt.err.Error(), tt.want) {
			t.Errorf("%s: error %v, want one containing %q", tt.name, tt.err, tt.want)
		}
	}
	for _, err := range []error{
		Stacked(daily, "day", nil, Options{Overlay: "avg"}),
		Lines(daily, "day", []string{"Success", "Failure"}, Options{}),
		Bars(daily, "day", "total", Options{Vertical: true, ColorBy: "day"}),
		HeadlineFrame("4 requests a day", daily),
	} {
		if err != nil {
			t.Error(err)
		}
	}
	c, title, cols, err := daySeries("Stacked", daily, "day", nil, Options{Overlay: "avg"}, true)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"day", "Success", "Failure", "avg"}, cols); diff != "" || title != "Success, Failure per day" || c == nil {
		t.Errorf("Stacked picks (-want +got):\n%s; title %q", diff, title)
	}
}

// TestChartFiguresReadAsTheChart checks that a chart's figures carry, beside
// the raw values, the values as its axis and labels write them: a share as
// a percentage, money in its row's currency, a count grouped by thousands.
func TestChartFiguresReadAsTheChart(t *testing.T) {
	opts := Options{Title: "Revenue", Formats: map[string]Format{"amount": MoneyIn("currency")}}
	d, err := opts.frameData("Revenue", revenue(), "day", "amount", "share")
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{{"2026-10-02", "1,234.50 EUR", "50.0%"}, {"2026-10-02", "-0.05 USD", ""}, {"2026-10-03", "0.99 EUR", "12.5%"}}
	if diff := cmp.Diff(want, d.Text); diff != "" {
		t.Errorf("figures as shown (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]any{"2026-10-02", 123450, 0.5}, d.Rows[0]); diff != "" {
		t.Errorf("raw figures (-want +got):\n%s", diff)
	}
	if !strings.Contains(d.text(), `"rows":[["2026-10-02",123450,0.5],`) || !strings.Contains(d.text(), `"text":[["2026-10-02","1,234.50 EUR","50.0%"],`) {
		t.Errorf("the JSON lacks raw rows or text: %s", d.text())
	}
	counts := dataframe.New(series.New([]string{"a"}, series.String, "key"), series.New([]int{12345}, series.Int, "count"))
	if d, _ := (Options{}).frameData("Keys", counts); !cmp.Equal(d.Text, [][]string{{"a", "12,345"}}) {
		t.Errorf("counts as shown: %q", d.Text)
	}
	tab := tableData("Methods", []string{"method", "share"}, [][]string{{"Activate", "12.9%"}, {"Total", "100.0%"}})
	if !cmp.Equal(tab.Text, [][]string{{"Activate", "12.9%"}, {"Total", "100.0%"}}) {
		t.Errorf("a table's figures as shown: %q", tab.Text)
	}
	if d, _ := FrameData("raw", counts); strings.Contains(d.text(), `"text"`) {
		t.Errorf("FrameData without formats carries text: %s", d.text())
	}
}

func TestTableCellsBecomeFigures(t *testing.T) {
	for cell, want := range map[string]any{
		"1,234": int64(1234), "-3.5": -3.5, "12": int64(12), "12.9%": "12.9%", "1,234.50 EUR": "1,234.50 EUR",
		"12,34": "12,34", "NaN": "NaN", "1e5": "1e5", "": "", "AAAA": "AAAA", "+5": "+5",
	} {
		if got := cellValue(cell); got != want {
			t.Errorf("cellValue(%q) = %#v, want %#v", cell, got, want)
		}
	}
}

func TestFormatText(t *testing.T) {
	for _, tt := range []struct {
		f    Format
		v    float64
		want string
	}{
		{Share, 0.129, "12.9%"}, {Percent, 12.94, "12.9%"}, {Count, 1234.4, "1,234"}, {Number, 1234.5, "1,234.5"},
		{Money("EUR"), 123450, "1,234.50 EUR"}, {Money("SEK"), -5, "-0.05 SEK"}, {Format{}, 2.25, "2.25"}, {Share, math.NaN(), "n/a"},
	} {
		if got := tt.f.Text(tt.v); got != tt.want {
			t.Errorf("%+v.Text(%v) = %q, want %q", tt.f, tt.v, got, tt.want)
		}
	}
}

func TestFiguresOfAHugeFrameAreCut(t *testing.T) {
	n := MaxDataRows + 5
	ids := make([]int, n)
	d, err := FrameData("ids", dataframe.New(series.New(ids, series.Int, "id")))
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Rows) != MaxDataRows || d.Omitted != 5 || !strings.Contains(d.text(), `"omitted":5`) {
		t.Errorf("%d rows, %d omitted", len(d.Rows), d.Omitted)
	}
	if small, _ := FrameData("x", revenue()); strings.Contains(small.text(), "omitted") {
		t.Errorf("a small frame's figures say omitted: %s", small.text())
	}
}
