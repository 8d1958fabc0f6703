package notebook

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/lensbook/lensbook/pkg/ipynb"
)

// testdata/executed-failures.ipynb is a real nbconvert run of failing cells
// (its last cell's execution count then cleared: a cell that never ran).
func TestFailuresOfARealRun(t *testing.T) {
	nb, err := ipynb.ReadFile("testdata/executed-failures.ipynb")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range Failures(nb) {
		got = append(got, f.String())
	}
	want := []string{
		`cell 2 ("fmt.Println(undefinedVariable)"): line 2: undefined: undefinedVariable`,
		`cell 3 ("var m map[string]int"): panic: assignment to entry in nil map`,
		`cell 4 ("log.Fatal(\"bad thing happened\")"): bad thing happened (exit status 1)`,
		`cell 5 ("os.Exit(4)"): exit status 4`,
		`cell 6 ("!exit 3"): a shell command failed: exit status 3`,
		`cell 9 ("fmt.Println(\"ok\")"): never ran`,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("failures (-want +got):\n%s", diff)
	}
}

func TestResultErr(t *testing.T) {
	tests := []struct {
		name     string
		failures []Failure
		want     string
	}{
		{"none", nil, ""},
		{"one", []Failure{{Cell: 2, FirstLine: "x()", Message: "boom"}}, `cell 2 ("x()"): boom`},
		{"three", []Failure{{Cell: 2, FirstLine: "x()", Message: "boom"}, {Cell: 3}, {Cell: 4}}, `cell 2 ("x()"): boom (and 2 more failed cells)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := &Result{Failures: tt.failures}
			got := ""
			if err := r.Err(); err != nil {
				got = err.Error()
			}
			if got != tt.want || r.OK() != (tt.want == "") {
				t.Errorf("Err() = %q, OK() = %v; want %q", got, r.OK(), tt.want)
			}
		})
	}
}

func TestCutKeepsRunesWhole(t *testing.T) {
	s := ""
	for range 70 {
		s += "é"
	}
	got := cut(s)
	if len(got) > 120 || got[len(got)-3:] != "..." {
		t.Fatalf("cut = %q (%d bytes)", got, len(got))
	}
	for _, r := range got {
		if r == '\uFFFD' {
			t.Fatalf("cut split a rune: %q", got)
		}
	}
}
