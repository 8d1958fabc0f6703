package display

import (
	"fmt"

	"github.com/janpfeifer/gonb/gonbui"
	"github.com/janpfeifer/gonb/gonbui/protocol"
)

// InNotebook reports whether the program was started by a GoNB kernel.
func InNotebook() bool { return gonbui.IsNotebook }

// send shows one output with one or more representations (MIME type to
// content), waits until GoNB has passed it on, and reports a broken
// connection. Outside a kernel it does nothing.
func send(what string, data map[protocol.MIMEType]any) error {
	if !InNotebook() {
		return nil
	}
	gonbui.SendData(&protocol.DisplayData{Data: data})
	gonbui.Sync()
	if err := gonbui.Error(); err != nil {
		return fmt.Errorf("display: sending %s to GoNB: %w", what, err)
	}
	return nil
}

// HTML shows an HTML fragment as the cell's output. The caller is
// responsible for escaping; see [TableHTML] for tables.
func HTML(fragment string) error {
	return send("HTML", map[protocol.MIMEType]any{protocol.MIMETextHTML: fragment})
}

// Markdown shows Markdown text as the cell's output; Jupyter renders it,
// including $…$ formulas.
func Markdown(md string) error {
	return send("Markdown", map[protocol.MIMEType]any{protocol.MIMETextMarkdown: md})
}
