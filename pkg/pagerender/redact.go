package pagerender

import (
	"net/url"
	"os"
	"slices"
	"strings"

	"github.com/lensbook/lensbook/pkg/ipynb"
)

// TokenEnv is the environment variable that holds the Cryptolens access
// token. Its value never appears on a page: NewRedactor replaces it.
const TokenEnv = "CRYPTOLENS_TOKEN"

// Redacted replaces a secret wherever it would be shown.
const Redacted = "REDACTED"

// minSecretLength is the shortest secret replaced; shorter values would
// mangle ordinary text.
const minSecretLength = 6

// NewRedactor returns a replacer that turns the access token (the value of
// TokenEnv, if set) and every extra secret, raw and URL-encoded, into
// Redacted. Secrets shorter than six characters are ignored.
func NewRedactor(extra ...string) *strings.Replacer {
	secrets := append([]string{os.Getenv(TokenEnv)}, extra...)
	var forms []string
	for _, s := range secrets {
		if len(s) < minSecretLength {
			continue
		}
		forms = append(forms, s, url.QueryEscape(s), url.PathEscape(s))
	}
	// Longest first, so that a secret containing another is replaced whole.
	slices.SortFunc(forms, func(a, b string) int { return len(b) - len(a) })
	forms = slices.Compact(forms)
	pairs := make([]string, 0, 2*len(forms))
	for _, f := range forms {
		pairs = append(pairs, f, Redacted)
	}
	return strings.NewReplacer(pairs...)
}

// redactNotebook returns a copy of nb with every secret replaced in the
// text of its cells and outputs. Image data is copied as is.
func redactNotebook(nb *ipynb.Notebook, r *strings.Replacer) *ipynb.Notebook {
	text := func(m ipynb.MultilineText) ipynb.MultilineText { return ipynb.MultilineText(r.Replace(string(m))) }
	out := *nb
	out.Cells = make([]ipynb.Cell, len(nb.Cells))
	for i, c := range nb.Cells {
		c.Source = text(c.Source)
		outputs := make([]ipynb.Output, len(c.Outputs))
		for j, o := range c.Outputs {
			o.Text = text(o.Text)
			o.EName = r.Replace(o.EName)
			o.EValue = r.Replace(o.EValue)
			if o.Traceback != nil {
				tb := make([]string, len(o.Traceback))
				for k, line := range o.Traceback {
					tb[k] = r.Replace(line)
				}
				o.Traceback = tb
			}
			if o.Data != nil {
				data := make(map[string]ipynb.MultilineText, len(o.Data))
				for mime, v := range o.Data {
					if strings.HasPrefix(mime, "image/") && mime != "image/svg+xml" {
						data[mime] = v
						continue
					}
					data[mime] = text(v)
				}
				o.Data = data
			}
			outputs[j] = o
		}
		if c.Outputs == nil {
			outputs = nil
		}
		c.Outputs = outputs
		out.Cells[i] = c
	}
	return &out
}

// redactMeta returns meta with every secret replaced.
func redactMeta(meta PageMeta, r *strings.Replacer) PageMeta {
	meta.Title = r.Replace(meta.Title)
	meta.Description = r.Replace(meta.Description)
	meta.Source = r.Replace(meta.Source)
	meta.DataWindow = r.Replace(meta.DataWindow)
	meta.Error = r.Replace(meta.Error)
	params := make([]Param, len(meta.Params))
	for i, p := range meta.Params {
		params[i] = Param{Name: r.Replace(p.Name), Value: r.Replace(p.Value), Default: r.Replace(p.Default)}
	}
	meta.Params = params
	return meta
}
