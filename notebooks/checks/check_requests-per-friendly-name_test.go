package checks_test

import (
	"slices"
	"strings"
	"testing"
)

func init() {
	checks["requests-per-friendly-name"] = func(t *testing.T, d *demo, r *run) {
		const topN = 10 // the notebook's default
		perName := map[string]int{}
		machines := map[string]map[string]bool{}
		total := 0
		for _, row := range d.data.WebAPILog {
			// Only the rows that name a machine are ranked; a name's machines
			// are its distinct machine codes (trimmed, upper-cased).
			code := strings.ToUpper(strings.TrimSpace(row.MachineCode))
			if !window.Contains(row.Time) || code == "" {
				continue
			}
			name := row.FriendlyName
			if name == "" {
				name = "(none)"
			}
			perName[name]++
			if machines[name] == nil {
				machines[name] = map[string]bool{}
			}
			machines[name][code] = true
			total++
		}
		var counts []int
		for _, n := range perName {
			counts = append(counts, n)
		}
		slices.Sort(counts)
		slices.Reverse(counts)
		rest := total
		for _, n := range counts[:topN] {
			rest -= n
		}
		table := r.figures(t, "Requests per friendly name, ")
		if table.len() != topN+2 {
			t.Fatalf("%d rows, want the top %d, (rest) and the total", table.len(), topN)
		}
		for i := range topN {
			name := table.str(i, "friendlyName")
			if n := table.int(i, "requests"); n != perName[name] || n != counts[i] {
				t.Errorf("rank %d, %q: %d requests, ground truth %d (rank %d: %d)", i+1, name, n, perName[name], i+1, counts[i])
			}
			if m := table.int(i, "machines"); m != len(machines[name]) {
				t.Errorf("%q: %d machines, ground truth %d", name, m, len(machines[name]))
			}
		}
		if got := table.int(topN, "requests"); table.str(topN, "friendlyName") != "(rest)" || got != rest {
			t.Errorf("(rest): %v, ground truth %d requests", table.Rows[topN], rest)
		}
		if got := table.int(topN+1, "requests"); got != total {
			t.Errorf("total %d requests, ground truth %d", got, total)
		}
		if got := table.int(topN+1, "names"); got != len(perName) {
			t.Errorf("%d names, ground truth %d", got, len(perName))
		}
	}
}
