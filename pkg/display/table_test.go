package display

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/go-gota/gota/dataframe"
	"github.com/google/go-cmp/cmp"
	"github.com/lensbook/lensbook/pkg/cryptolens"
	"github.com/lensbook/lensbook/pkg/frames"
)

func TestTableHTMLEscapesEverything(t *testing.T) {
	hostile := `<script>alert("x")</script>`
	got := TableHTML(hostile+" & caption", []string{"<th>", `a"b`}, [][]string{
		{hostile, "it's <b>bold</b> & 'quoted'"},
		{"<img src=x onerror=alert(1)>", "</td></tr></table><p>"},
	}, 0, nil)
	for _, raw := range []string{"<script", "<b>", "<img", "</td></tr></table><p>", `a"b`, "it's"} {
		if strings.Contains(got, raw) {
			t.Errorf("HTML contains unescaped %q:\n%s", raw, got)
		}
	}
	for _, escaped := range []string{
		"&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; caption</figcaption>",
		">&lt;th&gt;</th>",
		">a&#34;b</th>",
		">it&#39;s &lt;b&gt;bold&lt;/b&gt; &amp; &#39;quoted&#39;</td>",
		">&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;&lt;p&gt;</td>",
	} {
		if !strings.Contains(got, escaped) {
			t.Errorf("HTML lacks %q:\n%s", escaped, got)
		}
	}
	if n := strings.Count(got, "<tr>"); n != 3 {
		t.Errorf("%d <tr> elements, want 3 (header and two rows)", n)
	}
}

func TestTableHTMLAlignsNumericColumnsRight(t *testing.T) {
	got := TableHTML("", []string{"key", "requests", "share", "note", "empty"}, [][]string{
		{"AAAA", "1,234", "87.1%", "5 apples", ""},
		{"BBBB", "-5", "12.9%", "", ""},
		{"0x1F", "NaN", "0.0%", "7", ""},
	}, 0, nil)
	// Column by column, the header cell's alignment.
	want := []string{"left", "right", "right", "left", "left"}
	for j, name := range []string{"key", "requests", "share", "note", "empty"} {
		cell := `<th style="text-align:` + want[j] + `;padding:2px 8px;white-space:nowrap;border-bottom:1px solid #888">` + name + `</th>`
		if !strings.Contains(got, cell) {
			t.Errorf("column %q is not aligned %s", name, want[j])
		}
	}
}

func TestTableHTMLRaggedRowsAndMoreRows(t *testing.T) {
	got := TableHTML("c", []string{"a"}, [][]string{{"1", "2", "3"}, {}}, 1234, nil)
	if n := strings.Count(got, "<th "); n != 3 {
		t.Errorf("%d header cells, want 3 (the widest row)", n)
	}
	if n := strings.Count(got, "<td "); n != 7 {
		t.Errorf("%d cells, want 3 per row plus the footer", n)
	}
	if !strings.Contains(got, `<td colspan="3"`) || !strings.Contains(got, ">1,234 more rows</td>") {
		t.Errorf("no footer spanning 3 columns saying 1,234 more rows:\n%s", got)
	}
	if TableHTML("c", []string{"a"}, nil, 1, nil) == TableHTML("c", []string{"a"}, nil, 0, nil) {
		t.Error("moreRows=1 adds no footer")
	}
	if got := TableHTML("", nil, nil, 0, nil); strings.Contains(got, "<figcaption") {
		t.Errorf("empty caption still written: %s", got)
	}
}

func TestFrameTableHTML(t *testing.T) {
	var rows []cryptolens.WebAPILog
	for i := range 25 {
		rows = append(rows, cryptolens.WebAPILog{ID: int64(i + 1), Key: "<k>", State: 1010,
			Time: time.Date(2026, 10, 1, i, 0, 0, 0, time.UTC)})
	}
	df := frames.WebAPILog(rows)
	got, err := FrameTableHTML(df, 0)
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(got, "<tr>"); n != 1+DefaultMaxRows+1 {
		t.Errorf("%d rows, want header + %d + footer", n, DefaultMaxRows)
	}
	for _, want := range []string{"25 rows × 14 columns</figcaption>", ">5 more rows</td>",
		`<th style="text-align:right;padding:2px 8px;white-space:nowrap;border-bottom:1px solid #888">id</th>`,
		`<th style="text-align:left;padding:2px 8px;white-space:nowrap;border-bottom:1px solid #888">key</th>`,
		">&lt;k&gt;</td>", ">1 Oct 2026 19:00 UTC</td>"} {
		if !strings.Contains(got, want) {
			t.Errorf("HTML lacks %q", want)
		}
	}
	all, err := FrameTableHTML(df, 100)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(all, "more row") {
		t.Error("a table with every row says more rows")
	}
	floats, err := FrameTableHTML(dataframe.LoadRecords([][]string{{"x"}, {"0.1"}, {"2.5"}}), 5)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(floats, ">0.1</td>") || !strings.Contains(floats, ">2.5</td>") {
		t.Errorf("floats not in shortest form:\n%s", floats)
	}
}

func TestFrameTableErrors(t *testing.T) {
	broken := dataframe.DataFrame{Err: errors.New("boom")}
	if _, err := FrameTableHTML(broken, 5); err == nil || !strings.Contains(err.Error(), "boom") {
		t.Errorf("FrameTableHTML error = %v, want the frame's error", err)
	}
	if err := FrameTable(broken, 5); err == nil {
		t.Error("FrameTable of a broken frame: no error")
	}
}

func TestTableText(t *testing.T) {
	got := TableText("2 rows", []string{"key", "n"}, [][]string{{"naïve\nkey", "1,234"}, {"b"}}, 3)
	want := "2 rows\nkey        n\nnaïve key  1,234\nb\n3 more rows\n"
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("TableText (-want +got):\n%s", diff)
	}
}

// TestTableHTMLMoneyTotalsAndLongCells checks money alignment, the total
// row and the wrapping of long columns only.
func TestTableHTMLMoneyTotalsAndLongCells(t *testing.T) {
	long := strings.Repeat("{\"Name\":\"x\"}", 6)
	got := TableHTML("Revenue", []string{"product", "revenue", "change"}, [][]string{
		{"Product 1", "$1,234.50", long},
		{"Product 2", "12.00 USD", "none"},
		{"Total", "EUR 99", ""},
	}, 0, nil)
	for _, want := range []string{
		`<th style="text-align:right;padding:2px 8px;white-space:nowrap;border-bottom:1px solid #888">revenue</th>`,
		`<tr class="lensbook-total" style="font-weight:bold;border-top:2px solid #888"><td style="text-align:left;padding:2px 8px;white-space:nowrap">Total</td>`,
		`<th class="lensbook-long" style="text-align:left;padding:2px 8px;white-space:normal;min-width:16em;overflow-wrap:anywhere;border-bottom:1px solid #888">change</th>`,
		`<figcaption class="lensbook-caption" style="text-align:left;font-weight:bold;padding:4px 0">Revenue</figcaption>` + "\n" + `<div class="lensbook-scroll" style="overflow-x:auto">`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("HTML lacks %q:\n%s", want, got)
		}
	}
	if !isTotalRow([]string{"", "All requests", "3"}) || isTotalRow([]string{"Allocation", "3"}) {
		t.Error("isTotalRow: want rows starting with All or Total, after empty cells")
	}
	for _, s := range []string{"$1,234.50", "-€5", "12.00 USD", "USD 12", "£3"} {
		if !looksNumeric(s) {
			t.Errorf("looksNumeric(%q) = false", s)
		}
	}
	for _, s := range []string{"5 apples", "USD", "$", "ABCD 12"} {
		if looksNumeric(s) {
			t.Errorf("looksNumeric(%q) = true", s)
		}
	}
}

func TestTableHTMLMarksTablesOfManyRows(t *testing.T) {
	rows := make([][]string, ManyRows+1)
	for i := range rows {
		rows[i] = []string{"x"}
	}
	if got := TableHTML("", []string{"a"}, rows, 0, nil); !strings.HasPrefix(got, `<figure class="lensbook-table lensbook-many-rows"`) {
		t.Errorf("a table of %d rows is not marked: %.60s", len(rows), got)
	}
	if got := TableHTML("", []string{"a"}, rows[:ManyRows], 0, nil); strings.Contains(got, "lensbook-many-rows") {
		t.Errorf("a table of %d rows is marked", ManyRows)
	}
}
