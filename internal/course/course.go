// Package course reads the lessons of the course: markdown files named
// NN-slug.md, each with a title heading and two invisible header lines,
//
//	<!-- summary: one line for the course index -->
//	<!-- run: scenario-name [scenario-name...] -->
//
// that say what the index shows and which scenarios "lessons run" plays.
package course

import (
	"fmt"
	"io/fs"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// Lesson is one lesson of the course.
type Lesson struct {
	Number    int      // from the file name: 3 for 03-checking-between-steps.md
	Slug      string   // from the file name: checking-between-steps
	File      string   // the file name
	Title     string   // the first "# " heading
	Summary   string   // the "summary:" header
	Scenarios []string // the "run:" header: what "lessons run" plays, in order
	Text      string   // the whole markdown
}

var fileName = regexp.MustCompile(`^(\d\d)-([a-z0-9-]+)\.md$`)

// Load reads every NN-slug.md file at the top of fsys, in order of number.
func Load(fsys fs.FS) ([]Lesson, error) {
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, err
	}
	var lessons []Lesson
	for _, e := range entries {
		m := fileName.FindStringSubmatch(e.Name())
		if m == nil || e.IsDir() {
			continue
		}
		data, err := fs.ReadFile(fsys, e.Name())
		if err != nil {
			return nil, err
		}
		n, _ := strconv.Atoi(m[1])
		l, err := parse(n, m[2], e.Name(), string(data))
		if err != nil {
			return nil, err
		}
		lessons = append(lessons, l)
	}
	slices.SortFunc(lessons, func(a, b Lesson) int { return a.Number - b.Number })
	for i := 1; i < len(lessons); i++ {
		if lessons[i].Number == lessons[i-1].Number {
			return nil, fmt.Errorf("%s and %s have the same number", lessons[i-1].File, lessons[i].File)
		}
	}
	return lessons, nil
}

func parse(number int, slug, file, text string) (Lesson, error) {
	l := Lesson{Number: number, Slug: slug, File: file, Text: text}
	for _, line := range strings.Split(text, "\n") {
		if h, ok := strings.CutPrefix(line, "# "); ok && l.Title == "" {
			l.Title = strings.TrimSpace(h)
		}
		if v, ok := header(line, "summary"); ok {
			l.Summary = v
		}
		if v, ok := header(line, "run"); ok {
			l.Scenarios = strings.Fields(v)
		}
	}
	if l.Title == "" {
		return l, fmt.Errorf("%s: no \"# \" title heading", file)
	}
	if l.Summary == "" {
		return l, fmt.Errorf("%s: no <!-- summary: ... --> line", file)
	}
	return l, nil
}

// header returns the value of a "<!-- key: value -->" line.
func header(line, key string) (string, bool) {
	v, ok := strings.CutPrefix(strings.TrimSpace(line), "<!-- "+key+":")
	if !ok {
		return "", false
	}
	v, ok = strings.CutSuffix(v, "-->")
	return strings.TrimSpace(v), ok
}

// Find returns the lesson that arg names, by number ("3", "03") or by slug
// ("checking-between-steps").
func Find(lessons []Lesson, arg string) (Lesson, error) {
	for _, l := range lessons {
		if n, err := strconv.Atoi(arg); err == nil && n == l.Number || arg == l.Slug {
			return l, nil
		}
	}
	return Lesson{}, fmt.Errorf("unknown lesson %q (\"lessons list\" shows them all)", arg)
}
