package display

import (
	"fmt"
	"html"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"
	"github.com/janpfeifer/gonb/gonbui/protocol"
	"github.com/lensbook/lensbook/pkg/charts"
)

// DefaultMaxRows is how many rows [FrameTable] shows when maxRows is not
// positive.
const DefaultMaxRows = 20

// Table shows rows under headers as an HTML table captioned with its size.
// Columns whose every non-empty cell is a number are right-aligned. Its
// figures ([DataMIME]) are the cells, titled by the caption: a cell that
// is a plain number (1,234 or 3.5) as a number, every other cell as text.
// Prefer [Frame], whose figures are the frame's raw values.
func Table(headers []string, rows [][]string) error {
	return TableWithCaption(sizeCaption(len(rows), width(headers, rows)), headers, rows)
}

// TableWithCaption is [Table] with a caption of the caller's.
func TableWithCaption(caption string, headers []string, rows [][]string) error {
	return send("table", map[protocol.MIMEType]any{
		protocol.MIMETextHTML:  TableHTML(caption, headers, rows, 0, nil),
		protocol.MIMETextPlain: TableText(caption, headers, rows, 0),
		DataMIME:               tableData(caption, headers, rows).text(),
	})
}

// FrameTable shows the first maxRows rows of df (DefaultMaxRows when
// maxRows is not positive) as an HTML table with int and float columns
// right-aligned, a caption with the frame's size, and a line saying how many
// rows are not shown. Its figures ([DataMIME]) are every row of df, raw
// and as the table writes them, titled by the caption. It fails when df carries an error.
func FrameTable(df dataframe.DataFrame, maxRows int) error {
	t, err := frameTable(df, maxRows)
	if err != nil {
		return err
	}
	data, err := FrameData(t.caption, df)
	if err != nil {
		return err
	}
	data.Text = make([][]string, len(data.Rows))
	for i := range data.Text {
		data.Text[i] = make([]string, len(data.Columns))
		for j, name := range data.Columns {
			data.Text[i][j] = cellText(df.Col(name).Elem(i))
		}
	}
	return sendTable(t, data)
}

// sendTable shows t with the figures data.
func sendTable(t shownTable, data Data) error {
	return send("table", map[protocol.MIMEType]any{
		protocol.MIMETextHTML:  TableHTML(t.caption, t.headers, t.rows, t.more, t.numeric),
		protocol.MIMETextPlain: TableText(t.caption, t.headers, t.rows, t.more),
		DataMIME:               data.text(),
	})
}

// FrameTableHTML returns the HTML of [FrameTable] without showing it.
func FrameTableHTML(df dataframe.DataFrame, maxRows int) (string, error) {
	t, err := frameTable(df, maxRows)
	if err != nil {
		return "", err
	}
	return TableHTML(t.caption, t.headers, t.rows, t.more, t.numeric), nil
}

// shownTable is the part of a frame that a table shows.
type shownTable struct {
	caption string
	headers []string
	rows    [][]string
	more    int
	numeric []bool
}

// frameTable takes the first maxRows rows of df as text.
func frameTable(df dataframe.DataFrame, maxRows int) (shownTable, error) {
	if df.Err != nil {
		return shownTable{}, fmt.Errorf("display: FrameTable: the frame carries an error: %w", df.Err)
	}
	if maxRows <= 0 {
		maxRows = DefaultMaxRows
	}
	shown := min(df.Nrow(), maxRows)
	headers := df.Names()
	numeric := make([]bool, len(headers))
	cols := make([]series.Series, len(headers))
	for j, name := range headers {
		cols[j] = df.Col(name)
		numeric[j] = cols[j].Type() == series.Int || cols[j].Type() == series.Float
	}
	rows := make([][]string, shown)
	for i := range rows {
		rows[i] = make([]string, len(headers))
		for j, c := range cols {
			rows[i][j] = cellText(c.Elem(i))
		}
	}
	return shownTable{sizeCaption(df.Nrow(), df.Ncol()), headers, rows, df.Nrow() - shown, numeric}, nil
}

// cellText formats one frame cell: floats in the shortest exact form, RFC
// 3339 times (how pkg/frames holds them) in the pages' one instant format
// ("1 Oct 2026 19:00 UTC"), everything else as Gota prints it.
func cellText(e series.Element) string {
	if e.Type() == series.Float && !e.IsNA() {
		return strconv.FormatFloat(e.Float(), 'g', -1, 64)
	}
	s := e.String()
	if e.Type() == series.String && len(s) >= 20 && s[10] == 'T' {
		if t, err := time.Parse(time.RFC3339, s); err == nil {
			return charts.Instant(t)
		}
	}
	return s
}

// TableHTML returns an HTML table in a figure: the caption above (outside
// the table, so that it stays in place when a wide table scrolls sideways
// in its own box), a header row, the rows, and, when moreRows > 0, a last
// line saying how many rows are left out. Every header, cell and caption is
// HTML-escaped. numeric marks the columns to right-align; nil aligns right
// every column whose non-empty cells all read as numbers or money (such as
// "1,234", "-5", "87.1%", "$12.50", "12.50 USD"). Cells do not wrap, except
// in columns with long texts (over [LongCell] characters). A row whose
// first non-empty cell starts with "Total" or "All " is set apart as a
// total row. Rows may be
// ragged: missing cells are empty. The result is the same for the same
// input.
func TableHTML(caption string, headers []string, rows [][]string, moreRows int, numeric []bool) string {
	n := width(headers, rows)
	if numeric == nil {
		numeric = numericColumns(n, rows)
	}
	long := longColumns(n, rows)
	class := func(j int) string {
		if long[j] {
			return ` class="lensbook-long"`
		}
		return ""
	}
	style := func(j int) string {
		align := "left"
		if j < len(numeric) && numeric[j] {
			align = "right"
		}
		if long[j] {
			return "text-align:" + align + ";padding:2px 8px;white-space:normal;min-width:16em;overflow-wrap:anywhere"
		}
		return "text-align:" + align + ";padding:2px 8px;white-space:nowrap"
	}
	cell := func(row []string, j int) string {
		if j < len(row) {
			return html.EscapeString(row[j])
		}
		return ""
	}
	var b strings.Builder
	if len(rows) > ManyRows {
		// Printing may split it across pages; shorter tables stay whole.
		b.WriteString(`<figure class="lensbook-table lensbook-many-rows" style="margin:0">` + "\n")
	} else {
		b.WriteString(`<figure class="lensbook-table" style="margin:0">` + "\n")
	}
	if caption != "" {
		fmt.Fprintf(&b, `<figcaption class="lensbook-caption" style="text-align:left;font-weight:bold;padding:4px 0">%s</figcaption>`+"\n", html.EscapeString(caption))
	}
	b.WriteString(`<div class="lensbook-scroll" style="overflow-x:auto">` + "\n")
	b.WriteString(`<table style="border-collapse:collapse;font-variant-numeric:tabular-nums">` + "\n")
	b.WriteString("<thead><tr>")
	for j := range n {
		fmt.Fprintf(&b, `<th%s style="%s;border-bottom:1px solid #888">%s</th>`, class(j), style(j), cell(headers, j))
	}
	b.WriteString("</tr></thead>\n<tbody>\n")
	for _, row := range rows {
		if isTotalRow(row) {
			b.WriteString(`<tr class="lensbook-total" style="font-weight:bold;border-top:2px solid #888">`)
		} else {
			b.WriteString("<tr>")
		}
		for j := range n {
			fmt.Fprintf(&b, `<td%s style="%s">%s</td>`, class(j), style(j), cell(row, j))
		}
		b.WriteString("</tr>\n")
	}
	b.WriteString("</tbody>\n")
	if moreRows > 0 {
		fmt.Fprintf(&b, `<tfoot><tr><td colspan="%d" style="text-align:left;padding:2px 8px;font-style:italic">%s</td></tr></tfoot>`+"\n",
			max(n, 1), moreText(moreRows))
	}
	b.WriteString("</table>\n</div>\n</figure>")
	return b.String()
}

// ManyRows is the number of rows above which a table is marked
// (lensbook-many-rows) as one that printing may split across pages.
const ManyRows = 15

// LongCell is the length, in characters, above which a cell's column wraps
// its texts rather than growing wide.
const LongCell = 48

// longColumns marks the columns with a cell longer than LongCell.
func longColumns(n int, rows [][]string) []bool {
	out := make([]bool, n)
	for _, r := range rows {
		for j, c := range r {
			if j < n && utf8.RuneCountInString(c) > LongCell {
				out[j] = true
			}
		}
	}
	return out
}

// isTotalRow reports whether a row is a total: its first non-empty cell
// starts with "Total" or "All " (any case), as in "Total", "All requests"
// or, after an empty rank column, "All requests with a key".
func isTotalRow(row []string) bool {
	for _, c := range row {
		c = strings.ToLower(strings.TrimSpace(c))
		if c == "" {
			continue
		}
		return strings.HasPrefix(c, "total") || strings.HasPrefix(c, "all ")
	}
	return false
}

// moreText reads "1 more row" or "1,234 more rows".
func moreText(n int) string {
	if n == 1 {
		return "1 more row"
	}
	return thousands(n) + " more rows"
}

// sizeCaption reads "3 rows × 2 columns".
func sizeCaption(rows, cols int) string {
	plural := func(n int, word string) string {
		if n == 1 {
			return "1 " + word
		}
		return thousands(n) + " " + word + "s"
	}
	return plural(rows, "row") + " × " + plural(cols, "column")
}

// thousands groups the digits of n by three ("12,345"). internal/pagerender
// keeps its own copy in moreRows on purpose: it does not import display.
func thousands(n int) string {
	s := strconv.Itoa(n)
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// width is the number of columns: the longest of headers and rows.
func width(headers []string, rows [][]string) int {
	n := len(headers)
	for _, r := range rows {
		n = max(n, len(r))
	}
	return n
}

// numericColumns marks the columns whose non-empty cells all read as
// numbers, with at least one such cell.
func numericColumns(n int, rows [][]string) []bool {
	out := make([]bool, n)
	for j := range out {
		seen := false
		out[j] = true
		for _, r := range rows {
			if j >= len(r) || strings.TrimSpace(r[j]) == "" {
				continue
			}
			seen = true
			if !looksNumeric(r[j]) {
				out[j] = false
				break
			}
		}
		out[j] = out[j] && seen
	}
	return out
}

// looksNumeric accepts numbers as reports print them: an optional sign,
// thousands separators, a decimal part, and an optional % suffix; money with
// a currency symbol or a three-letter currency code; also NaN.
func looksNumeric(s string) bool {
	s = strings.TrimSpace(s)
	if s == "NaN" {
		return true
	}
	s = stripCurrency(s)
	s = strings.TrimSuffix(s, "%")
	s = strings.ReplaceAll(s, ",", "")
	_, err := strconv.ParseFloat(s, 64)
	return err == nil && !strings.ContainsAny(s, "xXpPiInN_") // no hex, Inf or NaN spelled otherwise
}

// stripCurrency removes a leading currency symbol ("$12", "-€5") or a
// three-letter upper-case currency code before or after the amount
// ("USD 12.50", "12.50 USD").
func stripCurrency(s string) string {
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "-", s[1:]
	}
	for _, sym := range []string{"$", "€", "£", "¥"} {
		if strings.HasPrefix(s, sym) {
			return sign + strings.TrimSpace(strings.TrimPrefix(s, sym))
		}
	}
	isCode := func(c string) bool {
		return len(c) == 3 && strings.Trim(c, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") == ""
	}
	if f := strings.Fields(s); len(f) == 2 {
		switch {
		case isCode(f[1]):
			return sign + f[0]
		case isCode(f[0]):
			return sign + f[1]
		}
	}
	return sign + s
}
