// Command regenerate rewrites every generated file of the course, in
// dependency order, one step after the other: "go generate ./..." runs it
// (from lessons/main.go), and it finds the module root by itself.
//
//  1. the lessons command's package doc (lessons/doc.go), from its table
//     of commands;
//  2. the scenario transcripts (testdata/scenarios), run on the virtual
//     clock by the test that owns them;
//  3. the markdown: every code block, transcript and figure in the README,
//     the lessons and the guides, the figures, the course index and the
//     performance report (package literate);
//  4. the command's transcripts (testdata/cli), which show lessons' text;
//  5. the tools' transcripts (testdata/tools: go vet, the race detector);
//  6. the ports' transcripts (testdata/ports), where their toolchains are
//     installed (elsewhere they skip and stay as they are);
//  7. the markdown again, since it quotes the command's transcripts (the
//     README's command list is "lessons help"); then it checks that a
//     further pass would change nothing.
//
// Before it accepts a change in a scenario's transcript it prints what
// changed in behaviour (which step, which time), so that whoever runs it
// sees what they accept. Tests never write these files: they only check.
package main

import (
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"

	"github.com/rogpeppe/go-internal/txtar"

	"example.com/cancellation/internal/golden"
	"example.com/cancellation/internal/literate"
	"example.com/cancellation/internal/transcript"
)

func main() {
	if len(os.Args) > 1 {
		fmt.Fprintln(os.Stderr, "usage: go run ./internal/cmd/regenerate   (takes no arguments; go generate ./... runs it)")
		os.Exit(2)
	}
	if err := run(os.Stdout); err != nil {
		fmt.Fprintf(os.Stderr, "regenerate: %v\n", err)
		os.Exit(1)
	}
}

func run(w io.Writer) error {
	root, err := moduleRoot()
	if err != nil {
		return err
	}
	before, err := goldens(root)
	if err != nil {
		return err
	}
	steps := []struct {
		what string
		do   func() error
	}{
		{"command docs", func() error { return goTest(root, w, "./lessons", "^TestDocsUpToDate$", golden.Docs) }},
		{"scenario transcripts", func() error { return goTest(root, w, "./lessons", "^TestScenarioTranscripts$", golden.Scenarios) }},
		{"markdown, figures, index, report", func() error { return markdown(root, w) }},
		{"command transcripts", func() error { return goTest(root, w, "./lessons", "^TestCommand$", golden.CLI) }},
		{"tool transcripts", func() error { return goTest(root, w, "./lessons", "^TestToolTranscripts$", golden.Tools) }},
		{"port transcripts", func() error { return goTest(root, w, "./ocaml-compare", "^TestPorts$", golden.Ports) }},
		{"markdown again", func() error { return markdown(root, w) }},
	}
	for _, s := range steps {
		if err := s.do(); err != nil {
			return fmt.Errorf("%s: %w", s.what, err)
		}
	}
	after, err := goldens(root)
	if err != nil {
		return err
	}
	report(w, before, after)
	files, err := literate.Generate(root)
	if err != nil {
		return err
	}
	if stale, _, err := literate.Stale(root, files); err != nil || len(stale) > 0 {
		return fmt.Errorf("regeneration does not settle: a further pass would change %q (%v)", stale, err)
	}
	return nil
}

// markdown regenerates the markdown, figures and index, and says what it
// wrote.
func markdown(root string, w io.Writer) error {
	files, err := literate.Generate(root)
	if err != nil {
		return err
	}
	changed, err := literate.Write(root, files)
	for _, p := range changed {
		fmt.Fprintln(w, "regenerate: wrote", p)
	}
	return err
}

// goTest runs one test of one package with COURSE_REGENERATE=kind, so that
// it rewrites the files of kind it owns (in golden.Dir(kind)), and says
// which files it wrote.
func goTest(root string, w io.Writer, pkg, run, kind string) error {
	dir := golden.Dir(kind)
	before, err := contents(filepath.Join(root, dir))
	if err != nil {
		return err
	}
	cmd := exec.Command("go", "test", "-count=1", "-run", run, pkg)
	cmd.Dir = root
	cmd.Env = append(os.Environ(), golden.Env+"="+kind)
	out, err := cmd.CombinedOutput()
	if err != nil {
		return fmt.Errorf("go test -run %s %s: %v\n%s", run, pkg, err, out)
	}
	after, err := contents(filepath.Join(root, dir))
	if err != nil {
		return err
	}
	for _, name := range slices.Sorted(maps.Keys(after)) {
		if before[name] != after[name] {
			fmt.Fprintf(w, "regenerate: wrote %s/%s\n", dir, name)
		}
	}
	return nil
}

// contents reads the files of dir: name -> content.
func contents(dir string) (map[string]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	files := map[string]string{}
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			return nil, err
		}
		files[e.Name()] = string(data)
	}
	return files, nil
}

// goldens reads the golden parts of the scenario scripts: file/part -> text.
func goldens(root string) (map[string]string, error) {
	files, err := filepath.Glob(filepath.Join(root, "testdata", "scenarios", "*.txtar"))
	if err != nil {
		return nil, err
	}
	parts := map[string]string{}
	for _, f := range files {
		a, err := txtar.ParseFile(f)
		if err != nil {
			return nil, err
		}
		for _, p := range a.Files {
			parts[filepath.Base(f)+" "+p.Name] = string(p.Data)
		}
	}
	return parts, nil
}

// report prints, for every scenario transcript that changed, what changed
// in behaviour.
func report(w io.Writer, before, after map[string]string) {
	for _, k := range slices.Sorted(maps.Keys(after)) {
		if before[k] == after[k] {
			continue
		}
		fmt.Fprintf(w, "regenerate: accepted a change of behaviour in testdata/scenarios/%s:\n", strings.Replace(k, " ", " (", 1)+")")
		for _, c := range transcript.Changes(before[k], after[k]) {
			fmt.Fprintf(w, "  - %s\n", c)
		}
	}
}

func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.mod in this folder or above it")
		}
		dir = parent
	}
}
