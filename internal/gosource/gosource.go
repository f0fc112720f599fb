// Package gosource cuts declarations out of Go source, as the course shows
// them: each with its doc comment, printed by go/printer.
package gosource

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/parser"
	"go/printer"
	"go/token"
	"os"
	"path/filepath"
	"strings"
)

// Cut returns the source of the named declarations of a Go file, each
// with its doc comment, printed by go/printer and separated by blank lines.
// A name is a func, a type, a const or var (its whole block is cut), or
// Type.Method.
func Cut(file string, names []string) (string, error) {
	src, err := os.ReadFile(file)
	if err != nil {
		return "", err
	}
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, file, src, parser.ParseComments)
	if err != nil {
		return "", err
	}
	var parts []string
	for _, name := range names {
		decl := FindDecl(f, name)
		if decl == nil {
			return "", fmt.Errorf("%s has no declaration %s", filepath.Base(file), name)
		}
		var buf bytes.Buffer
		cfg := printer.Config{Mode: printer.UseSpaces, Tabwidth: 4}
		if err := cfg.Fprint(&buf, fset, &printer.CommentedNode{Node: decl, Comments: f.Comments}); err != nil {
			return "", err
		}
		parts = append(parts, buf.String())
	}
	return strings.Join(parts, "\n\n") + "\n", nil
}

// FindDecl returns the declaration of name in f: a func, a type, a const
// or var (its whole block), or Type.Method; nil if f has none.
func FindDecl(f *ast.File, name string) ast.Decl {
	recv, method, isMethod := strings.Cut(name, ".")
	for _, decl := range f.Decls {
		switch d := decl.(type) {
		case *ast.FuncDecl:
			if isMethod && d.Recv != nil && d.Name.Name == method && ReceiverName(d.Recv) == recv {
				return d
			}
			if !isMethod && d.Recv == nil && d.Name.Name == name {
				return d
			}
		case *ast.GenDecl:
			if isMethod {
				continue
			}
			for _, spec := range d.Specs {
				switch s := spec.(type) {
				case *ast.TypeSpec:
					if s.Name.Name == name {
						return d
					}
				case *ast.ValueSpec:
					for _, n := range s.Names {
						if n.Name == name {
							return d
						}
					}
				}
			}
		}
	}
	return nil
}

// ReceiverName is the name of a method's receiver type, without its
// pointer or type parameters: "Token" for (t *Token).
func ReceiverName(fields *ast.FieldList) string {
	if len(fields.List) == 0 {
		return ""
	}
	t := fields.List[0].Type
	for {
		switch x := t.(type) {
		case *ast.StarExpr:
			t = x.X
		case *ast.IndexExpr:
			t = x.X
		case *ast.IndexListExpr:
			t = x.X
		case *ast.Ident:
			return x.Name
		default:
			return ""
		}
	}
}
