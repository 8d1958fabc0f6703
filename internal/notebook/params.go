package notebook

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/lensbook/lensbook/internal/ipynb"
)

// Cell tags of the parameter cells.
const (
	ParametersTag         = "parameters"          // the notebook's own cell of defaults
	InjectedParametersTag = "injected-parameters" // the cell InjectParameters adds after it
)

// Kind is the Go kind of a parameter, which decides how a value is parsed
// and written.
type Kind string

// The kinds of parameter InjectParameters can set.
const (
	KindString   Kind = "string"
	KindInt      Kind = "int"
	KindFloat    Kind = "float"
	KindBool     Kind = "bool"
	KindDuration Kind = "duration" // declared with type time.Duration; values like "36h"
	KindOther    Kind = "other"    // any other default expression: listed, not settable
)

// SessionFields are the fields of report.Params that are a report's
// parameters when the parameters cell sets them in a report.Params composite
// literal, each named like its field with a lower-case first letter (Days:
// days, ProductID: productID, AsOf: asOf, Key: key):
//
//	var s = report.Must(report.Open(report.Params{Days: 30, ProductID: 0, AsOf: ""}))
//
// declares days, productID and asOf. Only the fields the literal writes, with
// a literal value, are parameters (a field set from a variable, `Days: days`,
// leaves the parameter to the variable). Any other field of report.Params,
// such as LookBackDays (the days before the window a trailing average needs),
// is what the report needs, not an input: it is never a parameter, so no
// `--param` can change it.
var SessionFields = []string{"Days", "ProductID", "AsOf", "Key"}

// sessionType is the type of the composite literal whose SessionFields are
// parameters.
const sessionType = "report.Params"

// Param is one parameter declared in the parameters cell: a variable, or a
// field of the cell's report.Params literal (SessionFields).
type Param struct {
	Name    string // Go identifier; for a field, the field's name with a lower-case first letter
	Kind    Kind   // how values are parsed
	Type    string // the declared type, "" when the type comes from the default
	Default string // the default, as it would be given on the command line (strings unquoted)
	Value   string // the value the notebook runs with: the injected one, or Default
	Field   string // the report.Params field it sets (Days); "" for a variable
}

// Parameters lists the variables of the cell tagged "parameters", in
// declaration order, with the values of the "injected-parameters" cell when
// there is one. A notebook without a parameters cell has none.
func Parameters(nb *ipynb.Notebook) ([]Param, error) {
	i := cellWithTag(nb, ParametersTag)
	if i < 0 {
		return nil, nil
	}
	params, err := parseParams(string(nb.Cells[i].Source))
	if err != nil {
		return nil, fmt.Errorf("notebook: parameters cell %d: %w", i+1, err)
	}
	if j := cellWithTag(nb, InjectedParametersTag); j >= 0 {
		injected, err := parseParams(string(nb.Cells[j].Source))
		if err != nil {
			return nil, fmt.Errorf("notebook: injected-parameters cell %d: %w", j+1, err)
		}
		byName := map[string]Param{}
		for _, p := range injected {
			byName[p.Name] = p
		}
		for k := range params {
			if p, ok := byName[params[k].Name]; ok {
				params[k].Value = p.Default
			}
		}
	}
	return params, nil
}

// InjectParameters sets parameters of the notebook from command-line
// values: it parses and checks them with Bind, then writes them with
// InjectValues. Values are given as on the command line: strings unquoted,
// numbers, true/false, durations like "36h". An unknown name, a value that
// does not parse as the parameter's kind or gives an empty window, or values
// for a notebook without a parameters cell are errors (wrapping ErrParam),
// and leave the notebook unchanged.
func InjectParameters(nb *ipynb.Notebook, values map[string]string) error {
	if len(values) == 0 {
		return nil
	}
	_, err := injectParameters(nb, values)
	return err
}

// injectParameters is InjectParameters, returning the parameters the
// notebook then runs with (WithValues).
func injectParameters(nb *ipynb.Notebook, values map[string]string) ([]Param, error) {
	if cellWithTag(nb, ParametersTag) < 0 {
		return nil, &ParamError{Name: strings.Join(slices.Sorted(maps.Keys(values)), ", "), Reason: fmt.Sprintf("the notebook has no cell tagged %q", ParametersTag)}
	}
	declared, err := Parameters(nb)
	if err != nil {
		return nil, err
	}
	bound, err := Bind(declared, values)
	if err != nil {
		return nil, err
	}
	if err := InjectValues(nb, bound); err != nil {
		return nil, err
	}
	return WithValues(declared, bound), nil
}

// InjectValues writes values, bound by Bind, into the notebook: it adds,
// right after the cell tagged "parameters", a cell tagged
// "injected-parameters" that declares the variables again (GoNB lets a later
// declaration of a global replace the earlier one), replacing any injected
// cell already there. A value of a report.Params field declares again the
// variable that holds the literal, as the parameters cell declares it with
// the given fields' values in place of their defaults. No values leave the
// notebook unchanged.
func InjectValues(nb *ipynb.Notebook, values []Value) error {
	if len(values) == 0 {
		return nil
	}
	i := cellWithTag(nb, ParametersTag)
	if i < 0 {
		return &ParamError{Name: values[0].Name, Reason: fmt.Sprintf("the notebook has no cell tagged %q", ParametersTag)}
	}
	declared, err := parseCell(string(nb.Cells[i].Source))
	if err != nil {
		return fmt.Errorf("notebook: parameters cell %d: %w", i+1, err)
	}
	var b strings.Builder
	b.WriteString("// Parameters injected by lensbook.\nvar (\n")
	redeclared := map[*ast.ValueSpec]bool{}
	for _, v := range values {
		switch {
		case v.Field != "":
			spec := declared.sessionSpec(v.Field)
			if spec == nil {
				return &ParamError{Name: v.Name, Value: v.Value, Reason: fmt.Sprintf("the parameters cell sets no %s.%s", sessionType, v.Field)}
			}
			if !redeclared[spec] {
				redeclared[spec] = true
				fmt.Fprintf(&b, "\t%s\n", declared.withFields(spec, values))
			}
		case v.Type != "":
			fmt.Fprintf(&b, "\t%s %s = %s\n", v.Name, v.Type, v.expr)
		default:
			fmt.Fprintf(&b, "\t%s = %s\n", v.Name, v.expr)
		}
	}
	b.WriteString(")\n")
	injected := ipynb.Cell{
		CellType: "code",
		ID:       InjectedParametersTag,
		Metadata: map[string]any{"tags": []any{InjectedParametersTag}},
		Source:   ipynb.MultilineText(b.String()),
	}
	cells := slices.Clone(nb.Cells)
	if j := cellWithTag(nb, InjectedParametersTag); j >= 0 {
		cells = slices.Delete(cells, j, j+1)
		if j < i {
			i--
		}
	}
	nb.Cells = slices.Insert(cells, i+1, injected)
	return nil
}

// paramsCell is a parameters cell parsed as Go declarations.
type paramsCell struct {
	text string // the cell as a Go file: a package clause, then the cell with GoNB's special lines blanked
	fset *token.FileSet
	file *ast.File
}

// parseCell parses the var declarations of a parameters cell. GoNB special
// lines (starting with ! or %) are ignored.
func parseCell(src string) (*paramsCell, error) {
	var code strings.Builder
	code.WriteString("package p\n")
	for line := range strings.Lines(src) {
		if t := strings.TrimSpace(line); strings.HasPrefix(t, "!") || strings.HasPrefix(t, "%") {
			line = "\n"
		}
		code.WriteString(line)
	}
	c := &paramsCell{text: code.String(), fset: token.NewFileSet()}
	file, err := parser.ParseFile(c.fset, "parameters.go", c.text, parser.SkipObjectResolution)
	if err != nil {
		return nil, fmt.Errorf("not Go declarations: %w", err)
	}
	c.file = file
	return c, nil
}

// source is the cell's text of node n.
func (c *paramsCell) source(n ast.Node) string {
	return c.text[c.fset.Position(n.Pos()).Offset:c.fset.Position(n.End()).Offset]
}

// specs lists the cell's var specs, in order.
func (c *paramsCell) specs() []*ast.ValueSpec {
	var out []*ast.ValueSpec
	for _, decl := range c.file.Decls {
		gen, ok := decl.(*ast.GenDecl)
		if !ok || gen.Tok != token.VAR {
			continue
		}
		for _, spec := range gen.Specs {
			out = append(out, spec.(*ast.ValueSpec))
		}
	}
	return out
}

// sessionLiteral returns the report.Params composite literal in a var
// spec's values, or nil.
func (c *paramsCell) sessionLiteral(vs *ast.ValueSpec) *ast.CompositeLit {
	var found *ast.CompositeLit
	for _, v := range vs.Values {
		ast.Inspect(v, func(n ast.Node) bool {
			if lit, ok := n.(*ast.CompositeLit); ok && found == nil && lit.Type != nil && c.source(lit.Type) == sessionType {
				found = lit
			}
			return found == nil
		})
	}
	return found
}

// sessionParams returns the fields of a report.Params literal that are
// parameters (SessionFields set to something other than a variable), in
// the literal's order.
func sessionParams(lit *ast.CompositeLit) []*ast.KeyValueExpr {
	var out []*ast.KeyValueExpr
	for _, e := range lit.Elts {
		kv, ok := e.(*ast.KeyValueExpr)
		if !ok {
			continue
		}
		key, ok := kv.Key.(*ast.Ident)
		if !ok || !slices.Contains(SessionFields, key.Name) {
			continue
		}
		if id, ok := kv.Value.(*ast.Ident); ok && id.Name != "true" && id.Name != "false" {
			continue // a variable: it is the parameter, if the cell declares it
		}
		out = append(out, kv)
	}
	return out
}

// sessionSpec returns the var spec whose report.Params literal sets field
// as a parameter, or nil.
func (c *paramsCell) sessionSpec(field string) *ast.ValueSpec {
	for _, vs := range c.specs() {
		if lit := c.sessionLiteral(vs); lit != nil {
			for _, kv := range sessionParams(lit) {
				if kv.Key.(*ast.Ident).Name == field {
					return vs
				}
			}
		}
	}
	return nil
}

// withFields is the text of a var spec holding a report.Params literal
// (`s = report.Must(report.Open(report.Params{Days: 30}))`) with the fields
// given in values set to them.
func (c *paramsCell) withFields(vs *ast.ValueSpec, values []Value) string {
	start := c.fset.Position(vs.Pos()).Offset
	text := c.source(vs)
	params := sessionParams(c.sessionLiteral(vs))
	for k := len(params) - 1; k >= 0; k-- {
		kv := params[k]
		for _, v := range values {
			if v.Field == kv.Key.(*ast.Ident).Name {
				from, to := c.fset.Position(kv.Value.Pos()).Offset-start, c.fset.Position(kv.Value.End()).Offset-start
				text = text[:from] + v.expr + text[to:]
			}
		}
	}
	return text
}

// fieldParam is the name of the parameter a report.Params field declares:
// the field's name with a lower-case first letter.
func fieldParam(field string) string {
	return strings.ToLower(field[:1]) + field[1:]
}

// parseParams reads the parameters a parameters cell declares: its
// variables, and the fields of its report.Params literal (SessionFields). A
// name declared twice is an error, and so is a var spec that declares the
// variable holding the literal together with others.
func parseParams(src string) ([]Param, error) {
	c, err := parseCell(src)
	if err != nil {
		return nil, err
	}
	var params []Param
	for _, vs := range c.specs() {
		typ := ""
		if vs.Type != nil {
			typ = c.source(vs.Type)
		}
		if lit := c.sessionLiteral(vs); lit != nil {
			if len(vs.Names) != 1 {
				return nil, fmt.Errorf("declare the variable that holds the %s literal alone (var s = report.Must(report.Open(%s{...}))), not with %d others", sessionType, sessionType, len(vs.Names)-1)
			}
			for _, kv := range sessionParams(lit) {
				field := kv.Key.(*ast.Ident).Name
				p := Param{Name: fieldParam(field), Field: field}
				p.Kind, p.Default = kindAndDefault("", kv.Value, c.text, c.fset)
				p.Value = p.Default
				params = append(params, p)
			}
			continue
		}
		for k, name := range vs.Names {
			p := Param{Name: name.Name, Type: typ}
			var value ast.Expr
			if k < len(vs.Values) {
				value = vs.Values[k]
			}
			p.Kind, p.Default = kindAndDefault(typ, value, c.text, c.fset)
			p.Value = p.Default
			params = append(params, p)
		}
	}
	seen := map[string]Param{}
	for _, p := range params {
		if q, dup := seen[p.Name]; dup {
			return nil, fmt.Errorf("%s is declared twice (%s and %s): declare each parameter once", p.Name, declaredAs(q), declaredAs(p))
		}
		seen[p.Name] = p
	}
	return params, nil
}

// declaredAs says how a parameter is declared, for a message.
func declaredAs(p Param) string {
	if p.Field != "" {
		return sessionType + "." + p.Field
	}
	return "var " + p.Name
}

// kindAndDefault decides a parameter's kind from its declared type, or else
// from its default, and writes the default as a command-line value.
func kindAndDefault(typ string, value ast.Expr, text string, fset *token.FileSet) (Kind, string) {
	source := ""
	if value != nil {
		source = text[fset.Position(value.Pos()).Offset:fset.Position(value.End()).Offset]
	}
	kind := kindOfType(typ)
	lit, isLit := literal(value)
	if typ == "" && isLit {
		kind = lit.kind
	}
	switch {
	case kind == KindString && isLit && lit.kind == KindString:
		return kind, lit.text
	case kind == KindDuration && isLit && lit.kind == KindInt:
		if n, err := strconv.ParseInt(lit.text, 0, 64); err == nil {
			return kind, time.Duration(n).String()
		}
		return kind, source
	case kind == KindDuration && value != nil:
		return kind, source
	case isLit && (kind == lit.kind || kind == KindFloat && lit.kind == KindInt):
		return kind, lit.text
	case value == nil && kind != KindOther:
		return kind, zeroText(kind)
	case typ == "":
		return KindOther, source
	}
	return kind, source
}

func zeroText(k Kind) string {
	switch k {
	case KindInt:
		return "0"
	case KindFloat:
		return "0.0"
	case KindBool:
		return "false"
	case KindDuration:
		return "0s"
	}
	return ""
}

func kindOfType(typ string) Kind {
	switch typ {
	case "":
		return ""
	case "string":
		return KindString
	case "int", "int8", "int16", "int32", "int64", "uint", "uint8", "uint16", "uint32", "uint64":
		return KindInt
	case "float32", "float64":
		return KindFloat
	case "bool":
		return KindBool
	case "time.Duration":
		return KindDuration
	}
	return KindOther
}

type literalValue struct {
	kind Kind
	text string
}

// literal reads a literal default: a basic literal (possibly negated), or
// true/false.
func literal(e ast.Expr) (literalValue, bool) {
	switch e := e.(type) {
	case *ast.BasicLit:
		switch e.Kind {
		case token.INT:
			return literalValue{KindInt, e.Value}, true
		case token.FLOAT:
			return literalValue{KindFloat, e.Value}, true
		case token.STRING:
			s, err := strconv.Unquote(e.Value)
			return literalValue{KindString, s}, err == nil
		}
	case *ast.Ident:
		if e.Name == "true" || e.Name == "false" {
			return literalValue{KindBool, e.Name}, true
		}
	case *ast.UnaryExpr:
		if inner, ok := literal(e.X); ok && e.Op == token.SUB && (inner.kind == KindInt || inner.kind == KindFloat) {
			return literalValue{inner.kind, "-" + inner.text}, true
		}
	case *ast.ParenExpr:
		return literal(e.X)
	}
	return literalValue{}, false
}

// cellWithTag returns the index of the first cell carrying tag, or -1.
func cellWithTag(nb *ipynb.Notebook, tag string) int {
	for i, c := range nb.Cells {
		if c.HasTag(tag) {
			return i
		}
	}
	return -1
}
