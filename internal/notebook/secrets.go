package notebook

import (
	"regexp"

	"github.com/lensbook/lensbook/internal/ipynb"
	"github.com/lensbook/lensbook/internal/secret"
)

// secretPatterns match text that looks like a credential. Cryptolens access
// tokens are base64 of a JSON array, so they start with "WyI" (`["`).
var secretPatterns = []struct {
	what string
	re   *regexp.Regexp
}{
	{"a Cryptolens access token", regexp.MustCompile(`WyI[A-Za-z0-9+/]{20,}={0,2}`)},
	{"a token assignment", regexp.MustCompile(`(?i)\b(cryptolens_token|access_token|api_key|apikey|secret)\b["']?\s*[:=]\s*["']?[A-Za-z0-9+/=_\-.]{16,}`)},
	{"a token in a URL", regexp.MustCompile(`(?i)[?&]token=[A-Za-z0-9+/=%_\-.]{16,}`)},
	{"a private key", regexp.MustCompile(`-----BEGIN [A-Z ]*PRIVATE KEY-----`)},
	{"a bearer credential", regexp.MustCompile(`(?i)\bauthorization:\s*(bearer|basic)\s+[A-Za-z0-9+/=_\-.]{16,}`)},
}

// lookLikeSecret names what s looks like when it holds a credential, and
// returns "" otherwise.
func lookLikeSecret(s string) string {
	for _, p := range secretPatterns {
		if p.re.MatchString(s) {
			return p.what
		}
	}
	return ""
}

// ContainsSecret reports whether a secret of r appears anywhere in the
// notebook: sources, outputs (text, every MIME type, tracebacks) and
// metadata, in any form the page guard looks for (plain, URL-encoded, HTML
// character references, JSON escapes, base64; see secret.Redactor.Find). A
// nil or empty redactor finds nothing.
func ContainsSecret(nb *ipynb.Notebook, r *secret.Redactor) bool {
	if r == nil || r.Empty() {
		return false
	}
	data, err := nb.Marshal()
	if err != nil {
		return true // cannot tell: treat as present, the safe answer
	}
	// The JSON encoding escapes characters of the token: Find decodes JSON
	// escapes. Decoded strings are checked too, for forms inside them.
	if r.Find(string(data)) != "" {
		return true
	}
	found := false
	walkText(nb, func(s string) {
		if !found && r.Find(s) != "" {
			found = true
		}
	})
	return found
}

// walkText calls f with every piece of text in the notebook.
func walkText(nb *ipynb.Notebook, f func(string)) {
	walkAny(nb.Metadata, f)
	for _, c := range nb.Cells {
		f(string(c.Source))
		walkAny(c.Metadata, f)
		for _, o := range c.Outputs {
			f(string(o.Text))
			f(o.EName)
			f(o.EValue)
			for _, t := range o.Traceback {
				f(t)
			}
			for _, d := range o.Data {
				f(string(d))
			}
			walkAny(o.Metadata, f)
		}
	}
}

func walkAny(v any, f func(string)) {
	switch v := v.(type) {
	case string:
		f(v)
	case []any:
		for _, x := range v {
			walkAny(x, f)
		}
	case map[string]any:
		for k, x := range v {
			f(k)
			walkAny(x, f)
		}
	}
}
