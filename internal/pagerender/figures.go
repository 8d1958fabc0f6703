package pagerender

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// dataMIME is the data channel of pkg/display (display.DataMIME): the
// figures of a chart, table or headline as JSON, {"title": ..., "columns":
// [...], "rows": [[...], ...], "text": [[...], ...]} with raw values in
// rows and, optionally, the same values as the chart writes them in text
// ("23.5%" for a share of 0.2345). A page never shows it as
// such: under a chart it becomes a folded table of figures (so that no
// figure is chart-only), and a table or headline shows only its own
// rendering.
const dataMIME = "application/vnd.lensbook.data.v1+json"

// figuresView is the folded table of a chart's figures.
type figuresView struct {
	Title   string
	Columns []figuresColumn
	Rows    [][]figureCell
	// More says how many rows the data channel left out (its "omitted"
	// count), as "1,234 more rows"; empty when none were.
	More string
}

// figureCell is one cell of a figures table.
type figureCell struct {
	Text    string
	Numeric bool
}

// figuresColumn is one column of a figures table; Numeric columns are
// right-aligned.
type figuresColumn struct {
	Name    string
	Numeric bool
}

// dataDoc is the document of a dataMIME output.
type dataDoc struct {
	Title   string            `json:"title"`
	Columns []string          `json:"columns"`
	Rows    []json.RawMessage `json:"rows"`
	Text    [][]string        `json:"text"`
	Omitted int               `json:"omitted"`
}

// figures reads a dataMIME document into the table shown under a chart:
// each value as its "text" writes it when the document has one text row per
// row (as the chart shows it: "23.5%", "12.34 EUR"), else numbers as
// written in the JSON (integers whole, other numbers with at most four
// decimals), strings as they are, null as an empty cell. A column is
// numeric (right-aligned) when its raw values are all numbers. It
// returns nil for a document without columns or rows (a headline's), and an
// error naming what is wrong for a document that is not the data channel's.
// Rows shorter than the columns are padded with empty cells; longer rows
// are an error.
func figures(doc string) (*figuresView, error) {
	var d dataDoc
	if err := json.Unmarshal([]byte(doc), &d); err != nil {
		return nil, fmt.Errorf("figures of this chart are not readable: %w", err)
	}
	if len(d.Columns) == 0 || len(d.Rows) == 0 {
		return nil, nil
	}
	v := &figuresView{Title: oneLineText(d.Title), Columns: make([]figuresColumn, len(d.Columns)), More: moreRows(d.Omitted)}
	text := d.Text
	if len(text) != len(d.Rows) {
		text = nil
	}
	numbers := make([]int, len(d.Columns))
	values := make([]int, len(d.Columns))
	for i, raw := range d.Rows {
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.UseNumber()
		var cells []any
		if err := dec.Decode(&cells); err != nil {
			return nil, fmt.Errorf("figures of this chart are not readable: row %d is not a list of values: %w", i+1, err)
		}
		if len(cells) > len(d.Columns) {
			return nil, fmt.Errorf("figures of this chart are not readable: row %d has %d values for %d columns", i+1, len(cells), len(d.Columns))
		}
		if text != nil && len(text[i]) > len(d.Columns) {
			return nil, fmt.Errorf("figures of this chart are not readable: text row %d has %d values for %d columns", i+1, len(text[i]), len(d.Columns))
		}
		row := make([]figureCell, len(d.Columns))
		for j, c := range cells {
			if c == nil {
				continue
			}
			values[j]++
			if _, ok := c.(json.Number); ok {
				numbers[j]++
			}
			row[j].Text = figureText(c)
		}
		if text != nil {
			for j := range row {
				row[j].Text = ""
				if j < len(text[i]) {
					row[j].Text = text[i][j]
				}
			}
		}
		v.Rows = append(v.Rows, row)
	}
	for j, name := range d.Columns {
		v.Columns[j] = figuresColumn{Name: oneLineText(name), Numeric: values[j] > 0 && numbers[j] == values[j]}
		for _, row := range v.Rows {
			row[j].Numeric = v.Columns[j].Numeric
		}
	}
	return v, nil
}

// figureText writes one raw value of the data channel as text.
func figureText(c any) string {
	switch x := c.(type) {
	case json.Number:
		if i, err := x.Int64(); err == nil {
			return strconv.FormatInt(i, 10)
		}
		f, err := x.Float64()
		if err != nil {
			return x.String()
		}
		s := strconv.FormatFloat(f, 'f', 4, 64)
		s = strings.TrimRight(s, "0")
		s = strings.TrimSuffix(s, ".")
		if s == "-0" {
			s = "0"
		}
		return s
	case string:
		return x
	case bool:
		return strconv.FormatBool(x)
	default:
		b, _ := json.Marshal(x)
		return string(b)
	}
}

// moreRows reads "1 more row" or "1,234 more rows", and "" for n <= 0.
// moreRows groups digits as pkg/display's thousands does; it is kept apart
// on purpose: the page renderer reads outputs and does not import the
// package that draws them (and, through it, gonum/plot).
func moreRows(n int) string {
	if n <= 0 {
		return ""
	}
	if n == 1 {
		return "1 more row"
	}
	s := strconv.Itoa(n)
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return b.String() + " more rows"
}
