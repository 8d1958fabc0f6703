package pagerender

import "testing"

func TestANSIToHTML(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"plain text escaped", `a <b> & "c"`, `a &lt;b&gt; &amp; &#34;c&#34;`},
		{"colour span", "\x1b[31mred\x1b[0m plain", `<span class="ansi-fg-red">red</span> plain`},
		{"bold and colour", "\x1b[1;32mok\x1b[0m", `<span class="ansi-bold ansi-fg-green">ok</span>`},
		{"bright and background", "\x1b[91;44mx\x1b[m", `<span class="ansi-fg-bright-red ansi-bg-blue">x</span>`},
		{"colour change closes span", "\x1b[31ma\x1b[34mb", `<span class="ansi-fg-red">a</span><span class="ansi-fg-blue">b</span>`},
		{"unterminated span closed", "\x1b[33mwarn", `<span class="ansi-fg-yellow">warn</span>`},
		{"cursor sequences dropped", "a\x1b[2Kb\x1b[1Ac", `abc`},
		{"256 colours ignored", "\x1b[38;5;196mx\x1b[0m", `x`},
		{"lone escape dropped", "a\x1bb", `ab`},
		{"escaped text inside span", "\x1b[31m<script>\x1b[0m", `<span class="ansi-fg-red">&lt;script&gt;</span>`},
		{"cut off sequence", "a\x1b[31", `a`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ansiToHTML(tt.in); got != tt.want {
				t.Errorf("ansiToHTML(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestStripANSI(t *testing.T) {
	if got := stripANSI("\x1b[0;31mpanic\x1b[0m: x"); got != "panic: x" {
		t.Errorf("stripANSI = %q", got)
	}
}
