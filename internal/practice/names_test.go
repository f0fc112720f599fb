package practice

import (
	"fmt"
	"go/ast"
	goparser "go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// learnersNames are names a learner's exercise.go may well declare at
// package level: helpers of their own (run, wait, worker...), and an
// import of math/bits. The tests' files share the package, so a test file
// that declares one of them breaks the learner's build with an error in a
// file they did not write.
var learnersNames = []string{"run", "wait", "serve", "worker", "result", "start", "timeout", "d", "fields"}

// TestLearnersNamesAreFree stages every exercise with its reference
// solution as exercise.go, plus a file of the learner's that imports
// math/bits and declares each of learnersNames at package level, and
// checks with go vet that the package and its tests still compile: no
// test file takes a name the learner may use.
func TestLearnersNamesAreFree(t *testing.T) {
	root, err := filepath.Abs("../../exercises")
	if err != nil {
		t.Fatal(err)
	}
	list, err := List(root)
	if err != nil {
		t.Fatal(err)
	}
	mod := t.TempDir()
	gomod, err := os.ReadFile(filepath.Join(root, "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(mod, "go.mod"), gomod, 0o644); err != nil {
		t.Fatal(err)
	}
	extra := "import \"math/bits\"\n\n// The learner's own names.\nvar " + strings.Join(learnersNames, ", ") + " int\n\nvar _ = bits.Len\n"
	for _, e := range list {
		dst := filepath.Join(mod, e.Name)
		if err := stage(dst, e.Dir, filepath.Join(e.Dir, "solution.go")); err != nil {
			t.Fatal(err)
		}
		pkg, err := packageName(filepath.Join(dst, "exercise.go"))
		if err != nil {
			t.Fatal(err)
		}
		src := "package " + pkg + "\n\n" + extra
		if err := os.WriteFile(filepath.Join(dst, "learners_names.go"), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	vet := exec.CommandContext(t.Context(), "go", "vet", "./...")
	vet.Dir = mod
	out, err := vet.CombinedOutput()
	if err == nil {
		return
	}
	clashes := namesClashes(string(out))
	for _, e := range list {
		if lines := clashes[e.Name]; len(lines) > 0 {
			taken, err := takenNames(e.Dir)
			if err != nil {
				t.Fatal(err)
			}
			t.Errorf("%s: a learner's exercise.go that imports math/bits or declares one of %s at package level does not compile with the tests:\n\t%s\nrename the test files' own: %s",
				e.Name, strings.Join(learnersNames, ", "), strings.Join(lines, "\n\t"), strings.Join(taken, ", "))
		}
	}
	if len(clashes) == 0 {
		t.Fatalf("go vet failed, and not on a name:\n%s", out)
	}
}

// packageName is the name in a Go file's package clause.
func packageName(file string) (string, error) {
	src, err := os.ReadFile(file)
	if err != nil {
		return "", err
	}
	m := packageClause.FindSubmatch(src)
	if m == nil {
		return "", fmt.Errorf("%s: no package clause", file)
	}
	return string(m[1]), nil
}

var packageClause = regexp.MustCompile(`(?m)^package (\w+)`)

// A compiler's or vet's complaint about a file of an exercise:
// "vet: 04-check-every-1000/hotloop_test.go:12:2: fields redeclared in this block".
var nameClash = regexp.MustCompile(`(?:^|\s)(?:vet: )?(?:\./)?(\d\d-[a-z0-9-]+)/(\S+\.go:\d+(?::\d+)?: .*)$`)

// namesClashes picks go vet's complaints out of its output, by exercise.
func namesClashes(out string) map[string][]string {
	m := map[string][]string{}
	for _, l := range strings.Split(out, "\n") {
		if c := nameClash.FindStringSubmatch(strings.TrimSpace(l)); c != nil {
			m[c[1]] = append(m[c[1]], c[2])
		}
	}
	return m
}

// takenNames lists the package-level declarations in dir's test files of
// learnersNames and of bits, each with its file:line: go vet names only
// the first clash of a package.
func takenNames(dir string) ([]string, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*_test.go"))
	if err != nil {
		return nil, err
	}
	want := append([]string{"bits"}, learnersNames...)
	var taken []string
	fset := token.NewFileSet()
	for _, f := range files {
		file, err := goparser.ParseFile(fset, f, nil, goparser.SkipObjectResolution)
		if err != nil {
			return nil, err
		}
		var idents []*ast.Ident
		for _, decl := range file.Decls {
			switch decl := decl.(type) {
			case *ast.FuncDecl:
				if decl.Recv == nil {
					idents = append(idents, decl.Name)
				}
			case *ast.GenDecl:
				for _, spec := range decl.Specs {
					switch spec := spec.(type) {
					case *ast.ValueSpec:
						idents = append(idents, spec.Names...)
					case *ast.TypeSpec:
						idents = append(idents, spec.Name)
					}
				}
			}
		}
		for _, id := range idents {
			if slices.Contains(want, id.Name) {
				pos := fset.Position(id.Pos())
				taken = append(taken, fmt.Sprintf("%s (%s:%d)", id.Name, filepath.Base(pos.Filename), pos.Line))
			}
		}
	}
	return taken, nil
}
