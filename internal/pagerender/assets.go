package pagerender

import (
	"crypto/sha256"
	"embed"
	"encoding/base64"
	"html/template"
	"sync"
)

//go:embed assets
var assets embed.FS

// asset reads an embedded file; the files are part of the binary, so a
// failure is a programming error.
func asset(name string) string {
	b, err := assets.ReadFile("assets/" + name)
	if err != nil {
		panic("pagerender: missing embedded asset " + name)
	}
	return string(b)
}

// ThemeCSS is the CSS shared by report pages and the gallery: colour
// variables for the light and the dark theme (prefers-color-scheme), the
// system font stack, tables, the failure banner, parameter chips and the
// print style.
func ThemeCSS() string {
	return asset("theme.css")
}

// pageScript is the page's only script: the show/hide all code buttons and
// unfolding code for printing. Everything works without it.
var pageScript = asset("page.js")

// FaviconURI is the pages' icon, inline so that no browser asks a server
// for /favicon.ico: a small bar chart.
const FaviconURI = "data:image/svg+xml;base64," +
	"PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciIHZpZXdCb3g9IjAgMCAxNiAxNiI+PHJlY3Qgd2lkdGg9IjE2IiBoZWlnaHQ9IjE2IiByeD0iMyIgZmlsbD0iIzA5NjlkYSIvPjxwYXRoIGQ9Ik00IDEyVjltNCAzVjVtNCA3VjciIHN0cm9rZT0iI2ZmZiIgc3Ryb2tlLXdpZHRoPSIyIi8+PC9zdmc+"

// ScriptHash is the CSP source expression ('sha256-...') of a script body.
func ScriptHash(script string) string {
	sum := sha256.Sum256([]byte(script))
	return "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
}

// ContentSecurityPolicy is the policy of a self-contained page whose only
// script has the given CSP hash (or "'none'"): nothing may be fetched,
// images come from data: URIs, styles are inline.
func ContentSecurityPolicy(scriptSource string) string {
	return "default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src " + scriptSource +
		"; base-uri 'none'; form-action 'none'"
}

var (
	pageTemplateOnce sync.Once
	pageTemplate     *template.Template
	pageCSS          string
	pageCSSErr       error
)

// loadPage parses the page template and builds the page CSS once.
func loadPage() (*template.Template, string, error) {
	pageTemplateOnce.Do(func() {
		pageTemplate = template.Must(template.New("page").Parse(asset("page.html.tmpl")))
		var code string
		code, pageCSSErr = codeCSS()
		pageCSS = ThemeCSS() + asset("page.css") + code
	})
	return pageTemplate, pageCSS, pageCSSErr
}
