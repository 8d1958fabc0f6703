package pagerender

import (
	"strings"

	"github.com/lensbook/lensbook/internal/ipynb"
	"github.com/lensbook/lensbook/internal/secret"
)

// Redacted replaces a secret wherever it would be shown.
const Redacted = secret.Redacted

// redactNotebook returns a copy of nb with every secret replaced in the
// text of its cells and outputs. Image data is copied as is.
func redactNotebook(nb *ipynb.Notebook, r *secret.Redactor) *ipynb.Notebook {
	text := func(m ipynb.MultilineText) ipynb.MultilineText { return ipynb.MultilineText(r.Redact(string(m))) }
	out := *nb
	out.Cells = make([]ipynb.Cell, len(nb.Cells))
	for i, c := range nb.Cells {
		c.Source = text(c.Source)
		outputs := make([]ipynb.Output, len(c.Outputs))
		for j, o := range c.Outputs {
			o.Text = text(o.Text)
			o.EName = r.Redact(o.EName)
			o.EValue = r.Redact(o.EValue)
			if o.Traceback != nil {
				tb := make([]string, len(o.Traceback))
				for k, line := range o.Traceback {
					tb[k] = r.Redact(line)
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
func redactMeta(meta PageMeta, r *secret.Redactor) PageMeta {
	meta.Title = r.Redact(meta.Title)
	meta.Description = r.Redact(meta.Description)
	meta.Source = r.Redact(meta.Source)
	meta.DataWindow = r.Redact(meta.DataWindow)
	meta.Error = r.Redact(meta.Error)
	params := make([]Param, len(meta.Params))
	for i, p := range meta.Params {
		params[i] = Param{Name: r.Redact(p.Name), Value: r.Redact(p.Value), Default: r.Redact(p.Default)}
	}
	meta.Params = params
	return meta
}
