// Package literate keeps the course's markdown true to its sources. Prose is
// written by hand; every code block, transcript and figure in it is
// generated from the compiled sources and the verified transcripts, in place,
// between a directive and an end marker that GitHub does not show:
//
//	<!-- code: std/task.go LongTask -->
//	<!-- end -->
//
// The directives (paths are relative to the module root):
//
//	code: FILE DECL...         Go declarations, cut with go/ast and printed
//	                           with go/printer: a func, Type.Method, a type,
//	                           or any name of a const or var block
//	span: FILE NAME            the lines of any file between "@begin NAME"
//	                           and "@end NAME" markers
//	transcript: FILE [PART]    a file of a txtar archive (the only one if
//	                           PART is left out): a golden transcript, or the
//	                           program a script runs
//	figure: NAME FILE PART "TITLE" [FILE PART "TITLE"]...
//	                           a timeline of the events one or more
//	                           scenarios recorded (PART is a NAME.events
//	                           recording, package event), drawn into
//	                           docs/figures/NAME.svg and shown
//	benchtable: KIND FILE      a table of benchmark results (medians) from a
//	                           results file: machine, targets, poll, sum,
//	                           latency, child or fanout
//	benchchart: KIND FILE      a bar chart of one group of those results,
//	                           drawn into docs/figures/bench-KIND.svg
//	mistakes: DIR              every committed wrong answer of the exercises
//	                           in DIR, with the mistake its first line names
//	timings:                   each lesson's time in a workshop: its words,
//	                           its scenarios' runs, its exercises
//	plan: BUDGET ITEM...       a workshop plan of BUDGET minutes from those
//	                           times: ITEM is a lesson's number, the number
//	                           and x (with its exercises), or break=MINUTES
//
// Generate renders everything in memory and returns it; nothing is written
// unless every directive of every file succeeds, and then each file is
// replaced whole, through a temporary file.
package literate

import (
	"bytes"
	"errors"
	"fmt"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"example.com/cancellation/internal/atomicfile"
	"example.com/cancellation/internal/bench"
	"example.com/cancellation/internal/course"
	"example.com/cancellation/internal/event"
	"example.com/cancellation/internal/figure"
	"example.com/cancellation/internal/gosource"
)

// FigureDir is where figures are drawn, relative to the module root.
const FigureDir = "docs/figures"

// Generate renders every generated file under root and returns its new
// content by path relative to root: each source markdown file, the figures,
// and the course index lessons/README.md.
func Generate(root string) (map[string][]byte, error) {
	sources, err := course.Sources(root)
	if err != nil {
		return nil, err
	}
	out := map[string][]byte{}
	var errs []error
	for _, file := range sources {
		text, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(file)))
		if err != nil {
			return nil, err
		}
		rendered, err := render(root, file, string(text), out)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		out[file] = []byte(rendered)
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	index, err := Index(root)
	if err != nil {
		return nil, err
	}
	out["lessons/README.md"] = index
	return out, nil
}

// Stale returns the paths, relative to root, whose content on disk differs
// from files (or that do not exist), and the figures on disk that no
// directive draws any more.
func Stale(root string, files map[string][]byte) (stale, orphans []string, err error) {
	for _, p := range slices.Sorted(maps.Keys(files)) {
		have, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(p)))
		if err != nil && !errors.Is(err, os.ErrNotExist) {
			return nil, nil, err
		}
		if !bytes.Equal(have, files[p]) {
			stale = append(stale, p)
		}
	}
	figs, _ := filepath.Glob(filepath.Join(root, FigureDir, "*.svg"))
	for _, f := range figs {
		rel, _ := filepath.Rel(root, f)
		if _, ok := files[filepath.ToSlash(rel)]; !ok {
			orphans = append(orphans, filepath.ToSlash(rel))
		}
	}
	return stale, orphans, nil
}

// Write writes the files that differ from what is on disk, each through a
// temporary file and a rename, and removes orphaned figures. It reports the
// paths it changed.
func Write(root string, files map[string][]byte) ([]string, error) {
	stale, orphans, err := Stale(root, files)
	if err != nil {
		return nil, err
	}
	for _, p := range stale {
		full := filepath.Join(root, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			return nil, err
		}
		if err := atomicfile.Write(full, files[p]); err != nil {
			return nil, err
		}
	}
	for _, p := range orphans {
		if err := os.Remove(filepath.Join(root, filepath.FromSlash(p))); err != nil {
			return nil, err
		}
	}
	return append(stale, orphans...), nil
}

// render regenerates the blocks of one markdown file: it parses it once
// (package course) and fills each directive's block with what its handler
// makes. Figures it draws are added to figs.
func render(root, file, text string, figs map[string][]byte) (string, error) {
	doc, err := course.Parse(file, []byte(text))
	if err != nil {
		return "", err
	}
	var b strings.Builder
	last := 0
	for _, d := range doc.Directives {
		block, err := generate(env{root: root, file: file, figs: figs}, d.Elem)
		if err != nil {
			return "", fmt.Errorf("%s:%d: %s: %v", file, d.Line, d.Kind, err)
		}
		b.WriteString(text[last:d.Start])
		b.WriteString(block)
		last = d.End
	}
	b.WriteString(text[last:])
	return b.String(), nil
}

// env is what a directive's handler works with.
type env struct {
	root string            // the module root
	file string            // the markdown file, relative to root
	figs map[string][]byte // the figures drawn so far, by path
}

// generate makes the block of a directive from what it says: the table of
// what each kind of directive (course.Kinds) generates.
func generate(e env, elem course.Elem) (string, error) {
	switch d := elem.(type) {
	case course.Code:
		return codeBlock(e, d)
	case course.Span:
		return spanBlock(e, d)
	case course.Transcript:
		return transcriptBlock(e, d)
	case course.Figure:
		return figureBlock(e, d)
	case course.Bench:
		return benchBlock(e, d)
	case course.Mistakes:
		return mistakesBlock(e, d)
	case course.Timings:
		return timingsBlock(e)
	case course.Plan:
		return planBlock(e, d)
	}
	return "", fmt.Errorf("no generator for a %T", elem)
}

func codeBlock(e env, d course.Code) (string, error) {
	code, err := gosource.Cut(filepath.Join(e.root, d.File), d.Decls)
	if err != nil {
		return "", err
	}
	return fence("go", code), nil
}

func spanBlock(e env, d course.Span) (string, error) {
	code, err := CutSpan(filepath.Join(e.root, d.File), d.Name)
	if err != nil {
		return "", err
	}
	return fence(language(d.File), code), nil
}

func transcriptBlock(e env, d course.Transcript) (string, error) {
	name, data, err := course.ArchivePart(filepath.Join(e.root, d.Archive), d.Part)
	if err != nil {
		return "", err
	}
	return fence(language(name), data), nil
}

// panels reads the events of each of a figure's panels.
func panels(root string, d course.Figure) ([]figure.Panel, error) {
	var panels []figure.Panel
	for _, p := range d.Panels {
		_, data, err := course.ArchivePart(filepath.Join(root, p.Archive), p.Events)
		if err != nil {
			return nil, err
		}
		events, err := event.Parse(data)
		if err != nil {
			return nil, fmt.Errorf("%s %s: %v", p.Archive, p.Events, err)
		}
		panels = append(panels, figure.Panel{Title: p.Title, Events: events})
	}
	return panels, nil
}

func figureBlock(e env, d course.Figure) (string, error) {
	panels, err := panels(e.root, d)
	if err != nil {
		return "", err
	}
	var titles []string
	for _, p := range d.Panels {
		titles = append(titles, p.Title)
	}
	svg, err := figure.Timeline(panels...)
	if err != nil {
		return "", err
	}
	svg = generatedFigure(svg)
	figPath := path.Join(FigureDir, d.Name+".svg")
	if prev, ok := e.figs[figPath]; ok && !bytes.Equal(prev, svg) {
		return "", fmt.Errorf("figure %s is drawn twice, differently", d.Name)
	}
	e.figs[figPath] = svg
	return fmt.Sprintf("![Timeline: %s](%s)\n", strings.Join(titles, "; "), e.rel(figPath)), nil
}

func benchBlock(e env, d course.Bench) (string, error) {
	f, err := os.Open(filepath.Join(e.root, d.File))
	if err != nil {
		return "", err
	}
	defer f.Close()
	results, err := bench.Parse(f)
	if err != nil {
		return "", fmt.Errorf("%s: %v", d.File, err)
	}
	if !d.Chart {
		return results.Table(d.Group)
	}
	svg, err := results.Chart(d.Group)
	if err != nil {
		return "", err
	}
	figPath := path.Join(FigureDir, "bench-"+d.Group+".svg")
	e.figs[figPath] = generatedFigure(svg)
	return fmt.Sprintf("![%s](%s)\n", "benchmark chart: "+d.Group, e.rel(figPath)), nil
}

// generatedNote heads every figure written to FigureDir, in an XML
// comment, as a generated Go file is headed. (A figure that the site draws
// live, from the same code, has none: nothing generates it.)
const generatedNote = "<!-- Code generated by go generate; DO NOT EDIT. -->\n"

// generatedFigure is svg as a file of FigureDir: headed by generatedNote.
func generatedFigure(svg []byte) []byte {
	return append([]byte(generatedNote), svg...)
}

// rel is p, a path relative to the module root, relative to the markdown
// file's folder.
func (e env) rel(p string) string {
	rel, _ := filepath.Rel(filepath.Dir(filepath.FromSlash(e.file)), filepath.FromSlash(p))
	return filepath.ToSlash(rel)
}

func fence(lang, body string) string {
	if !strings.HasSuffix(body, "\n") {
		body += "\n"
	}
	return "```" + lang + "\n" + body + "```\n"
}

func language(name string) string {
	switch path.Ext(name) {
	case ".go":
		return "go"
	case ".java":
		return "java"
	case ".js", ".mjs":
		return "javascript"
	case ".ml":
		return "ocaml"
	case ".py":
		return "python"
	case ".rs":
		return "rust"
	case ".sh":
		return "sh"
	case ".txtar":
		return "txtar"
	}
	return "text"
}

// CutSpan returns the lines of file between a line holding "@begin NAME"
// and one holding "@end NAME", without the marker lines, with the indent
// they share removed.
func CutSpan(file, name string) (string, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return "", err
	}
	lines := strings.Split(string(data), "\n")
	begin, end := -1, -1
	for i, l := range lines {
		if hasMarker(l, "@begin", name) && begin < 0 {
			begin = i
		}
		if hasMarker(l, "@end", name) && begin >= 0 {
			end = i
			break
		}
	}
	switch {
	case begin < 0:
		return "", fmt.Errorf("%s has no \"@begin %s\" marker", filepath.Base(file), name)
	case end < 0:
		return "", fmt.Errorf("%s has no \"@end %s\" marker after its @begin", filepath.Base(file), name)
	}
	return dedent(lines[begin+1 : end]), nil
}

func hasMarker(line, marker, name string) bool {
	fields := strings.Fields(line)
	for i := 0; i+1 < len(fields); i++ {
		if fields[i] == marker && fields[i+1] == name {
			return true
		}
	}
	return false
}

func dedent(lines []string) string {
	indent := -1
	for _, l := range lines {
		if strings.TrimSpace(l) == "" {
			continue
		}
		n := len(l) - len(strings.TrimLeft(l, " \t"))
		if indent < 0 || n < indent {
			indent = n
		}
	}
	var b strings.Builder
	for _, l := range lines {
		if len(l) >= indent && indent > 0 {
			l = l[indent:]
		}
		b.WriteString(strings.TrimRight(l, " \t") + "\n")
	}
	return b.String()
}
