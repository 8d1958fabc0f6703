package pagerender

import (
	"html"
	"strconv"
	"strings"
)

// ansiColourNames are the class suffixes of the eight basic ANSI colours.
var ansiColourNames = [8]string{"black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"}

// ansiState is the SGR state in effect for a run of text.
type ansiState struct {
	bold bool
	fg   string
	bg   string
}

func (s ansiState) classes() string {
	var c []string
	if s.bold {
		c = append(c, "ansi-bold")
	}
	if s.fg != "" {
		c = append(c, "ansi-fg-"+s.fg)
	}
	if s.bg != "" {
		c = append(c, "ansi-bg-"+s.bg)
	}
	return strings.Join(c, " ")
}

// ansiToHTML escapes text and turns ANSI SGR colour codes into <span>s with
// ansi-* classes. Other escape sequences are dropped.
func ansiToHTML(text string) string {
	var out strings.Builder
	var state ansiState
	open := false
	emit := func(s string) {
		if s == "" {
			return
		}
		if cls := state.classes(); cls != "" && !open {
			out.WriteString(`<span class="` + cls + `">`)
			open = true
		}
		out.WriteString(html.EscapeString(s))
	}
	for {
		i := strings.IndexByte(text, '\x1b')
		if i < 0 {
			emit(text)
			break
		}
		emit(text[:i])
		text = text[i+1:]
		if !strings.HasPrefix(text, "[") {
			continue // a lone ESC: drop it
		}
		end := strings.IndexFunc(text[1:], func(r rune) bool { return r >= 0x40 && r <= 0x7e })
		if end < 0 {
			break // unterminated sequence: drop the rest of it
		}
		params, final := text[1:1+end], text[1+end]
		text = text[2+end:]
		if final != 'm' {
			continue
		}
		if open {
			out.WriteString("</span>")
			open = false
		}
		state = applySGR(state, params)
	}
	if open {
		out.WriteString("</span>")
	}
	return out.String()
}

// applySGR applies one "ESC [ params m" sequence.
func applySGR(s ansiState, params string) ansiState {
	if params == "" {
		return ansiState{}
	}
	for _, p := range strings.Split(params, ";") {
		n, err := strconv.Atoi(p)
		if err != nil {
			continue
		}
		if n == 38 || n == 48 {
			return s // 256-colour and RGB forms: keep the current colours
		}
		// The foreground and background cases are alike on purpose: SGR gives
		// each its own codes (30-39, 90-97 against 40-49, 100-107).
		switch {
		case n == 0:
			s = ansiState{}
		case n == 1:
			s.bold = true
		case n == 22:
			s.bold = false
		case n >= 30 && n <= 37:
			s.fg = ansiColourNames[n-30]
		case n >= 90 && n <= 97:
			s.fg = "bright-" + ansiColourNames[n-90]
		case n == 39:
			s.fg = ""
		case n >= 40 && n <= 47:
			s.bg = ansiColourNames[n-40]
		case n >= 100 && n <= 107:
			s.bg = "bright-" + ansiColourNames[n-100]
		case n == 49:
			s.bg = ""
		}
	}
	return s
}
