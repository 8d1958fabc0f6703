package pagerender

import (
	"net/url"
	"regexp"
	"strings"

	"github.com/microcosm-cc/bluemonday"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// outputPolicy is the allow-list of a text/html output, kept by
// github.com/microcosm-cc/bluemonday. It keeps what report outputs need and
// nothing that can run script, fetch anything or pass for the page itself:
//   - tables, figures and text markup, with the classes the page's CSS
//     styles in outputs (lensbook-table, lensbook-caption, ...) and the
//     styles of pkg/display's tables;
//   - inline SVG drawings (gonum/plot's SVG and the like): shapes, text and
//     gradients with their geometry and paint attributes, never url()
//     references, <use>, <image>, <foreignObject> or animation;
//   - images and <picture> sources only as base64 data: URIs of raster or
//     SVG images (an SVG in an <img> runs no script and loads nothing);
//   - no links, forms, ids or names (no DOM clobbering), no style sheets,
//     no comments.
//
// Style attributes are checked whole against styleValue (listed properties,
// plain values, rgb() and hsl() colours only) rather than with bluemonday's
// CSS parser, which would rewrite "text-align:right" as "text-align: right"
// and so change every table of the demo pages.
var outputPolicy = newOutputPolicy()

// outputClasses are the class names of the page's CSS that outputs may use.
const outputClasses = `lensbook-table|lensbook-many-rows|lensbook-caption|lensbook-scroll|lensbook-total|lensbook-long|num`

var (
	// classValue matches a class attribute naming only outputClasses; one
	// that names anything else (the page's own chrome such as "banner" or
	// "output", or an unknown name) is dropped whole.
	classValue = regexp.MustCompile(`^\s*(?:(?:` + outputClasses + `)(?:\s+|$))+$`)

	// styleValue matches a style attribute of allowed properties with plain
	// values: no '(' except in rgb()/hsl() colours (so no url(),
	// expression() or image-set()), no '\' escapes, no ':' or '/' inside
	// values (no schemes, no comments), and no positioning properties,
	// which could lay an output over the rest of the page.
	styleValue = regexp.MustCompile(`(?i)^\s*(?:` + styleDecl + `\s*(?:;\s*|$))*$`)

	// safeImageSrc matches the only image sources kept: base64 data: URIs
	// of images.
	safeImageSrc = regexp.MustCompile(`^data:image/(?:png|jpeg|gif|webp|svg\+xml);base64,[A-Za-z0-9+/=\s]*$`)

	// attrText matches the text of a title, abbr or alt attribute: any
	// text without control characters (it is text to the browser, never a
	// URL, and the serializer escapes it).
	attrText = regexp.MustCompile(`^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*$`)

	// plainMedia matches the media query of a <picture> source.
	plainMedia = regexp.MustCompile(`^[a-z0-9 ():.,-]*$`)

	// svgPaint matches a paint value without url(): a colour name, a hex
	// colour, rgb()/rgba(), none or currentColor.
	svgPaint = regexp.MustCompile(`(?i)^(?:[-\w .,#%]|(?:rgba?|hsla?)\([\d., %]*\))*$`)

	// svgPlain matches the value of an SVG attribute that never refers to a
	// resource: numbers, path data, transforms, keywords, font names.
	svgPlain = regexp.MustCompile(`^[-\w .,()%+#'"]*$`)
)

// styleDecl is one allowed CSS declaration.
const styleDecl = `(?:` + styleProperties + `)\s*:\s*(?:[-\w .,#%'"!]|(?:rgba?|hsla?)\([\d., %]*\))+`

// styleProperties are the CSS properties a style attribute may set: those
// of pkg/display's tables, of gonum/plot's SVG and of plain text markup.
const styleProperties = `text-align|vertical-align|padding(?:-(?:top|right|bottom|left))?|margin(?:-(?:top|right|bottom|left))?|` +
	`white-space|min-width|max-width|width|height|overflow-wrap|word-break|overflow-x|` +
	`border(?:-(?:top|right|bottom|left))?(?:-(?:width|style|color))?|border-collapse|border-spacing|caption-side|` +
	`font|font-family|font-size|font-style|font-variant|font-variant-numeric|font-weight|line-height|letter-spacing|` +
	`text-decoration|text-transform|color|background-color|opacity|` +
	`fill|fill-opacity|fill-rule|stroke|stroke-width|stroke-opacity|stroke-linecap|stroke-linejoin|stroke-dasharray|stroke-dashoffset|stroke-miterlimit|` +
	`text-anchor|dominant-baseline|alignment-baseline|stop-color|stop-opacity`

// htmlElements are the HTML elements an output may keep.
var htmlElements = []string{"table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "colgroup", "col",
	"div", "span", "p", "b", "i", "u", "s", "em", "strong", "small", "sub", "sup", "mark",
	"code", "pre", "kbd", "samp", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6",
	"ul", "ol", "li", "dl", "dt", "dd", "blockquote", "figure", "figcaption", "picture"}

// svgElements are the SVG drawing elements an output may keep, lower case
// as bluemonday's tokenizer reads them.
var svgElements = []string{"svg", "g", "path", "rect", "circle", "ellipse", "line", "polyline", "polygon",
	"text", "tspan", "defs", "lineargradient", "radialgradient", "stop"}

// svgPaintAttrs may hold a url() reference, so they take svgPaint values.
var svgPaintAttrs = []string{"fill", "stroke", "stop-color", "color"}

// svgPlainAttrs never refer to a resource.
var svgPlainAttrs = []string{"viewbox", "version", "x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "rx", "ry",
	"d", "points", "stroke-width", "stroke-linecap", "stroke-linejoin",
	"stroke-dasharray", "stroke-dashoffset", "stroke-opacity", "stroke-miterlimit", "fill-opacity",
	"fill-rule", "opacity", "transform", "font-family", "font-size", "font-weight", "font-style",
	"text-anchor", "dominant-baseline", "alignment-baseline", "dx", "dy", "rotate",
	"preserveaspectratio", "offset", "stop-opacity", "gradientunits",
	"gradienttransform", "textlength", "lengthadjust", "vector-effect", "shape-rendering"}

// droppedWithContent are elements removed together with everything inside
// them, in addition to bluemonday's own list (script, style, iframe,
// object, noscript, title, frames).
var droppedWithContent = []string{"template", "textarea", "xmp", "plaintext", "foreignobject", "math",
	"select", "option", "button", "head", "animate", "animatetransform", "animatemotion", "set", "use", "image"}

func newOutputPolicy() *bluemonday.Policy {
	p := bluemonday.NewPolicy()
	p.AllowElements(htmlElements...)
	p.AllowElements(svgElements...)
	p.AllowNoAttrs().OnElements(htmlElements...)
	p.AllowNoAttrs().OnElements(svgElements...)
	p.SkipElementsContent(droppedWithContent...)

	p.AllowAttrs("class").Matching(classValue).Globally()
	p.AllowAttrs("style").Matching(styleValue).Globally()
	p.AllowAttrs("title", "abbr").Matching(attrText).Globally()
	p.AllowAttrs("lang").Matching(regexp.MustCompile(`^[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*$`)).Globally()
	p.AllowAttrs("dir").Matching(bluemonday.Direction).Globally()
	p.AllowAttrs("align").Matching(bluemonday.CellAlign).Globally()
	p.AllowAttrs("valign").Matching(bluemonday.CellVerticalAlign).Globally()
	p.AllowAttrs("colspan", "rowspan", "span").Matching(bluemonday.Integer).OnElements("td", "th", "col", "colgroup")
	p.AllowAttrs("scope").Matching(regexp.MustCompile(`^(?:row|col|rowgroup|colgroup)$`)).OnElements("th")
	p.AllowAttrs("width", "height").Matching(regexp.MustCompile(`^[0-9.]+(?:%|px|pt|em)?$`)).Globally()

	// Images: data: URIs only, which load nothing from the network.
	p.RequireParseableURLs(true)
	p.AllowURLSchemeWithCustomPolicy("data", func(u *url.URL) bool {
		return u.RawQuery == "" && u.Fragment == "" && safeImageSrc.MatchString(u.String())
	})
	p.AllowAttrs("src").Matching(safeImageSrc).OnElements("img")
	p.AllowAttrs("alt").Matching(attrText).OnElements("img")
	p.AllowAttrs("srcset").Matching(safeImageSrc).OnElements("source")
	p.AllowAttrs("media").Matching(plainMedia).OnElements("source")
	p.AllowElements("source")

	p.AllowAttrs(svgPaintAttrs...).Matching(svgPaint).OnElements(svgElements...)
	p.AllowAttrs(svgPlainAttrs...).Matching(svgPlain).OnElements(svgElements...)
	return p
}

// sanitizeHTML makes an untrusted HTML fragment safe to place inside the
// page's output <div>: bluemonday keeps what outputPolicy allows, then the
// standard HTML parser (golang.org/x/net/html) reads the result as a
// browser would inside a <div> and writes it out again. The second step
// closes every element the fragment opens and drops end tags of elements it
// did not open, which bluemonday leaves as they are, so an output cannot
// close the page's own elements or swallow the rest of the page; it also
// restores the camelCase of SVG names (viewBox, linearGradient) that the
// tokenizer lowers. The result cannot run script, fetch anything or break
// out of the element it is placed in, and sanitizing it again changes
// nothing.
func sanitizeHTML(src string) string {
	clean := outputPolicy.Sanitize(src)
	context := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
	nodes, err := html.ParseFragment(strings.NewReader(clean), context)
	if err != nil {
		return "" // a strings.Reader does not fail; keep nothing if it ever does
	}
	var b strings.Builder
	for _, n := range nodes {
		if err := html.Render(&b, n); err != nil {
			return ""
		}
	}
	return b.String()
}
