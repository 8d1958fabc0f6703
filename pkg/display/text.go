package display

import (
	"strings"
	"unicode/utf8"
)

// TableText returns a plain-text table: the caption, then columns padded to
// their widest cell, then "N more rows" when moreRows > 0. Line breaks and
// tabs inside cells become spaces. Notebook front ends that cannot show HTML,
// and text exports, use it.
func TableText(caption string, headers []string, rows [][]string, moreRows int) string {
	n := width(headers, rows)
	clean := func(row []string) []string {
		out := make([]string, n)
		for j := range out {
			if j < len(row) {
				out[j] = strings.Map(func(r rune) rune {
					if r == '\n' || r == '\r' || r == '\t' {
						return ' '
					}
					return r
				}, row[j])
			}
		}
		return out
	}
	all := append([][]string{clean(headers)}, make([][]string, len(rows))...)
	for i, r := range rows {
		all[i+1] = clean(r)
	}
	widths := make([]int, n)
	for _, r := range all {
		for j, c := range r {
			widths[j] = max(widths[j], utf8.RuneCountInString(c))
		}
	}
	var b strings.Builder
	if caption != "" {
		b.WriteString(caption + "\n")
	}
	for _, r := range all {
		var line strings.Builder
		for j, c := range r {
			if j > 0 {
				line.WriteString("  ")
			}
			line.WriteString(c + strings.Repeat(" ", widths[j]-utf8.RuneCountInString(c)))
		}
		b.WriteString(strings.TrimRight(line.String(), " ") + "\n")
	}
	if moreRows > 0 {
		b.WriteString(moreText(moreRows) + "\n")
	}
	return b.String()
}
