package notebook

import (
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/lensbook/lensbook/internal/ipynb"
	"github.com/lensbook/lensbook/pkg/report"
)

func paramsNotebook(t *testing.T) *ipynb.Notebook {
	t.Helper()
	nb, err := ipynb.ReadFile("testdata/params.ipynb")
	if err != nil {
		t.Fatal(err)
	}
	return nb
}

func TestParametersListsDefaults(t *testing.T) {
	got, err := Parameters(paramsNotebook(t))
	if err != nil {
		t.Fatal(err)
	}
	want := []Param{
		{Name: "days", Kind: KindInt, Default: "30", Value: "30"},
		{Name: "asOf", Kind: KindString, Default: "", Value: ""},
		{Name: "ratio", Kind: KindFloat, Default: "0.5", Value: "0.5"},
		{Name: "all", Kind: KindBool, Default: "false", Value: "false"},
		{Name: "span", Kind: KindDuration, Type: "time.Duration", Default: "24 * time.Hour", Value: "24 * time.Hour"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Parameters (-want +got):\n%s", diff)
	}
}

func TestInjectParametersWritesACellAfterTheParameters(t *testing.T) {
	nb := paramsNotebook(t)
	err := InjectParameters(nb, map[string]string{"asOf": "2026-10-01", "days": "7", "ratio": "2", "all": "true", "span": "36h"})
	if err != nil {
		t.Fatal(err)
	}
	cell := nb.Cells[2]
	if !cell.HasTag(InjectedParametersTag) {
		t.Fatalf("cell 3 tags = %v, want %q", cell.Tags(), InjectedParametersTag)
	}
	want := "// Parameters injected by lensbook.\nvar (\n" +
		"\tdays = 7\n" +
		"\tasOf = \"2026-10-01\"\n" +
		"\tratio = 2.0\n" +
		"\tall = true\n" +
		"\tspan time.Duration = 129600000000000 /* 36h0m0s */\n" +
		")\n"
	if diff := cmp.Diff(want, string(cell.Source)); diff != "" {
		t.Errorf("injected cell (-want +got):\n%s", diff)
	}
	// Injecting again replaces the cell rather than adding another.
	if err := InjectParameters(nb, map[string]string{"days": "9"}); err != nil {
		t.Fatal(err)
	}
	if len(nb.Cells) != 4 || !strings.Contains(string(nb.Cells[2].Source), "days = 9") {
		t.Errorf("after a second injection: %d cells, cell 3 = %q", len(nb.Cells), nb.Cells[2].Source)
	}
	got, err := Parameters(nb)
	if err != nil {
		t.Fatal(err)
	}
	if got[0].Value != "9" || got[1].Value != "" {
		t.Errorf("values after injection: %+v", got)
	}
}

func TestInjectParametersErrors(t *testing.T) {
	tests := []struct {
		name   string
		values map[string]string
		want   string
	}{
		{"unknown name", map[string]string{"weeks": "2"}, `unknown parameter "weeks": the parameters are days (int, default 30), asOf (string, default ""), ratio (float64, default 0.5), all (bool, default false), span (time.Duration, default 24 * time.Hour)`},
		{"bad int", map[string]string{"days": "7.5"}, `parameter days=7.5: days is an int; want a whole number, such as 30`},
		{"bad float", map[string]string{"ratio": "half"}, `parameter ratio=half: ratio is a float64; want a finite number, such as 0.5`},
		{"infinite float", map[string]string{"ratio": "Inf"}, `parameter ratio=Inf: ratio is a float64; want a finite number`},
		{"bad bool", map[string]string{"all": "maybe"}, `parameter all=maybe: all is a bool; want true or false`},
		{"bad duration", map[string]string{"span": "3 days"}, `parameter span=3 days: span is a time.Duration; want a duration such as 36h`},
		{"no days", map[string]string{"days": "0"}, `parameter days=0: the window would be empty or inverted; want a positive number of days`},
		{"negative days", map[string]string{"days": "-3"}, `parameter days=-3: the window would be empty or inverted`},
		{"days overflow", map[string]string{"days": "9223372036854775807"}, `would start before 1970; want at most`},
		{"days before 1970", map[string]string{"days": "30", "asOf": "1970-01-10"}, `parameter days=30: a window of 30 days ending 1970-01-10 would start before 1970; want at most 9 days`},
		{"bad asOf", map[string]string{"asOf": "yesterday"}, `parameter asOf=yesterday: want an RFC 3339 time (2026-11-01T00:00:00Z), a date (2026-11-01), a span back from now (30d, 12h) or "" for now`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			nb := paramsNotebook(t)
			before := len(nb.Cells)
			err := InjectParameters(nb, tt.values)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want it to contain %q", err, tt.want)
			}
			if !errors.Is(err, ErrParam) || strings.Contains(err.Error(), "strconv") || strings.Contains(err.Error(), "invalid syntax") {
				t.Errorf("err = %v: want an ErrParam without strconv's words", err)
			}
			if len(nb.Cells) != before {
				t.Errorf("a failed injection changed the notebook")
			}
		})
	}
}

func TestInjectParametersWithoutParametersCell(t *testing.T) {
	nb, err := ipynb.ReadFile("testdata/hello.ipynb")
	if err != nil {
		t.Fatal(err)
	}
	if err := InjectParameters(nb, nil); err != nil {
		t.Errorf("no values: %v", err)
	}
	err = InjectParameters(nb, map[string]string{"b": "1", "a": "2"})
	if err == nil || !strings.Contains(err.Error(), `cannot set a, b: the notebook has no cell tagged "parameters"`) {
		t.Errorf("err = %v", err)
	}
}

func TestParseParamsKinds(t *testing.T) {
	src := "!*echo ignored\nvar (\n\ta int64 = -3\n\tb float64 = 2\n\tc string\n\td = time.Now()\n\te, f = 1, \"x\"\n)\nvar g = 1e3\n"
	got, err := parseParams(src)
	if err != nil {
		t.Fatal(err)
	}
	want := []Param{
		{Name: "a", Kind: KindInt, Type: "int64", Default: "-3", Value: "-3"},
		{Name: "b", Kind: KindFloat, Type: "float64", Default: "2", Value: "2"},
		{Name: "c", Kind: KindString, Type: "string", Default: "", Value: ""},
		{Name: "d", Kind: KindOther, Default: "time.Now()", Value: "time.Now()"},
		{Name: "e", Kind: KindInt, Default: "1", Value: "1"},
		{Name: "f", Kind: KindString, Default: "x", Value: "x"},
		{Name: "g", Kind: KindFloat, Default: "1e3", Value: "1e3"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("parseParams (-want +got):\n%s", diff)
	}
	if _, err := parseValue(got[3], "now"); err == nil || !strings.Contains(err.Error(), "not a literal") {
		t.Errorf("setting a non-literal parameter: err = %v", err)
	}
	if _, err := parseParams("var ("); err == nil {
		t.Errorf("a broken parameters cell parsed")
	}
}

func TestBindChecksTheReportConventions(t *testing.T) {
	declared, err := parseParams("var (\n\tdays = 30\n\tproductID = 0\n\tinactiveDays = 30\n\tsmall int8 = 1\n\ttitle = \"\"\n)\n")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		values map[string]string
		want   string
	}{
		{map[string]string{"productID": "-5"}, "parameter productID=-5: want a product id (a positive number), or 0 for every product"},
		{map[string]string{"inactiveDays": "0"}, "parameter inactiveDays=0: the window would be empty or inverted; want a positive number of days, such as 30"},
		{map[string]string{"small": "300"}, "parameter small=300: small is an int8; want a whole number from -128 to 127, such as 1"},
		{map[string]string{"productID": "7", "days": "7"}, ""},
	}
	for _, tt := range tests {
		got, err := Bind(declared, tt.values)
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("Bind(%v) = %v", tt.values, err)
		case tt.want != "" && (err == nil || err.Error() != tt.want):
			t.Errorf("Bind(%v) = %v, want %q", tt.values, err, tt.want)
		case tt.want == "" && (len(got) != 2 || got[0].Name != "days" || got[0].Value != "7" || got[1].Value != "7"):
			t.Errorf("Bind(%v) = %+v, want days then productID, in declaration order", tt.values, got)
		}
	}
	got, err := Bind(declared, map[string]string{"title": `a "quoted" <b>`})
	if err != nil || len(got) != 1 || got[0].expr != `"a \"quoted\" <b>"` || got[0].Value != `a "quoted" <b>` {
		t.Errorf("a string value: %+v, %v", got, err)
	}
}

// TestWithValuesIsWhatTheInjectedNotebookRunsWith: the parameters WithValues
// gives from the bound values are those the notebook's cells declare once
// the values are injected, so a caller that bound them need not read the
// cells again (ExecOptions.Declared).
func TestWithValuesIsWhatTheInjectedNotebookRunsWith(t *testing.T) {
	nb := paramsNotebook(t)
	declared, err := Parameters(nb)
	if err != nil {
		t.Fatal(err)
	}
	values, err := Bind(declared, map[string]string{"asOf": "2026-10-01", "ratio": "2", "span": "36h", "all": "true"})
	if err != nil {
		t.Fatal(err)
	}
	if err := InjectValues(nb, values); err != nil {
		t.Fatal(err)
	}
	fromCells, err := Parameters(nb)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(fromCells, WithValues(declared, values)); diff != "" {
		t.Errorf("WithValues and the injected cells disagree (-cells +WithValues):\n%s", diff)
	}
	if declared[0].Value != "30" || declared[1].Value != "" {
		t.Errorf("WithValues changed the declared parameters: %+v", declared[:2])
	}
}

// sessionCell is a parameters cell in the standard reports' form: the
// session opened on the parameters it declares, and a variable.
const sessionCell = "var s = report.Must(report.Open(report.Params{Days: 30, ProductID: 0, AsOf: \"\", LookBackDays: 7})) // window\nvar topN = 10 // keys\n"

// A report.Params literal in the parameters cell declares its fields
// (SessionFields) as parameters named lowerCamel, typed from their values;
// LookBackDays, a report's need, is not one, and neither is the session
// variable.
func TestSessionLiteralDeclaresParameters(t *testing.T) {
	got, err := parseParams(sessionCell)
	if err != nil {
		t.Fatal(err)
	}
	want := []Param{
		{Name: "days", Kind: KindInt, Default: "30", Value: "30", Field: "Days"},
		{Name: "productID", Kind: KindInt, Default: "0", Value: "0", Field: "ProductID"},
		{Name: "asOf", Kind: KindString, Default: "", Value: "", Field: "AsOf"},
		{Name: "topN", Kind: KindInt, Default: "10", Value: "10"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("parseParams (-want +got):\n%s", diff)
	}
	errs := []struct {
		values map[string]string
		want   string
	}{
		{map[string]string{"lookBackDays": "1"}, `unknown parameter "lookBackDays": the parameters are days (int, default 30), productID (int, default 0), asOf (string, default ""), topN (int, default 10)`},
		{map[string]string{"s": "x"}, `unknown parameter "s"`},
		{map[string]string{"days": "0"}, "parameter days=0: the window would be empty or inverted; want a positive number of days, such as 30"},
		{map[string]string{"days": "7.5"}, "parameter days=7.5: days is an int; want a whole number, such as 30"},
		{map[string]string{"productID": "-5"}, "parameter productID=-5: want a product id (a positive number), or 0 for every product"},
		{map[string]string{"asOf": "yesterday"}, "parameter asOf=yesterday: want an RFC 3339 time"},
		{map[string]string{"days": "30", "asOf": "1970-01-10"}, "parameter days=30: a window of 30 days ending 1970-01-10 would start before 1970; want at most 9 days"},
	}
	for _, tt := range errs {
		if _, err := Bind(got, tt.values); err == nil || !strings.HasPrefix(err.Error(), tt.want) || !errors.Is(err, ErrParam) {
			t.Errorf("Bind(%v) = %v, want %q", tt.values, err, tt.want)
		}
	}
}

// InjectValues declares the session again with the given fields' values,
// the others and LookBackDays as the parameters cell has them; the
// parameters then read back are those WithValues gives.
func TestInjectValuesRedeclaresTheSession(t *testing.T) {
	params := ipynb.Cell{CellType: "code", ID: "p", Metadata: map[string]any{"tags": []any{ParametersTag}}, Source: ipynb.MultilineText(sessionCell)}
	nb := &ipynb.Notebook{NBFormat: 4, NBFormatMinor: 5, Cells: []ipynb.Cell{params, {CellType: "code", ID: "c", Metadata: map[string]any{}, Source: "%%\nfmt.Println(s, topN)"}}}
	declared, err := Parameters(nb)
	if err != nil {
		t.Fatal(err)
	}
	values, err := Bind(declared, map[string]string{"topN": "5", "asOf": `2026-10-01`, "days": "7"})
	if err != nil {
		t.Fatal(err)
	}
	if err := InjectValues(nb, values); err != nil {
		t.Fatal(err)
	}
	want := "// Parameters injected by lensbook.\nvar (\n" +
		"\ts = report.Must(report.Open(report.Params{Days: 7, ProductID: 0, AsOf: \"2026-10-01\", LookBackDays: 7}))\n" +
		"\ttopN = 5\n" +
		")\n"
	if diff := cmp.Diff(want, string(nb.Cells[1].Source)); diff != "" {
		t.Errorf("injected cell (-want +got):\n%s", diff)
	}
	fromCells, err := Parameters(nb)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(fromCells, WithValues(declared, values)); diff != "" {
		t.Errorf("WithValues and the injected cells disagree (-cells +WithValues):\n%s", diff)
	}
}

func TestSessionLiteralRules(t *testing.T) {
	// A field set from a variable leaves the parameter to the variable.
	got, err := parseParams("var days, asOf = 30, \"\"\nvar s = report.Must(report.Open(report.Params{Days: days, AsOf: asOf, Key: \"k\"}))\n")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, p := range got {
		names = append(names, p.Name)
	}
	if diff := cmp.Diff([]string{"days", "asOf", "key"}, names); diff != "" {
		t.Errorf("parameters (-want +got):\n%s", diff)
	}
	for src, want := range map[string]string{
		"var days = 30\nvar s = report.Must(report.Open(report.Params{Days: 30}))\n": "days is declared twice (var days and report.Params.Days): declare each parameter once",
		"var s, n = report.Must(report.Open(report.Params{Days: 30})), 3\n":          "declare the variable that holds the report.Params literal alone",
	} {
		if _, err := parseParams(src); err == nil || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("parseParams(%q) = %v, want %q", src, err, want)
		}
	}
}

// Every field of report.Params is either a parameter (SessionFields) or one
// of the report's needs that no --param may change: a new field must take a
// side here.
func TestSessionFieldsAreReportParams(t *testing.T) {
	needs := []string{"LookBackDays"}
	typ := reflect.TypeFor[report.Params]()
	var fields []string
	for i := range typ.NumField() {
		name := typ.Field(i).Name
		fields = append(fields, name)
		if !slices.Contains(SessionFields, name) && !slices.Contains(needs, name) {
			t.Errorf("report.Params.%s is neither a parameter (SessionFields) nor a report's need: decide which", name)
		}
	}
	for _, f := range SessionFields {
		if !slices.Contains(fields, f) {
			t.Errorf("SessionFields names %s, which report.Params lacks", f)
		}
	}
}
