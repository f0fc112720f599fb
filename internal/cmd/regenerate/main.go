// Command regenerate rewrites every generated file of the course in one
// pass, each step reading only what the steps before it wrote: "go
// generate ./..." runs it (from lessons/main.go), and it finds the module
// root by itself.
//
//  1. the lessons command's package doc (lessons/doc.go), from its table
//     of commands;
//  2. the scenario transcripts (testdata/scenarios), run on the virtual
//     clock by the test that owns them;
//  3. the command's transcripts (testdata/cli), the lists of the
//     scripts' commands in testdata/README.md, and the course index the
//     README shows (what "lessons list" prints: the lessons' headers);
//     the scripts that print a lesson's text carry a small course of
//     their own, so nothing here depends on the lessons' prose or on the
//     blocks the markdown step generates;
//  4. the tools' transcripts (testdata/tools: go vet, the race detector);
//  5. the ports' transcripts (testdata/ports), where their toolchains are
//     installed (elsewhere they skip and stay as they are);
//  6. the beyond module's transcripts (testdata/beyond: lesson 23's
//     stories, on the virtual clock), by go test in beyond/;
//  7. the markdown: every code block, transcript and figure in the README,
//     the lessons and the guides, the figures, the course index and the
//     performance report (package literate), from the sources and the
//     transcripts above. Nothing before it reads the markdown, so one
//     pass is all it takes.
//
// Each step is a go test run, and go test's cache applies: a step whose
// test reads the same files and environment variables as in a run that
// passed (its goldens among them, and the ports' sources, which its Setup
// copies) is not run again, so a pass with nothing changed takes seconds.
// What go test cannot see is a toolchain installed since: a port that was
// skipped for want of it stays skipped until something it reads changes.
// "GOFLAGS=-count=1 go generate ./..." (or "go clean -testcache") runs
// every step; CI, on a fresh clone, always does.
//
// It never runs a live script (testdata/cli/*_live.txtar): their output
// depends on the machine's timing, so they are tests only, checked with
// patterns, and CI runs them (COURSE_LONG=1 go test ./lessons); nor,
// in the ports' scripts, a run marked [live].
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
		{"command transcripts", func() error {
			return goTest(root, w, "./lessons", "^(TestCommand|TestScriptCommandsListed|TestListInReadme)$", golden.CLI)
		}},
		{"tool transcripts", func() error { return goTest(root, w, "./lessons", "^TestToolTranscripts$", golden.Tools) }},
		{"port transcripts", func() error {
			return goTest(root, w, "./ocaml-compare", "^(TestPorts|TestScriptCommandsListed)$", golden.Ports)
		}},
		{"beyond transcripts", func() error {
			// The beyond module's stories (lesson 23), recorded in the
			// course's testdata/beyond: go test in that module's folder.
			return goTestIn(root, "beyond", w, "./services", "^TestScenarioTranscripts$", golden.Scenarios, "testdata/beyond/*")
		}},
		{"markdown, figures, index, report", func() error { return markdown(root, w) }},
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

// goTest runs the tests run of package pkg with COURSE_REGENERATE=kind,
// so that they rewrite the files they own (in golden.Dir(kind), and their
// parts of testdata/README.md and README.md), and says which files they
// wrote.
func goTest(root string, w io.Writer, pkg, run, kind string) error {
	return goTestIn(root, ".", w, pkg, run, kind, golden.Dir(kind)+"/*", "testdata/README.md", "README.md")
}

// goTestIn is goTest for the package pkg of the module in folder dir
// (relative to root), reporting the files under root that match watch.
func goTestIn(root, dir string, w io.Writer, pkg, run, kind string, watch ...string) error {
	files := func() (map[string]string, error) {
		return contents(root, watch...)
	}
	before, err := files()
	if err != nil {
		return err
	}
	cmd := exec.Command("go", "test", "-run", run, pkg)
	cmd.Dir = filepath.Join(root, dir)
	cmd.Env = append(os.Environ(), golden.Env+"="+kind)
	out, err := cmd.CombinedOutput()
	if err != nil {
		return fmt.Errorf("go test -run %s %s: %v\n%s", run, pkg, err, out)
	}
	after, err := files()
	if err != nil {
		return err
	}
	for _, name := range slices.Sorted(maps.Keys(after)) {
		if before[name] != after[name] {
			fmt.Fprintf(w, "regenerate: wrote %s\n", name)
		}
	}
	return nil
}

// contents reads the files under root that match patterns (slash
// separated, relative to root): path -> content.
func contents(root string, patterns ...string) (map[string]string, error) {
	files := map[string]string{}
	for _, pattern := range patterns {
		matches, err := filepath.Glob(filepath.Join(root, filepath.FromSlash(pattern)))
		if err != nil {
			return nil, err
		}
		for _, m := range matches {
			if info, err := os.Stat(m); err != nil || info.IsDir() {
				continue
			}
			data, err := os.ReadFile(m)
			if err != nil {
				return nil, err
			}
			rel, _ := filepath.Rel(root, m)
			files[filepath.ToSlash(rel)] = string(data)
		}
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
