package analysis

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"
)

// FieldChange is one field of an Object Log update: its value before and
// after, as text.
type FieldChange struct {
	Field string
	Old   string
	New   string
}

// ParseFieldChanges reads the Data of an Object Log update,
// {"Field":[old,new],...}, into field changes sorted by field name. A JSON
// string value is rendered as its text, any other value (number, boolean,
// null, array, object) as its compact JSON. It is tolerant: data that is not
// a JSON object gives no changes, and a field whose value is not a
// two-element array is left out; ok reports whether data was a JSON object.
func ParseFieldChanges(data string) (changes []FieldChange, ok bool) {
	var fields map[string]json.RawMessage
	if err := json.Unmarshal([]byte(data), &fields); err != nil || fields == nil {
		return nil, false
	}
	for name, raw := range fields {
		var pair []json.RawMessage
		if err := json.Unmarshal(raw, &pair); err != nil || len(pair) != 2 {
			continue
		}
		changes = append(changes, FieldChange{Field: name, Old: jsonText(pair[0]), New: jsonText(pair[1])})
	}
	slices.SortFunc(changes, func(a, b FieldChange) int { return strings.Compare(a.Field, b.Field) })
	return changes, true
}

// jsonText renders a JSON value as text: a string's content, or the value's
// compact JSON.
func jsonText(raw json.RawMessage) string {
	raw = bytes.TrimSpace(raw)
	var s string
	if len(raw) > 0 && raw[0] == '"' && json.Unmarshal(raw, &s) == nil {
		return s
	}
	var buf bytes.Buffer
	if err := json.Compact(&buf, raw); err != nil {
		return string(raw)
	}
	return buf.String()
}
