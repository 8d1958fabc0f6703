package frames

import (
	"encoding/json"
	"fmt"
	"slices"

	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"
)

// JSONField returns df with a new string column, newColumn, holding the
// top-level field named field of the JSON object in each row of column:
// a JSON string's text, or the raw JSON of any other value (a number such
// as 3, an object, true). A row gets "" when its value is not a JSON object
// or has no such field; a null field also gives "". Field names match
// exactly (case-sensitive).
//
// It fails when df carries an error, when column is missing, or when
// newColumn already exists.
func JSONField(df dataframe.DataFrame, column, field, newColumn string) (dataframe.DataFrame, error) {
	if df.Err != nil {
		return df, fmt.Errorf("frames: JSONField %q: the frame carries an error: %w", column, df.Err)
	}
	names := df.Names()
	if !slices.Contains(names, column) {
		return df, fmt.Errorf("frames: JSONField: no column %q (columns: %v)", column, names)
	}
	if slices.Contains(names, newColumn) {
		return df, fmt.Errorf("frames: JSONField: column %q already exists", newColumn)
	}
	src := df.Col(column)
	out := make([]string, src.Len())
	seen := make(map[string]string) // metadata repeats: parse each distinct text once
	for i := range out {
		text := src.Elem(i).String()
		v, ok := seen[text]
		if !ok {
			v = jsonField(text, field)
			seen[text] = v
		}
		out[i] = v
	}
	res := df.Mutate(series.New(out, series.String, newColumn))
	if res.Err != nil {
		return df, fmt.Errorf("frames: JSONField: adding column %q: %w", newColumn, res.Err)
	}
	return res, nil
}

// jsonField extracts one top-level field of a JSON object as text.
func jsonField(text, field string) string {
	var obj map[string]json.RawMessage
	if err := json.Unmarshal([]byte(text), &obj); err != nil {
		return ""
	}
	raw, ok := obj[field]
	if !ok {
		return ""
	}
	var s string // a JSON null also decodes here, as ""
	if err := json.Unmarshal(raw, &s); err == nil {
		return s
	}
	return string(raw)
}
