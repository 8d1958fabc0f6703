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

// Param is one variable declared in the parameters cell.
type Param struct {
	Name    string // Go identifier
	Kind    Kind   // how values are parsed
	Type    string // the declared type, "" when the type comes from the default
	Default string // the default, as it would be given on the command line (strings unquoted)
	Value   string // the value the notebook runs with: the injected one, or Default
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
// cell already there. No values leave the notebook unchanged.
func InjectValues(nb *ipynb.Notebook, values []Value) error {
	if len(values) == 0 {
		return nil
	}
	i := cellWithTag(nb, ParametersTag)
	if i < 0 {
		return &ParamError{Name: values[0].Name, Reason: fmt.Sprintf("the notebook has no cell tagged %q", ParametersTag)}
	}
	var b strings.Builder
	b.WriteString("// Parameters injected by lensbook.\nvar (\n")
	for _, v := range values {
		if v.Type != "" {
			fmt.Fprintf(&b, "\t%s %s = %s\n", v.Name, v.Type, v.expr)
		} else {
			fmt.Fprintf(&b, "\t%s = %s\n", v.Name, v.expr)
		}
	}
	b.WriteString(")\n")
	cell := ipynb.Cell{
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
	nb.Cells = slices.Insert(cells, i+1, cell)
	return nil
}

// parseParams reads the var declarations of a parameters cell. GoNB special
// lines (starting with ! or %) are ignored.
func parseParams(src string) ([]Param, error) {
	var code strings.Builder
	code.WriteString("package p\n")
	for line := range strings.Lines(src) {
		if t := strings.TrimSpace(line); strings.HasPrefix(t, "!") || strings.HasPrefix(t, "%") {
			line = "\n"
		}
		code.WriteString(line)
	}
	text := code.String()
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, "parameters.go", text, parser.SkipObjectResolution)
	if err != nil {
		return nil, fmt.Errorf("not Go declarations: %w", err)
	}
	var params []Param
	for _, decl := range file.Decls {
		gen, ok := decl.(*ast.GenDecl)
		if !ok || gen.Tok != token.VAR {
			continue
		}
		for _, spec := range gen.Specs {
			vs := spec.(*ast.ValueSpec)
			typ := ""
			if vs.Type != nil {
				typ = text[fset.Position(vs.Type.Pos()).Offset:fset.Position(vs.Type.End()).Offset]
			}
			for k, name := range vs.Names {
				p := Param{Name: name.Name, Type: typ}
				var value ast.Expr
				if k < len(vs.Values) {
					value = vs.Values[k]
				}
				p.Kind, p.Default = kindAndDefault(typ, value, text, fset)
				p.Value = p.Default
				params = append(params, p)
			}
		}
	}
	return params, nil
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
