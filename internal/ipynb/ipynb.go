// Package ipynb reads and writes Jupyter notebooks in nbformat 4, the format
// of the .ipynb files in notebooks/ and of the notebooks the GoNB kernel
// executes.
package ipynb

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"strings"
)

// Notebook is an nbformat 4 notebook.
type Notebook struct {
	Cells         []Cell         `json:"cells"`
	Metadata      map[string]any `json:"metadata"`
	NBFormat      int            `json:"nbformat"`
	NBFormatMinor int            `json:"nbformat_minor"`
}

// Cell is one cell: "markdown", "code" or "raw".
type Cell struct {
	CellType       string         `json:"cell_type"`
	ExecutionCount *int           `json:"execution_count,omitempty"`
	ID             string         `json:"id,omitempty"`
	Metadata       map[string]any `json:"metadata"`
	Outputs        []Output       `json:"outputs,omitempty"`
	Source         MultilineText  `json:"source"`
}

// Output is one output of a code cell: "stream", "display_data",
// "execute_result" or "error".
type Output struct {
	OutputType     string                   `json:"output_type"`
	Name           string                   `json:"name,omitempty"`            // stream: "stdout" or "stderr"
	Text           MultilineText            `json:"text,omitempty"`            // stream
	Data           map[string]MultilineText `json:"data,omitempty"`            // display_data, execute_result: MIME type -> content
	Metadata       map[string]any           `json:"metadata,omitempty"`        // display_data, execute_result
	ExecutionCount *int                     `json:"execution_count,omitempty"` // execute_result
	EName          string                   `json:"ename,omitempty"`           // error
	EValue         string                   `json:"evalue,omitempty"`          // error
	Traceback      []string                 `json:"traceback,omitempty"`       // error
}

// MultilineText is nbformat's multi-line string: a JSON string or a list of
// strings to be joined. It always encodes as a list of lines, as Jupyter does.
type MultilineText string

// UnmarshalJSON accepts a string or a list of strings.
func (m *MultilineText) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) > 0 && b[0] == '[' {
		var parts []string
		if err := json.Unmarshal(b, &parts); err != nil {
			return err
		}
		*m = MultilineText(strings.Join(parts, ""))
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	*m = MultilineText(s)
	return nil
}

// MarshalJSON writes the text as a list of lines, each keeping its "\n".
func (m MultilineText) MarshalJSON() ([]byte, error) {
	return marshal(m.Lines())
}

// marshal encodes v as JSON with <, > and & left as they are, as Jupyter
// writes them, so that cleaning a notebook does not rewrite its code.
func marshal(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// Lines splits the text into lines that keep their trailing "\n".
func (m MultilineText) Lines() []string {
	lines := strings.SplitAfter(string(m), "\n")
	if n := len(lines); n > 0 && lines[n-1] == "" {
		lines = lines[:n-1]
	}
	if lines == nil {
		lines = []string{}
	}
	return lines
}

// Tags returns the cell's metadata tags.
func (c Cell) Tags() []string {
	raw, _ := c.Metadata["tags"].([]any)
	tags := make([]string, 0, len(raw))
	for _, t := range raw {
		if s, ok := t.(string); ok {
			tags = append(tags, s)
		}
	}
	return tags
}

// HasTag reports whether the cell carries the metadata tag.
func (c Cell) HasTag(tag string) bool {
	for _, t := range c.Tags() {
		if t == tag {
			return true
		}
	}
	return false
}

// Parse decodes a notebook and checks that it is nbformat 4.
func Parse(data []byte) (*Notebook, error) {
	var nb Notebook
	if err := json.Unmarshal(data, &nb); err != nil {
		return nil, fmt.Errorf("ipynb: %w", err)
	}
	if nb.NBFormat != 4 {
		return nil, fmt.Errorf("ipynb: nbformat %d, want 4", nb.NBFormat)
	}
	return &nb, nil
}

// ReadFile reads and parses the notebook at path.
func ReadFile(path string) (*Notebook, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	nb, err := Parse(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return nb, nil
}

// Marshal encodes the notebook as Jupyter does: one-space indentation, a
// final newline, and HTML characters left unescaped.
func (nb *Notebook) Marshal() ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", " ")
	if err := enc.Encode(nb); err != nil {
		return nil, fmt.Errorf("ipynb: %w", err)
	}
	return buf.Bytes(), nil
}

// WriteFile writes the notebook to path.
func (nb *Notebook) WriteFile(path string) error {
	data, err := nb.Marshal()
	if err != nil {
		return err
	}
	return os.WriteFile(path, data, 0o644)
}

// MarshalJSON writes a cell as nbformat 4 requires: code cells always carry
// "outputs" and "execution_count" (null when not run); other cells carry
// neither.
func (c Cell) MarshalJSON() ([]byte, error) {
	meta := c.Metadata
	if meta == nil {
		meta = map[string]any{}
	}
	if c.CellType != "code" {
		return marshal(struct {
			CellType string         `json:"cell_type"`
			ID       string         `json:"id,omitempty"`
			Metadata map[string]any `json:"metadata"`
			Source   MultilineText  `json:"source"`
		}{c.CellType, c.ID, meta, c.Source})
	}
	outputs := c.Outputs
	if outputs == nil {
		outputs = []Output{}
	}
	// The same fields as Cell, on purpose: here execution_count and outputs
	// are written even when null or empty, as nbformat requires of code cells.
	return marshal(struct {
		CellType       string         `json:"cell_type"`
		ExecutionCount *int           `json:"execution_count"`
		ID             string         `json:"id,omitempty"`
		Metadata       map[string]any `json:"metadata"`
		Outputs        []Output       `json:"outputs"`
		Source         MultilineText  `json:"source"`
	}{c.CellType, c.ExecutionCount, c.ID, meta, outputs, c.Source})
}
