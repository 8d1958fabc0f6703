package checks_test

import (
	"strconv"
	"testing"
)

func init() {
	checks["state-codes"] = func(t *testing.T, d *demo, r *run) {
		perCode := map[int]int{}
		methods := map[int]bool{}
		total, failed := 0, 0
		for _, row := range d.data.WebAPILog {
			if !window.Contains(row.Time) {
				continue
			}
			perCode[int(row.State)]++
			methods[int(row.State)/100] = true
			total++
			if int(row.State)%100/10 == 2 {
				failed++
			}
		}
		table := r.figures(t, "Requests by method and state code")
		last := table.len() - 1
		if table.str(last, "method") != "All methods" || table.int(last, "requests") != total {
			t.Errorf("last row %v, want All methods: %d", table.Rows[last], total)
		}
		got := map[int]int{}
		gotMethods := map[string]bool{}
		gotFailed := 0
		for i := range last {
			got[table.int(i, "state")] = table.int(i, "requests")
			gotMethods[table.str(i, "method")] = true
			if table.str(i, "outcome") == "Failure" {
				gotFailed += table.int(i, "requests")
			}
		}
		if len(got) != len(perCode) || len(gotMethods) != len(methods) || gotFailed != failed {
			t.Errorf("%d codes, %d methods, %d failed; ground truth %d, %d, %d", len(got), len(gotMethods), gotFailed, len(perCode), len(methods), failed)
		}
		for code, n := range perCode {
			if got[code] != n {
				t.Errorf("state %s: %d requests, ground truth %d", strconv.Itoa(code), got[code], n)
			}
		}
	}
}
