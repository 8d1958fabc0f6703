package notebook

import (
	"encoding/json"
	"fmt"
	"os"

	"github.com/lensbook/lensbook/internal/ipynb"
)

// CheckFile reads the notebook at path and checks it as Check does, adding
// the nbformat 4 keys missing from the file itself (which decoding into
// ipynb.Notebook cannot see). An error means the file is unreadable or not
// an nbformat 4 notebook at all.
func CheckFile(path string) ([]Problem, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("notebook: %w", err)
	}
	nb, err := ipynb.Parse(data)
	if err != nil {
		return nil, fmt.Errorf("notebook: %s: %w", path, err)
	}
	return append(missingKeys(data), Check(nb)...), nil
}

// missingKeys lists the required nbformat 4 keys absent from the JSON.
func missingKeys(data []byte) []Problem {
	var raw struct {
		Cells []map[string]json.RawMessage `json:"cells"`
	}
	var top map[string]json.RawMessage
	if json.Unmarshal(data, &top) != nil || json.Unmarshal(data, &raw) != nil {
		return []Problem{{0, "not a JSON object"}}
	}
	var probs []Problem
	for _, k := range []string{"cells", "metadata", "nbformat", "nbformat_minor"} {
		if _, ok := top[k]; !ok {
			probs = append(probs, Problem{0, fmt.Sprintf("no %q key", k)})
		}
	}
	for i, c := range raw.Cells {
		need := []string{"cell_type", "metadata", "source"}
		if string(c["cell_type"]) == `"code"` {
			need = append(need, "outputs", "execution_count")
		}
		for _, k := range need {
			if _, ok := c[k]; !ok {
				probs = append(probs, Problem{i + 1, fmt.Sprintf("no %q key", k)})
			}
		}
	}
	return probs
}
