package notebook

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/lensbook/lensbook/internal/ipynb"
)

// Cells call lensbook's packages without importing them (display.Bars,
// frames.CountBy...): GoNB runs goimports on each cell's program, which adds
// the imports. goimports finds a package it is not told about by walking
// the module cache, about a second of a cell's time each time a cell uses a
// package that its program does not import yet, and GoNB forgets the
// imports of a cell's main body, so that is most cells. goimports first
// looks at the files beside the program, though: a package one of them
// imports, and whose names it uses, is taken without a search. Execute
// therefore puts a file beside every cell's program, in the kernel's
// scratch module, that imports lensbook's public packages and the
// DataFrame packages and names every identifier they export. It is
// excluded from the build (go:build ignore), so it changes no program: a
// cell's imports are those goimports would have found, sooner.

// ImportsFileName is the file Execute puts in GoNB's scratch module.
const ImportsFileName = "lensbook_imports.go"

// importHintPackages are the packages outside pkg/ that notebooks call by
// their short name.
var importHintPackages = []string{
	"github.com/go-gota/gota/dataframe",
	"github.com/go-gota/gota/series",
}

var importsFiles struct {
	sync.Mutex
	byRoot map[string][]byte
}

// importsFile returns the content of ImportsFileName for the checkout at
// root, made once per process.
func importsFile(root string) ([]byte, error) {
	importsFiles.Lock()
	defer importsFiles.Unlock()
	if b, ok := importsFiles.byRoot[root]; ok {
		return b, nil
	}
	b, err := makeImportsFile(root)
	if err != nil {
		return nil, err
	}
	if importsFiles.byRoot == nil {
		importsFiles.byRoot = map[string][]byte{}
	}
	importsFiles.byRoot[root] = b
	return b, nil
}

// hintedPackage is a package the imports file names.
type hintedPackage struct {
	path, name string
	exports    []string
}

func makeImportsFile(root string) ([]byte, error) {
	dirs := map[string]string{} // import path -> folder
	err := filepath.WalkDir(filepath.Join(root, "pkg"), func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "testdata" || d.Name() == "internal" || strings.HasPrefix(d.Name(), ".")) {
			return filepath.SkipDir
		}
		if d.IsDir() {
			rel, err := filepath.Rel(root, path)
			if err != nil {
				return err
			}
			dirs[ModulePath+"/"+filepath.ToSlash(rel)] = path
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	// The folders of the other packages, from the checkout's build list.
	cmd := exec.Command("go", append([]string{"list", "-e", "-f", "{{.ImportPath}} {{.Dir}}"}, importHintPackages...)...)
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=readonly")
	if out, err := cmd.Output(); err == nil {
		for line := range strings.Lines(string(out)) {
			if path, dir, ok := strings.Cut(strings.TrimSpace(line), " "); ok && dir != "" {
				dirs[path] = dir
			}
		}
	}
	var pkgs []hintedPackage
	for _, path := range slices.Sorted(maps.Keys(dirs)) {
		if p, ok := exportedNames(path, dirs[path]); ok {
			pkgs = append(pkgs, p)
		}
	}
	var b bytes.Buffer
	b.WriteString("//go:build ignore\n\n")
	b.WriteString("// Put here by lensbook (internal/notebook) for goimports: see imports.go.\n")
	b.WriteString("package main\n\nimport (\n")
	for _, p := range pkgs {
		fmt.Fprintf(&b, "\t%s %q\n", p.name, p.path)
	}
	b.WriteString(")\n\nvar _ = []any{\n")
	for _, p := range pkgs {
		for _, name := range p.exports {
			fmt.Fprintf(&b, "\t%s.%s,\n", p.name, name)
		}
	}
	b.WriteString("}\n")
	return b.Bytes(), nil
}

// exportedNames reads the package in dir: its name and the names it
// exports at package level. ok is false for a folder without a library
// package.
func exportedNames(path, dir string) (hintedPackage, bool) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return hintedPackage{}, false
	}
	p := hintedPackage{path: path}
	seen := map[string]bool{}
	fset := token.NewFileSet()
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, filepath.Join(dir, name), nil, parser.SkipObjectResolution)
		if err != nil || f.Name.Name == "main" || f.Name.Name == "documentation" {
			continue
		}
		p.name = f.Name.Name
		add := func(id *ast.Ident) {
			if id.IsExported() && !seen[id.Name] {
				seen[id.Name] = true
				p.exports = append(p.exports, id.Name)
			}
		}
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				if d.Recv == nil {
					add(d.Name)
				}
			case *ast.GenDecl:
				for _, s := range d.Specs {
					switch s := s.(type) {
					case *ast.TypeSpec:
						add(s.Name)
					case *ast.ValueSpec:
						for _, n := range s.Names {
							add(n)
						}
					}
				}
			}
		}
	}
	slices.Sort(p.exports)
	return p, p.name != "" && len(p.exports) > 0
}

// importsPrelude is the line Execute puts at the top of the first code
// cell of the notebook it runs: it copies the imports file at path into
// the kernel's scratch module. It prints nothing and cannot fail the cell.
// (GoNB's `go get` before each build, which %noautoget would skip, stays:
// it costs 0.04 CPU s a cell, and when the module cache lacks a module its
// message says which package of the cell needs it, which go build's does
// not.)
func importsPrelude(path string) string {
	return "!*cp '" + path + "' " + ImportsFileName + " 2>/dev/null || true\n"
}

// addImportsPrelude writes the imports file into the run's folder and puts
// the line that copies it at the top of nb's first code cell (nb is
// changed in place; its cells are cloned first). It returns the cell's
// place and its source as it was, to be put back after the run, or -1 when
// the notebook has no code cell that can take the line (a cell magic such
// as %%writefile must be the first line), or the file cannot be made.
func addImportsPrelude(nb *ipynb.Notebook, root, runDir string) (int, ipynb.MultilineText) {
	i := slices.IndexFunc(nb.Cells, func(c ipynb.Cell) bool { return c.CellType == "code" })
	if i < 0 {
		return -1, ""
	}
	src := nb.Cells[i].Source
	if first, _, _ := strings.Cut(strings.TrimLeft(string(src), " \t\n"), "\n"); strings.HasPrefix(first, "%%") && len(strings.TrimSpace(first)) > 2 {
		return -1, ""
	}
	content, err := importsFile(root)
	if err != nil {
		return -1, ""
	}
	path := filepath.Join(runDir, ImportsFileName)
	if strings.ContainsRune(path, '\'') || os.WriteFile(path, content, 0o600) != nil {
		return -1, ""
	}
	nb.Cells = slices.Clone(nb.Cells)
	nb.Cells[i].Source = ipynb.MultilineText(importsPrelude(path)) + src
	return i, src
}
