package emulator

import "math/rand/v2"

// hostileStrings are the texts a hostile dataset puts into user-controlled
// fields: markup and script injection, attribute breaking, CSV breaking,
// control characters, unicode, URL schemes and template syntax.
var hostileStrings = []string{
	`<script>alert(1)</script>`,
	`"><img src=x onerror=alert(1)>`,
	`'; DROP TABLE logs; --`,
	`a,b,"c",d`,
	"line one\nline two\r\nline three",
	"tab\there\x00nul",
	`javascript:alert(document.cookie)`,
	`{{.Token}} {{template "x"}} ${7*7}`,
	`</textarea><svg onload=alert(1)>`,
	`Zoë Ångström – 東京 📷 ` + "\u202e" + `reversed`,
	`=HYPERLINK("http://example.invalid","click")`,
	`\u003cscript\u003e & &amp; &lt;b&gt;`,
	`<a href="javascript:alert(1)">link</a>`,
	`%s %d %v %!`,
	`..\..\etc\passwd`,
}

// hostileFor returns a hostile string for the i-th hostile field.
func hostileFor(rng *rand.Rand) string { return pick(rng, hostileStrings) }

// hostileMetadata returns Metadata text that is hostile: mostly JSON with
// hostile values, sometimes not JSON at all.
func hostileMetadata(rng *rand.Rand) string {
	switch rng.IntN(3) {
	case 0:
		return hostileFor(rng)
	default:
		b := []byte(`{"OS":`)
		b = appendJSONString(b, hostileFor(rng))
		b = append(b, `,"Version":`...)
		b = appendJSONString(b, hostileFor(rng))
		return string(append(b, '}'))
	}
}
