package pagerender

import (
	"regexp"
	"strings"
	"testing"
)

func TestSanitizeHTML(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"table kept", `<table class="t"><tr><th>a</th><td style="text-align:right">1</td></tr></table>`,
			`<table class="t"><tr><th>a</th><td style="text-align:right">1</td></tr></table>`},
		{"script dropped with content", `a<script>alert(1)</script>b`, `ab`},
		{"script end tag in other case", `a<SCRIPT type="x">alert(1)</ScRiPt >b`, `ab`},
		{"unterminated script drops the rest", `a<script>alert(1)`, `a`},
		{"style dropped with content", `<style>body{display:none}</style>x`, `x`},
		{"event handler dropped", `<div onclick="alert(1)" class="c">x</div>`, `<div class="c">x</div>`},
		{"handler without quotes", `<p onmouseover=alert(1)>x</p>`, `<p>x</p>`},
		{"id and name dropped", `<div id="__pwned" name="x">x</div>`, `<div>x</div>`},
		{"link becomes text", `<a href="javascript:alert(1)">go</a>`, `go`},
		{"img with remote src dropped", `<img src="http://example.com/x.png" alt="x">`, ``},
		{"img with onerror dropped", `<img src=x onerror=alert(1)>`, ``},
		{"img with data src kept", `<img src="data:image/png;base64,iVBORw0KGgo=" alt="chart" onerror="x">`,
			`<img src="data:image/png;base64,iVBORw0KGgo=" alt="chart">`},
		{"img with data text/html dropped", `<img src="data:text/html;base64,PHNjcmlwdD4=">`, ``},
		{"iframe dropped with content", `<iframe srcdoc="<script>x</script>">inner</iframe>after`, `after`},
		{"style with url dropped", `<p style="background:url(http://x/y.png)">t</p>`, `<p>t</p>`},
		{"style with expression dropped", `<p style="width:expression(alert(1))">t</p>`, `<p>t</p>`},
		{"style with escape dropped", `<p style="background:u\72l(x)">t</p>`, `<p>t</p>`},
		{"positioning dropped", `<div style="position:fixed;top:0">x</div>`, `<div>x</div>`},
		{"page classes dropped", `<div class="banner banner-failed lensbook-table x&y">x</div>`, `<div class="lensbook-table">x</div>`},
		{"empty class dropped", `<div class="output-html">x</div>`, `<div>x</div>`},
		{"comment dropped", `a<!-- <script>x</script> -->b`, `ab`},
		{"doctype and processing instructions dropped", `<!DOCTYPE html><?xml version="1.0"?>x`, `x`},
		{"text escaped again", `1 &lt; 2 &amp;&amp; "q" > 0`, `1 &lt; 2 &amp;&amp; &#34;q&#34; &gt; 0`},
		{"entity in attribute normalised", `<td title="a&quot;b">x</td>`, `<td title="a&#34;b">x</td>`},
		{"stray less-than is text", `a < b <3`, `a &lt; b &lt;3`},
		{"unclosed elements closed", `<div><b>x`, `<div><b>x</b></div>`},
		{"cannot close the page's elements", `</div></main><p>x</p></section>`, `<p>x</p>`},
		{"end tag closes inner elements", `<div><span>x</div>y`, `<div><span>x</span></div>y`},
		{"unknown tag dropped, text kept", `<blink>x</blink><form action="/">y</form>`, `xy`},
		{"svg kept with drawing attributes", `<svg viewBox="0 0 10 10" width="10" xmlns="http://www.w3.org/2000/svg"><g transform="scale(2)"><path d="M0 0L1 1" stroke="red"/></g></svg>`,
			`<svg viewBox="0 0 10 10" width="10"><g transform="scale(2)"><path d="M0 0L1 1" stroke="red"></path></g></svg>`},
		{"svg script and onload dropped", `<svg onload="alert(1)"><script>alert(2)</script><rect width="1"/></svg>`, `<svg><rect width="1"></rect></svg>`},
		{"svg foreignObject dropped", `<svg><foreignObject><img src=x onerror=alert(1)></foreignObject><circle r="1"/></svg>`, `<svg><circle r="1"></circle></svg>`},
		{"svg use and href dropped", `<svg><use href="#a" xlink:href="http://x"/><image href="http://x/y.png"/></svg>`, `<svg></svg>`},
		{"svg url reference dropped", `<svg><rect fill="url(#g)" clip-path="url(http://x)" width="2"/></svg>`, `<svg><rect width="2"></rect></svg>`},
		{"svg animate dropped", `<svg><set attributeName="onmouseover" to="alert(1)"/><animate attributeName="href" values="javascript:alert(1)"/></svg>`, `<svg></svg>`},
		{"svg element outside svg dropped", `<rect width="1">x</rect>`, `x`},
		{"html inside svg dropped", `<svg><div>x</div></svg>`, `<svg>x</svg>`},
		{"attribute value with gt", `<td title="a>b">x</td>`, `<td title="a&gt;b">x</td>`},
		{"unterminated attribute", `<td title="x`, ``},
		{"self closing html element", `<div/>x`, `<div></div>x`},
		{"non-ascii text kept", `<td>İstanbul – 東京</td>`, `<td>İstanbul – 東京</td>`},
		{"plaintext drops the rest", `a<plaintext><b>x</b>`, `a`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := sanitizeHTML(tt.in); got != tt.want {
				t.Errorf("sanitizeHTML(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
		})
	}
}

// TestSanitizeHTMLOutputIsStable checks that sanitizing twice changes
// nothing: the output is already in the form the sanitizer writes.
func TestSanitizeHTMLOutputIsStable(t *testing.T) {
	inputs := []string{
		`<table onclick="x"><tr><td>a &amp; b</td></tr></table><script>x</script>`,
		`<svg viewBox="0 0 1 1"><text x="0" y="1" font-size="2">&lt;label&gt;</text></svg>`,
		`<div><p>unclosed <b>bold`,
	}
	for _, in := range inputs {
		once := sanitizeHTML(in)
		if twice := sanitizeHTML(once); twice != once {
			t.Errorf("sanitizing %q twice:\nonce  %q\ntwice %q", in, once, twice)
		}
	}
}

// handlerAttr finds an on* attribute inside a tag of sanitized output (where
// '<' only ever starts a tag).
var handlerAttr = regexp.MustCompile(`(?i)<[^>]*\son[a-z]*=`)

func FuzzSanitizeHTML(f *testing.F) {
	for _, seed := range []string{`<b onclick=x>y</b>`, `<svg><script>x</script></svg>`, `<td title='a"b'>`, `<<>>`, `</`, `<a`, `<!--`} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, in string) {
		out := sanitizeHTML(in)
		lower := strings.ToLower(out)
		for _, bad := range []string{"<script", "<iframe", "<style", "<a ", "<a>", "href="} {
			if strings.Contains(lower, bad) {
				t.Fatalf("sanitizeHTML(%q) = %q contains %q", in, out, bad)
			}
		}
		if m := handlerAttr.FindString(out); m != "" {
			t.Fatalf("sanitizeHTML(%q) = %q keeps an event handler: %q", in, out, m)
		}
		if again := sanitizeHTML(out); again != out {
			t.Fatalf("not stable: %q -> %q -> %q", in, out, again)
		}
	})
}
