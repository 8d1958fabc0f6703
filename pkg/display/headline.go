package display

import (
	"errors"
	"strings"

	"github.com/janpfeifer/gonb/gonbui/protocol"
)

// HeadlineMIME is the MIME type of the output [Headline] sends: the plain
// text of the report's headline figure. lensbook's pages show it large
// under the section it belongs to, and the gallery shows a report's first
// headline on its card.
const HeadlineMIME = "application/vnd.lensbook.headline.v1"

// Headline shows one headline figure of the report, a short sentence that
// states a number, such as "12.3% of requests failed". The first headline
// of a report is the one its gallery card shows. Jupyter shows it as bold
// Markdown. It fails on an empty text or one with a line break.
//
// Its figures ([DataMIME]) are its text as title and no columns or rows;
// [HeadlineFrame] gives a headline figures.
func Headline(text string) error {
	return headline(text, Data{Title: strings.TrimSpace(text)})
}

// headline sends a headline with the figures d.
func headline(text string, d Data) error {
	text = strings.TrimSpace(text)
	if text == "" {
		return errors.New("display: Headline: empty text")
	}
	if strings.ContainsAny(text, "\r\n") {
		return errors.New("display: Headline: the text has a line break; a headline is one line")
	}
	return send("headline", map[protocol.MIMEType]any{
		HeadlineMIME:              text,
		protocol.MIMETextMarkdown: "**" + escapeMarkdown(text) + "**",
		protocol.MIMETextPlain:    text,
		DataMIME:                  d.text(),
	})
}

// escapeMarkdown backslash-escapes Markdown's punctuation and the HTML
// brackets.
func escapeMarkdown(s string) string {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune("\\`*_{}[]()#+-.!|<>&~", r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}
