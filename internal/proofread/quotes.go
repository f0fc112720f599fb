package proofread

import (
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/rogpeppe/go-internal/txtar"

	"example.com/cancellation/internal/course"
)

// CheckQuotes finds the places where prose quotes a program's output by
// hand and the output no longer says it. A quote (an inline code span or
// words in double quotes) that holds a number and has the shape of a line
// of some recorded transcript (its numbers aside: "cancelled at step 4"
// has the shape of "cancelled at step 5") is a quote of output. It must
// then be found, as written, in a transcript that the same file shows (a
// transcript or figure directive). Sections headed "Question" are exempt:
// they ask about what might happen. An answer (lessons/answers) may also
// quote what its lesson shows and what its lesson's Question says, and its
// section "The question", which quotes the Question, is exempt. Quotes in
// a mistakes directive's block are not checked: they are the wrong
// answers' own words, and CI runs each wrong answer. The scripts in
// testdata/scenarios are checked too: a quote in their comments must be
// in their own goldens.
//
// It returns one message per quote, naming the file and line.
func CheckQuotes(root string) ([]string, error) {
	shapes, err := outputShapes(root)
	if err != nil {
		return nil, err
	}
	looksLikeOutput := func(q string) bool {
		if !hasDigit.MatchString(q) || len(q) < 6 {
			return false
		}
		s := shape(q)
		for _, line := range shapes {
			if strings.Contains(line, s) {
				return true
			}
		}
		return false
	}
	var problems []string
	docs, byFile, err := sources(root)
	if err != nil {
		return nil, err
	}
	for _, doc := range docs {
		file := doc.File
		shown, err := shownOutput(root, doc)
		if err != nil {
			return nil, err
		}
		if lesson := lessonOf(doc, byFile); lesson != nil {
			more, err := shownOutput(root, lesson)
			if err != nil {
				return nil, err
			}
			shown += more + questionText(lesson)
		}
		generated := blockLines(doc, "mistakes")
		for _, sec := range doc.Sections {
			if asks(sec.Heading) {
				continue
			}
			for _, q := range sec.Quotes {
				if generated(q.Line) {
					continue
				}
				if looksLikeOutput(q.Text) && !strings.Contains(shown, q.Text) {
					problems = append(problems, fmt.Sprintf("%s:%d: quotes %q, which has the shape of recorded output but is in no transcript this file shows: show the transcript, or quote what it says", file, q.Line, q.Text))
				}
			}
		}
	}
	scripts, err := filepath.Glob(filepath.Join(root, "testdata", "scenarios", "*.txtar"))
	if err != nil {
		return nil, err
	}
	for _, f := range scripts {
		a, err := txtar.ParseFile(f)
		if err != nil {
			return nil, err
		}
		var goldens strings.Builder
		for _, part := range a.Files {
			goldens.Write(part.Data)
		}
		rel, _ := filepath.Rel(root, f)
		for i, line := range strings.Split(string(a.Comment), "\n") {
			if !strings.HasPrefix(line, "#") {
				continue
			}
			for _, m := range quoted.FindAllStringSubmatch(line, -1) {
				if looksLikeOutput(m[1]) && !strings.Contains(goldens.String(), m[1]) {
					problems = append(problems, fmt.Sprintf("%s:%d: the comment quotes %q, which its golden output does not say", filepath.ToSlash(rel), i+1, m[1]))
				}
			}
		}
	}
	return problems, nil
}

var (
	hasDigit = regexp.MustCompile(`\d`)
	digits   = regexp.MustCompile(`\d+`)
	quoted   = regexp.MustCompile(`"([^"]+)"`)
	stamp    = regexp.MustCompile(`^\[ *\d+ms\] (\[[^\]]+\] )?`)
)

func shape(s string) string { return digits.ReplaceAllString(s, "#") }

// outputShapes returns the shapes of every line of every golden transcript
// the course records of its programs: the scenarios' and the ports'.
func outputShapes(root string) ([]string, error) {
	var shapes []string
	for _, dir := range []string{"scenarios", "ports"} {
		files, err := filepath.Glob(filepath.Join(root, "testdata", dir, "*.txtar"))
		if err != nil {
			return nil, err
		}
		for _, f := range files {
			a, err := txtar.ParseFile(f)
			if err != nil {
				return nil, err
			}
			for _, part := range a.Files {
				if !strings.HasSuffix(part.Name, ".golden") {
					continue
				}
				for _, line := range strings.Split(string(part.Data), "\n") {
					shapes = append(shapes, shape(stamp.ReplaceAllString(line, "")))
				}
			}
		}
	}
	return shapes, nil
}

// blockLines returns a function that reports whether a line of doc is in
// the generated block of a directive of one of kinds.
func blockLines(doc *course.Doc, kinds ...string) func(line int) bool {
	var spans [][2]int
	for _, d := range doc.Directives {
		if slices.Contains(kinds, d.Kind) {
			spans = append(spans, [2]int{d.Line, strings.Count(doc.Text[:d.End], "\n") + 1})
		}
	}
	return func(line int) bool {
		return slices.ContainsFunc(spans, func(s [2]int) bool { return s[0] < line && line <= s[1] })
	}
}

// shownOutput is all the recorded output a file shows: its transcript
// blocks and the transcripts of the runs its figures draw (a figure draws a
// run's events, NAME.events: its transcript is NAME.golden beside it).
func shownOutput(root string, doc *course.Doc) (string, error) {
	var b strings.Builder
	for _, d := range doc.Directives {
		switch x := d.Elem.(type) {
		case course.Transcript:
			b.WriteString(doc.Text[d.Start:d.End])
		case course.Figure:
			for _, p := range x.Panels {
				_, data, err := course.ArchivePart(filepath.Join(root, p.Archive), p.Golden())
				if err != nil {
					return "", fmt.Errorf("%s:%d: %v", doc.File, d.Line, err)
				}
				b.WriteString(data)
			}
		}
	}
	return b.String(), nil
}
