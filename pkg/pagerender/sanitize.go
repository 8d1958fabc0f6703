package pagerender

import (
	"html"
	"regexp"
	"slices"
	"strings"
)

// htmlTags are the HTML elements a text/html output may keep.
var htmlTags = setOf("table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "colgroup", "col",
	"div", "span", "p", "b", "i", "u", "s", "em", "strong", "small", "sub", "sup", "mark",
	"code", "pre", "kbd", "samp", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6",
	"ul", "ol", "li", "dl", "dt", "dd", "blockquote", "figure", "figcaption", "img")

// svgTags are the SVG drawing elements a text/html output may keep, by
// lower-case name, with their canonical spelling.
var svgTags = map[string]string{
	"svg": "svg", "g": "g", "path": "path", "rect": "rect", "circle": "circle", "ellipse": "ellipse",
	"line": "line", "polyline": "polyline", "polygon": "polygon", "text": "text", "tspan": "tspan",
	"defs": "defs", "lineargradient": "linearGradient", "radialgradient": "radialGradient", "stop": "stop",
}

// voidTags never have content or an end tag.
var voidTags = setOf("br", "hr", "img", "col")

// droppedWithContent are elements removed together with everything inside
// them: scripts, styles, embedded documents, forms.
var droppedWithContent = setOf("script", "style", "iframe", "frame", "frameset", "object", "embed", "applet",
	"noscript", "noembed", "noframes", "template", "textarea", "title", "xmp", "plaintext",
	"foreignobject", "math", "select", "option", "button", "head", "animate", "animatetransform",
	"animatemotion", "set", "use", "image")

// commonAttrs may appear on any kept element.
var commonAttrs = setOf("class", "style", "title", "lang", "dir", "align", "valign",
	"colspan", "rowspan", "width", "height", "alt", "scope", "abbr")

// svgAttrs may appear on SVG elements, by lower-case name, with their
// canonical spelling.
var svgAttrs = map[string]string{}

func init() {
	for _, a := range []string{"viewBox", "version", "x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "rx", "ry",
		"d", "points", "fill", "stroke", "stroke-width", "stroke-linecap", "stroke-linejoin",
		"stroke-dasharray", "stroke-dashoffset", "stroke-opacity", "stroke-miterlimit", "fill-opacity",
		"fill-rule", "opacity", "transform", "font-family", "font-size", "font-weight", "font-style",
		"text-anchor", "dominant-baseline", "alignment-baseline", "dx", "dy", "rotate",
		"preserveAspectRatio", "offset", "stop-color", "stop-opacity", "gradientUnits",
		"gradientTransform", "textLength", "lengthAdjust", "vector-effect", "shape-rendering"} {
		svgAttrs[strings.ToLower(a)] = a
	}
}

// unsafeCSS matches style values that could fetch, run or escape: url(),
// expression(), @import, escapes and markup, and positioning, which could
// lay an output over the rest of the page.
var unsafeCSS = regexp.MustCompile(`(?i)url\s*\(|expression|@import|javascript|behavior|binding|\\|<|>|image-set|image\s*\(|position|z-index`)

// safeImageSrc matches the only img sources kept: base64 data URIs of images.
var safeImageSrc = regexp.MustCompile(`^data:image/(png|jpeg|gif|webp|svg\+xml);base64,[A-Za-z0-9+/=\s]*$`)

// pageClassPrefixes start the class names of the page's own chrome; an
// output may not borrow them to pass itself off as part of the page (a fake
// failure banner, a fake header).
var pageClassPrefixes = []string{"page-", "banner", "status-", "toc", "toolbar", "cell", "code-fold", "output", "facts", "params", "chroma", "md-", "ansi-", "muted"}

// outputClasses keeps the class names of an output that are plain
// identifiers and not the page's own.
func outputClasses(value string) string {
	var kept []string
	for _, c := range strings.Fields(value) {
		if !plainClass.MatchString(c) || slices.ContainsFunc(pageClassPrefixes, func(p string) bool { return strings.HasPrefix(strings.ToLower(c), p) }) {
			continue
		}
		kept = append(kept, c)
	}
	return strings.Join(kept, " ")
}

// plainClass matches a class name made of letters, digits, '-' and '_'.
var plainClass = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_-]*$`)

func setOf(names ...string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
}

// sanitizeHTML rebuilds an untrusted HTML fragment from the allow-list: kept
// tags and attributes are written anew with escaped values, text is
// unescaped and escaped again, everything else is dropped, and every element
// the fragment opens is closed, so the result cannot run script, fetch
// anything or break out of the element it is placed in.
func sanitizeHTML(src string) string {
	s := &sanitizer{src: src}
	s.run()
	return s.out.String()
}

// sanitizer is the state of one sanitizeHTML call.
type sanitizer struct {
	src   string
	pos   int
	out   strings.Builder
	stack []string // open kept elements, canonical names
	inSVG int      // depth of open svg elements
}

func (s *sanitizer) run() {
	for s.pos < len(s.src) {
		lt := strings.IndexByte(s.src[s.pos:], '<')
		if lt < 0 {
			s.text(s.src[s.pos:])
			break
		}
		s.text(s.src[s.pos : s.pos+lt])
		s.pos += lt
		s.markup()
	}
	for len(s.stack) > 0 {
		s.closeTop()
	}
}

// text writes character data, normalising its escaping.
func (s *sanitizer) text(t string) {
	if t != "" {
		s.out.WriteString(html.EscapeString(html.UnescapeString(t)))
	}
}

// markup handles the construct that starts at s.pos with '<'.
func (s *sanitizer) markup() {
	rest := s.src[s.pos:]
	switch {
	case strings.HasPrefix(rest, "<!--"):
		s.skipPast("-->", 4)
	case strings.HasPrefix(rest, "<!"), strings.HasPrefix(rest, "<?"):
		s.skipPast(">", 2)
	case strings.HasPrefix(rest, "</"):
		name, ok := tagName(rest[2:])
		if !ok {
			s.text("</")
			s.pos += 2
			return
		}
		s.skipPast(">", 2+len(name))
		s.endTag(strings.ToLower(name))
	default:
		name, ok := tagName(rest[1:])
		if !ok {
			s.text("<")
			s.pos++
			return
		}
		s.pos += 1 + len(name)
		attrs, selfClosing, complete := s.attributes()
		if !complete {
			return // a start tag cut off by the end of the input is dropped, as browsers do
		}
		s.startTag(strings.ToLower(name), attrs, selfClosing)
	}
}

// skipPast moves s.pos past the first end found at or after s.pos+from, or to
// the end of the input.
func (s *sanitizer) skipPast(end string, from int) {
	from = min(s.pos+from, len(s.src))
	i := strings.Index(s.src[from:], end)
	if i < 0 {
		s.pos = len(s.src)
		return
	}
	s.pos = from + i + len(end)
}

// tagName reads a tag name at the start of t.
func tagName(t string) (string, bool) {
	if t == "" || !isASCIILetter(t[0]) {
		return "", false
	}
	i := 1
	for i < len(t) && (isASCIILetter(t[i]) || t[i] >= '0' && t[i] <= '9' || t[i] == '-' || t[i] == ':' || t[i] == '_') {
		i++
	}
	return t[:i], true
}

// asciiLower lowers ASCII letters only, so that byte offsets stay valid.
func asciiLower(t string) string {
	b := []byte(t)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

func isASCIILetter(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

func isHTMLSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'
}

// attribute is one parsed attribute, name in lower case, value unescaped.
type attribute struct {
	name, value string
}

// attributes reads the attributes of a start tag up to and past its '>';
// complete is false when the input ends first.
func (s *sanitizer) attributes() (attrs []attribute, selfClosing, complete bool) {
	src := s.src
	for s.pos < len(src) {
		c := src[s.pos]
		switch {
		case isHTMLSpace(c):
			s.pos++
			continue
		case c == '>':
			s.pos++
			return attrs, selfClosing, true
		case c == '/':
			s.pos++
			selfClosing = s.pos < len(src) && src[s.pos] == '>'
			continue
		}
		selfClosing = false
		start := s.pos
		for s.pos < len(src) && !isHTMLSpace(src[s.pos]) && src[s.pos] != '>' && src[s.pos] != '/' && src[s.pos] != '=' {
			s.pos++
		}
		if s.pos == start { // a stray '=': skip it
			s.pos++
			continue
		}
		name := strings.ToLower(src[start:s.pos])
		for s.pos < len(src) && isHTMLSpace(src[s.pos]) {
			s.pos++
		}
		value := ""
		if s.pos < len(src) && src[s.pos] == '=' {
			s.pos++
			for s.pos < len(src) && isHTMLSpace(src[s.pos]) {
				s.pos++
			}
			value = s.attributeValue()
		}
		attrs = append(attrs, attribute{name: name, value: html.UnescapeString(value)})
	}
	return attrs, false, false
}

// attributeValue reads a quoted or unquoted attribute value at s.pos.
func (s *sanitizer) attributeValue() string {
	src := s.src
	if s.pos >= len(src) {
		return ""
	}
	if q := src[s.pos]; q == '"' || q == '\'' {
		end := strings.IndexByte(src[s.pos+1:], q)
		if end < 0 {
			v := src[s.pos+1:]
			s.pos = len(src)
			return v
		}
		v := src[s.pos+1 : s.pos+1+end]
		s.pos += end + 2
		return v
	}
	start := s.pos
	for s.pos < len(src) && !isHTMLSpace(src[s.pos]) && src[s.pos] != '>' {
		s.pos++
	}
	return src[start:s.pos]
}

// startTag writes a kept start tag or drops it (with its content, for
// droppedWithContent elements).
func (s *sanitizer) startTag(name string, attrs []attribute, selfClosing bool) {
	if droppedWithContent[name] {
		if !selfClosing && name != "plaintext" {
			s.skipElementContent(name)
		} else if name == "plaintext" {
			s.pos = len(s.src)
		}
		return
	}
	canonical, isSVG := svgTags[name]
	switch {
	case isSVG && (name == "svg" || s.inSVG > 0):
	case !isSVG && htmlTags[name] && s.inSVG == 0:
		canonical = name
	default:
		return // not allowed here: drop the tag, keep its text
	}
	if name == "img" && !hasSafeImageSrc(attrs) {
		return
	}
	s.out.WriteString("<" + canonical)
	for _, a := range attrs {
		if a.name == "class" {
			a.value = outputClasses(a.value)
		}
		attrName, ok := allowedAttribute(name, isSVG, a)
		if !ok {
			continue
		}
		s.out.WriteString(" " + attrName + `="` + html.EscapeString(a.value) + `"`)
	}
	switch {
	case voidTags[name]:
		s.out.WriteString(">")
	case selfClosing:
		s.out.WriteString("></" + canonical + ">")
	default:
		s.out.WriteString(">")
		s.stack = append(s.stack, canonical)
		if name == "svg" {
			s.inSVG++
		}
	}
}

// allowedAttribute decides whether attribute a of element tag is kept, and
// under which spelling.
func allowedAttribute(tag string, isSVG bool, a attribute) (string, bool) {
	switch {
	case a.name == "class":
		return "class", a.value != ""
	case a.name == "style":
		return "style", !unsafeCSS.MatchString(a.value)
	case a.name == "src":
		return "src", tag == "img" && safeImageSrc.MatchString(strings.TrimSpace(a.value))
	case commonAttrs[a.name]:
		return a.name, true
	case isSVG:
		canonical, ok := svgAttrs[a.name]
		if ok && strings.Contains(strings.ToLower(a.value), "url(") {
			return "", false
		}
		return canonical, ok
	}
	return "", false
}

func hasSafeImageSrc(attrs []attribute) bool {
	for _, a := range attrs {
		if a.name == "src" {
			return safeImageSrc.MatchString(strings.TrimSpace(a.value))
		}
	}
	return false
}

// endTag closes the innermost open element called name, and every element
// opened inside it; an end tag with no open element is dropped.
func (s *sanitizer) endTag(name string) {
	canonical := name
	if c, ok := svgTags[name]; ok {
		canonical = c
	}
	for i := len(s.stack) - 1; i >= 0; i-- {
		if s.stack[i] == canonical {
			for len(s.stack) > i {
				s.closeTop()
			}
			return
		}
	}
}

func (s *sanitizer) closeTop() {
	top := s.stack[len(s.stack)-1]
	s.stack = s.stack[:len(s.stack)-1]
	if top == "svg" {
		s.inSVG--
	}
	s.out.WriteString("</" + top + ">")
}

// skipElementContent moves s.pos past the end tag of a dropped element,
// matched without regard to case, or to the end of the input.
func (s *sanitizer) skipElementContent(name string) {
	lower := asciiLower(s.src[s.pos:])
	closing := "</" + name
	for from := 0; ; {
		i := strings.Index(lower[from:], closing)
		if i < 0 {
			s.pos = len(s.src)
			return
		}
		after := from + i + len(closing)
		if after >= len(lower) || isHTMLSpace(lower[after]) || lower[after] == '>' || lower[after] == '/' {
			end := strings.IndexByte(lower[after:], '>')
			if end < 0 {
				s.pos = len(s.src)
				return
			}
			s.pos += after + end + 1
			return
		}
		from = after
	}
}
