// Package pagerender turns an executed GoNB notebook (internal/ipynb) into one
// self-contained HTML page: a report that can be mailed, opened from disk and
// read offline by people who do not read Go.
//
// The page carries every style, image and script inline and makes no network
// request: fonts are the system font stack, images are data: URIs. Markdown
// cells go through goldmark with GitHub tables; raw HTML inside markdown is
// shown as escaped text, never rendered. Code cells are highlighted as Go by
// chroma and folded in a <details> element, which works without script.
// Light and dark themes follow prefers-color-scheme, with every text colour
// (code tokens included) at WCAG AA contrast; a print style hides the code
// and keeps charts and tables whole.
//
// Charts sent by pkg/display's Chart become a <picture> of SVG renderings:
// light and dark, wide and narrow, chosen by the reader's browser. Under a
// chart (a chart bundle, an image, or inline SVG as display.ChartSVG sends)
// whose output also carries the data channel
// (application/vnd.lensbook.data.v1+json, display.DataMIME), its figures
// show as a table folded in <details class="figures">, so that no figure is
// chart-only on screen (print leaves them out, to keep PDFs short); a
// table's or headline's data channel is never shown. Headline
// figures (display.Headline) are shown large, and the gallery reads the
// first (FirstHeadline). The header states the report's window in words
// from its days, asOf and productID parameters, lists only the parameters
// set to another value than their default, and links back to the gallery
// and to the page's PDF. Tables of more than ten rows sort by a column; a
// table wider than the page scrolls in its own box, with a hint.
//
// # Safety
//
// Notebook outputs come from notebook code and may carry log data, so the
// page treats every string from the notebook as hostile:
//
//   - Text, stream, error and markdown content is escaped by html/template or
//     by goldmark without its unsafe option.
//   - text/html outputs go through github.com/microcosm-cc/bluemonday with
//     an allow-list policy (outputPolicy in sanitize.go): tables, text
//     markup, inline SVG drawings and data:image pictures stay; script,
//     style, iframe and similar elements go with their content; event
//     handlers, id and name (DOM clobbering), href, url() references and any
//     src other than a data:image URI never survive; styles that fetch or
//     position, and class names other than the page CSS's output classes (no
//     fake failure banner), are dropped. The standard HTML parser
//     (golang.org/x/net/html) then reads the result as a browser would inside
//     the output's <div> and writes it out balanced, so the fragment cannot
//     close the page's own elements or swallow the rest of the page.
//   - image/svg+xml outputs are embedded as <img src="data:image/svg+xml;...">
//     so that a script inside the SVG cannot run.
//   - A Content-Security-Policy meta tag allows only data: images, inline
//     styles and the page's own inline script, pinned by its SHA-256 hash: a
//     script that slipped through the sanitizer would still not run, and no
//     request can leave the page.
//
// Output is deterministic: the same notebook and PageMeta give a
// byte-identical page. The caller pins PageMeta.RenderedAt.
package pagerender
