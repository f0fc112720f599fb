package proofread

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"example.com/cancellation/internal/course"
	"example.com/cancellation/internal/gosource"
)

// module is the course's module path: its packages under internal/ are
// the course's machinery, which no shown code may name.
const module = "example.com/cancellation"

// CheckPlainGo finds the Go a page shows that a learner could not paste
// into a program of their own. Every declaration a code directive shows
// may use the standard library, the course's std and ctxversion, and
// modules such as x/sync, but no package under internal/: the course's
// machinery (its events, recordings, figures) watches from outside the
// code it shows. The stories the course tells live in internal/ (package
// scenario) but are plain Go too: a declaration a shown story uses from
// its own package must be shown as well, on the same page or, for a
// lesson, in an earlier one, so that nothing it needs is hidden. (A
// declaration of std or ctxversion may use the rest of its package: a
// learner imports it.)
//
// It returns one message per name, "file:line: message", naming the page
// and the directive's line.
func CheckPlainGo(root string) ([]string, error) {
	docs, err := course.LoadSources(root)
	if err != nil {
		return nil, err
	}
	var problems []string
	shownBefore := map[string]bool{} // "dir.Name", shown by an earlier lesson
	for _, doc := range docs {
		lesson := path.Dir(doc.File) == "lessons"
		shown := map[string]bool{}
		var codes []course.Code
		var lines []int
		for _, d := range doc.Directives {
			if c, ok := d.Elem.(course.Code); ok {
				codes, lines = append(codes, c), append(lines, d.Line)
				for _, name := range c.Decls {
					shown[path.Dir(c.File)+"."+name] = true
				}
			}
		}
		for i, c := range codes {
			line := lines[i]
			dir := path.Dir(c.File)
			pkg, err := parsePackage(filepath.Join(root, filepath.FromSlash(dir)))
			if err != nil {
				return nil, fmt.Errorf("%s:%d: %v", doc.File, line, err)
			}
			file := pkg.files[path.Base(c.File)]
			if file == nil {
				return nil, fmt.Errorf("%s:%d: no Go file %s", doc.File, line, c.File)
			}
			for _, name := range c.Decls {
				decl := gosource.FindDecl(file, name)
				if decl == nil {
					continue // the generator says so
				}
				for _, u := range uses(file, decl, pkg.names) {
					switch {
					case u.internal != "":
						problems = append(problems, fmt.Sprintf("%s:%d: %s in %s names %s, from the course's package %s: show plain Go (the standard library, std, ctxversion) and record what the course needs from outside it",
							doc.File, line, name, c.File, u.name, u.internal))
					case strings.HasPrefix(dir, "internal/") && !shown[dir+"."+u.name] && !shownBefore[dir+"."+u.name]:
						problems = append(problems, fmt.Sprintf("%s:%d: %s in %s uses %s, which no code block shows here%s: show it, or write the code without it",
							doc.File, line, name, c.File, u.name, map[bool]string{true: " or in an earlier lesson"}[lesson]))
					}
				}
			}
		}
		if lesson {
			for k := range shown {
				shownBefore[k] = true
			}
		}
	}
	slices.Sort(problems)
	return slices.Compact(problems), nil
}

// goPackage is the non-test Go files of a folder, parsed, and the names
// they declare at package level.
type goPackage struct {
	files map[string]*ast.File // by base name
	names map[string]bool
}

func parsePackage(dir string) (goPackage, error) {
	matches, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		return goPackage{}, err
	}
	pkg := goPackage{files: map[string]*ast.File{}, names: map[string]bool{}}
	fset := token.NewFileSet()
	for _, m := range matches {
		src, err := os.ReadFile(m)
		if err != nil {
			return goPackage{}, err
		}
		f, err := parser.ParseFile(fset, m, src, parser.ParseComments)
		if err != nil {
			return goPackage{}, err
		}
		pkg.files[filepath.Base(m)] = f
		if strings.HasSuffix(m, "_test.go") {
			continue // a test's helpers are not the package's
		}
		for _, decl := range f.Decls {
			switch d := decl.(type) {
			case *ast.FuncDecl:
				if d.Recv == nil {
					pkg.names[d.Name.Name] = true
				}
			case *ast.GenDecl:
				for _, spec := range d.Specs {
					switch s := spec.(type) {
					case *ast.TypeSpec:
						pkg.names[s.Name.Name] = true
					case *ast.ValueSpec:
						for _, n := range s.Names {
							pkg.names[n.Name] = true
						}
					}
				}
			}
		}
	}
	return pkg, nil
}

// use is a name a declaration uses from outside itself: a package-level
// name of its own package, or one from an internal package (internal is
// then that package's path).
type use struct {
	name, internal string
}

// uses returns the names decl uses from its own package (those in names,
// declared outside decl) and from the course's internal packages.
func uses(f *ast.File, decl ast.Decl, names map[string]bool) []use {
	imports := map[string]string{} // the name a file uses -> the path
	for _, spec := range f.Imports {
		p, _ := strconv.Unquote(spec.Path.Value)
		name := path.Base(p)
		if spec.Name != nil {
			name = spec.Name.Name
		}
		imports[name] = p
	}
	self := map[string]bool{} // what decl itself declares at the top
	switch d := decl.(type) {
	case *ast.FuncDecl:
		if d.Recv == nil {
			self[d.Name.Name] = true
		} else {
			self[gosource.ReceiverName(d.Recv)] = true
		}
	case *ast.GenDecl:
		for _, spec := range d.Specs {
			switch s := spec.(type) {
			case *ast.TypeSpec:
				self[s.Name.Name] = true
			case *ast.ValueSpec:
				for _, n := range s.Names {
					self[n.Name] = true
				}
			}
		}
	}
	var out []use
	ast.Inspect(decl, func(n ast.Node) bool {
		switch x := n.(type) {
		case *ast.SelectorExpr:
			if id, ok := x.X.(*ast.Ident); ok && id.Obj == nil {
				if p, ok := imports[id.Name]; ok {
					if strings.HasPrefix(p, module+"/internal/") || strings.Contains(p, "/internal/") && strings.HasPrefix(p, module+"/") {
						out = append(out, use{name: id.Name + "." + x.Sel.Name, internal: p})
					}
					return false
				}
			}
			ast.Inspect(x.X, func(n ast.Node) bool { return visitIdent(n, decl, names, self, &out) })
			return false // x.Sel is a field or method, not a name of the package
		case *ast.KeyValueExpr:
			if _, ok := x.Key.(*ast.Ident); ok {
				// A struct literal's field name; a map key that is a
				// package-level name is rare enough to miss.
				ast.Inspect(x.Value, func(n ast.Node) bool { return visitIdent(n, decl, names, self, &out) })
				return false
			}
		}
		return visitIdent(n, decl, names, self, &out)
	})
	return out
}

// visitIdent records id if it names a package-level declaration of the
// package that is not decl itself nor declared inside it.
func visitIdent(n ast.Node, decl ast.Decl, names, self map[string]bool, out *[]use) bool {
	id, ok := n.(*ast.Ident)
	if !ok {
		return true
	}
	if !names[id.Name] || self[id.Name] {
		return true
	}
	if id.Obj != nil {
		if p, ok := id.Obj.Decl.(ast.Node); ok && p.Pos() >= decl.Pos() && p.End() <= decl.End() {
			return true // declared inside decl: a local
		}
	}
	if isDefinition(id, decl) {
		return true
	}
	*out = append(*out, use{name: id.Name})
	return true
}

// isDefinition reports whether id is where a name is declared inside decl
// (a parameter, a result, a field, a local): not a use.
func isDefinition(id *ast.Ident, decl ast.Decl) bool {
	found := false
	ast.Inspect(decl, func(n ast.Node) bool {
		if found {
			return false
		}
		switch x := n.(type) {
		case *ast.Field:
			found = slices.Contains(x.Names, id)
		case *ast.ValueSpec:
			found = slices.Contains(x.Names, id)
		case *ast.TypeSpec:
			found = x.Name == id
		case *ast.AssignStmt:
			if x.Tok == token.DEFINE {
				for _, l := range x.Lhs {
					found = found || l == id
				}
			}
		case *ast.RangeStmt:
			found = x.Tok == token.DEFINE && (x.Key == id || x.Value == id)
		}
		return !found
	})
	return found
}
