// Package course is the one model of the course's markdown: each file is
// parsed once, with a real markdown parser (goldmark), into sections,
// links, code spans and typed directives, and every consumer reads the
// model: the generator that fills in the directives (package literate),
// the checks of the prose (package proofread), the lessons command's show
// and walk, the site, and the course index.
//
// A lesson is a file named NN-slug.md with a "# " title heading and two
// invisible header lines,
//
//	<!-- summary: one line for the course index -->
//	<!-- run: scenario-name [scenario-name...] -->
//
// that say what the index shows and which scenarios "lessons run" plays.
// A directive is an invisible line, "<!-- KIND: ARGS -->", whose generated
// block follows it up to a line "<!-- end -->". Each kind has a parser in
// one table (directives.go) that makes its typed Elem (a Code, a Figure, a
// Plan...) when the document is parsed; package literate says what each
// kind generates. The recordings the directives show are indexed here too
// (LoadRecordings): which script recorded which scenario.
package course

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"

	"example.com/cancellation/internal/suggest"
)

// Doc is one markdown file of the course, parsed.
type Doc struct {
	File       string      // its path, as the errors name it
	Text       string      // the whole markdown
	Title      string      // the first "# " heading
	Headers    []Header    // the "<!-- key: value -->" lines that are not directives
	Sections   []Section   // the text cut at its "## " headings
	Directives []Directive // every directive, in order

	// Root is the parsed document, goldmark's tree with the GFM
	// extensions (tables, strikethrough, autolinks, task lists); its
	// segments are bytes of Source, the markdown.
	Root   ast.Node
	Source []byte
	// Nodes are Root's top-level blocks as a reader sees them, in order:
	// without the invisible lines (directives, their ends, headers). The
	// generated block a directive holds is one (a code block, a figure's
	// paragraph).
	Nodes []ast.Node
}

// Header is an invisible "<!-- key: value -->" line that is not a
// directive: a lesson's summary or run line.
type Header struct {
	Key, Value string
	Line       int
}

// Section is a part of a document: the text before its first "## "
// heading (Heading is then ""), or one "## " heading and what follows it.
type Section struct {
	Heading    string
	Line       int         // the line it starts on
	Start, End int         // its bytes in the Doc's Text
	Directives []Directive // the directives in it
	Links      []Link      // its links and images
	Quotes     []Quote     // its code spans and "double-quoted" words, where they are
	Words      []Words     // its prose as written, outside code and generated blocks
	Nodes      []ast.Node  // its part of the Doc's Nodes: its visible top-level blocks
}

// Quote is an inline code span, or words in double quotes, in the prose:
// where a lesson may quote what a program prints.
type Quote struct {
	Text string
	Line int
}

// Words is a stretch of a section's own prose, as written: the text of a
// paragraph, heading, list item or table cell, on one line, up to the next
// markup (emphasis, a link, a code span, a line break). Code spans, code
// blocks, HTML and the generated blocks of directives hold none: what it
// says is what the author typed.
type Words struct {
	Text string
	Line int
}

// Text returns the section's markdown.
func (s Section) Text(d *Doc) string { return d.Text[s.Start:s.End] }

// Link is a markdown link or image.
type Link struct {
	Text, Target string
	Image        bool
}

// Directive is one "<!-- KIND: ARGS -->" line and the generated block
// after it, up to its "<!-- end -->".
type Directive struct {
	Kind string
	Elem Elem // what it says, typed, made by its kind's parser
	Line int  // the directive's line
	// Start and End are the bytes of the generated block in the Doc's
	// Text: after the directive's line, up to the start of "<!-- end -->".
	Start, End int
}

var (
	comment = regexp.MustCompile(`^<!-- ([a-z][a-z-]*):(.*?)-->$`)
	endLine = "<!-- end -->"
)

// Parse parses one markdown file, with the GFM extensions the site's pages
// use. Its errors name the file and the line.
func Parse(file string, src []byte) (*Doc, error) {
	d := &Doc{File: file, Text: string(src), Source: src}
	lineOf := lineIndex(src)
	d.Root = goldmark.New(goldmark.WithExtensions(extension.GFM)).Parser().Parse(text.NewReader(src))
	var open *Directive // a directive whose end has not come yet
	var sec *Section
	first := 0 // sec's first node in d.Nodes
	startSection := func(heading string, at int) {
		if sec != nil {
			sec.End = at
			sec.Nodes = d.Nodes[first:len(d.Nodes):len(d.Nodes)]
			d.Sections = append(d.Sections, *sec)
		}
		sec = &Section{Heading: heading, Line: lineOf(at), Start: at}
		first = len(d.Nodes)
	}
	startSection("", 0)
	for n := d.Root.FirstChild(); n != nil; n = n.NextSibling() {
		start := blockStart(n, src)
		if h, ok := n.(*ast.Heading); ok {
			title := string(headingText(h, src))
			if h.Level == 1 && d.Title == "" {
				d.Title = title
			}
			if h.Level == 2 {
				if open != nil {
					return nil, fmt.Errorf("%s:%d: %s directive has no %s line before the next section", file, open.Line, open.Kind, endLine)
				}
				startSection(title, start)
			}
		}
		line, invisible := invisibleLine(n, src)
		if !invisible {
			d.Nodes = append(d.Nodes, n)
		} else {
			if line == endLine {
				if open == nil {
					return nil, fmt.Errorf("%s:%d: %s without a directive before it", file, lineOf(start), endLine)
				}
				open.End = start
				d.Directives = append(d.Directives, *open)
				sec.Directives = append(sec.Directives, *open)
				open = nil
				continue
			}
			m := comment.FindStringSubmatch(line)
			parse, isDirective := parsers[m[1]]
			if !isDirective {
				d.Headers = append(d.Headers, Header{Key: m[1], Value: strings.TrimSpace(m[2]), Line: lineOf(start)})
				continue
			}
			if open != nil {
				return nil, fmt.Errorf("%s:%d: %s directive has no %s line before the next directive", file, open.Line, open.Kind, endLine)
			}
			args, err := SplitArgs(m[2])
			if err != nil {
				return nil, fmt.Errorf("%s:%d: %v", file, lineOf(start), err)
			}
			elem, err := parse(args)
			if err != nil {
				return nil, fmt.Errorf("%s:%d: %s: %v", file, lineOf(start), m[1], err)
			}
			open = &Directive{Kind: m[1], Elem: elem, Line: lineOf(start), Start: n.Lines().At(0).Stop}
			continue
		}
		ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
			if !entering {
				return ast.WalkContinue, nil
			}
			switch c := c.(type) {
			case *ast.Link:
				sec.Links = append(sec.Links, Link{Text: string(InlineText(c, src)), Target: string(c.Destination)})
			case *ast.Image:
				sec.Links = append(sec.Links, Link{Text: string(InlineText(c, src)), Target: string(c.Destination), Image: true})
			case *ast.CodeSpan:
				if seg, ok := firstSegment(c); ok {
					sec.Quotes = append(sec.Quotes, Quote{Text: string(InlineText(c, src)), Line: lineOf(seg.Start)})
				}
			case *ast.Text:
				if continues(c) {
					break // read with the first text of its stretch
				}
				seg := stretch(c)
				v := seg.Value(src)
				if _, inCode := c.Parent().(*ast.CodeSpan); !inCode && open == nil {
					sec.Words = append(sec.Words, Words{Text: string(v), Line: lineOf(seg.Start)})
				}
				for _, m := range doubleQuoted.FindAllSubmatchIndex(v, -1) {
					sec.Quotes = append(sec.Quotes, Quote{Text: string(v[m[2]:m[3]]), Line: lineOf(seg.Start + m[0])})
				}
			}
			return ast.WalkContinue, nil
		})
	}
	if open != nil {
		return nil, fmt.Errorf("%s:%d: %s directive has no %s line after it", file, open.Line, open.Kind, endLine)
	}
	startSection("", len(src)) // closes the last one
	return d, nil
}

// invisibleLine returns the line of HTML block n, trimmed, and whether it
// is an invisible line: a directive, its end or a header, each on a line
// of its own. An HTML comment of another shape is not one.
func invisibleLine(n ast.Node, src []byte) (string, bool) {
	if _, ok := n.(*ast.HTMLBlock); !ok {
		return "", false
	}
	line := strings.TrimSpace(string(n.Lines().Value(src)))
	return line, line == endLine || n.Lines().Len() == 1 && comment.MatchString(line)
}

// doubleQuoted finds words in straight or curly double quotes.
var doubleQuoted = regexp.MustCompile(`["“]([^"”\n]+)["”]`)

// continues reports whether text t goes on from the text before it, on
// the same line: the parser cut one stretch of text in two (GFM's autolinks
// look for a URL after each space, and a "*" that is no emphasis is a text
// of its own).
func continues(t *ast.Text) bool {
	p, ok := t.PreviousSibling().(*ast.Text)
	return ok && p.Segment.Stop == t.Segment.Start && !p.SoftLineBreak() && !p.HardLineBreak()
}

// stretch is the text from t up to the end of the last text that
// continues it.
func stretch(t *ast.Text) text.Segment {
	seg := t.Segment
	for n, ok := t.NextSibling().(*ast.Text); ok && continues(n); n, ok = n.NextSibling().(*ast.Text) {
		seg.Stop = n.Segment.Stop
	}
	return seg
}

// firstSegment is the first text segment inside an inline node.
func firstSegment(n ast.Node) (text.Segment, bool) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if t, ok := c.(*ast.Text); ok {
			return t.Segment, true
		}
	}
	return text.Segment{}, false
}

// blockStart is the offset of the first byte of block n's first line,
// fences and markers included.
func blockStart(n ast.Node, src []byte) int {
	switch n := n.(type) {
	case *ast.FencedCodeBlock:
		if n.Info != nil {
			return lineStart(src, n.Info.Segment.Start)
		}
	case *ast.Heading:
		if n.Lines().Len() > 0 {
			return lineStart(src, n.Lines().At(0).Start)
		}
	}
	if n.Lines().Len() > 0 {
		return lineStart(src, n.Lines().At(0).Start)
	}
	if c := n.FirstChild(); c != nil {
		return blockStart(c, src)
	}
	return 0
}

func lineStart(src []byte, at int) int {
	return bytes.LastIndexByte(src[:at], '\n') + 1
}

// lineIndex returns a function from a byte offset to its 1-based line.
func lineIndex(src []byte) func(int) int {
	var starts []int
	starts = append(starts, 0)
	for i, c := range src {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return func(at int) int {
		i, found := slices.BinarySearch(starts, at)
		if found {
			return i + 1
		}
		return i
	}
}

func headingText(n *ast.Heading, src []byte) []byte {
	return bytes.TrimSpace(n.Lines().Value(src))
}

// InlineText is the text of an inline node's children, as written: a
// link's text, an image's alternative text, a code span's content.
func InlineText(n ast.Node, src []byte) []byte {
	var b bytes.Buffer
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if t, ok := c.(*ast.Text); ok {
			b.Write(t.Segment.Value(src))
			continue
		}
		b.Write(InlineText(c, src))
	}
	return b.Bytes()
}

// SplitArgs splits a directive's words at spaces; a word in double quotes
// may hold spaces.
func SplitArgs(s string) ([]string, error) {
	var args []string
	for s = strings.TrimSpace(s); s != ""; s = strings.TrimSpace(s) {
		if s[0] == '"' {
			q, err := strconv.QuotedPrefix(s)
			if err != nil {
				return nil, fmt.Errorf("unterminated quoted word in %q", s)
			}
			word, _ := strconv.Unquote(q)
			args = append(args, word)
			s = s[len(q):]
			continue
		}
		word, rest, _ := strings.Cut(s, " ")
		args = append(args, word)
		s = rest
	}
	return args, nil
}

// Header returns the value of the header key, and whether there is one.
func (d *Doc) Header(key string) (string, bool) {
	for _, h := range d.Headers {
		if h.Key == key {
			return h.Value, true
		}
	}
	return "", false
}

// Lesson is one lesson of the course.
type Lesson struct {
	*Doc
	Number    int      // from the file name: 3 for 03-checking-between-steps.md
	Slug      string   // from the file name: checking-between-steps
	Summary   string   // the "summary:" header
	Scenarios []string // the "run:" header: what "lessons run" plays, in order

	// Beyond is the "run-beyond:" header, for a lesson whose stories
	// live in the beyond module (real servers and drivers the course's
	// own module does not build): the command there and its arguments,
	// "./cmd/beyond-db run all", which "lessons run" runs with go run.
	Beyond []string

	// Answer is the instructor's notes for the lesson's Question, from
	// answers/NN-slug.md beside the lesson, or nil if there is none. It is
	// kept out of the lesson so that a learner reads it only on purpose
	// ("lessons answer N"); presenter mode shows it as speaker's notes.
	Answer *Doc
}

var fileName = regexp.MustCompile(`^(\d\d)-([a-z0-9-]+)\.md$`)

// Load reads every NN-slug.md file at the top of fsys, in order of number.
// dir is the folder fsys stands for, as errors should name it ("lessons").
func Load(fsys fs.FS, dir string) ([]Lesson, error) {
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
		doc, err := Parse(path.Join(dir, e.Name()), data)
		if err != nil {
			return nil, err
		}
		n, _ := strconv.Atoi(m[1])
		l := Lesson{Doc: doc, Number: n, Slug: m[2]}
		l.Summary, _ = doc.Header("summary")
		if run, ok := doc.Header("run"); ok {
			l.Scenarios = strings.Fields(run)
		}
		if run, ok := doc.Header("run-beyond"); ok {
			l.Beyond = strings.Fields(run)
		}
		if l.Answer, err = loadAnswer(fsys, dir, e.Name()); err != nil {
			return nil, err
		}
		switch {
		case l.Title == "":
			return nil, fmt.Errorf("%s: no \"# \" title heading", doc.File)
		case l.Summary == "":
			return nil, fmt.Errorf("%s: no <!-- summary: ... --> line", doc.File)
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

// loadAnswer parses answers/name from fsys, or returns nil if there is no
// such file.
func loadAnswer(fsys fs.FS, dir, name string) (*Doc, error) {
	data, err := fs.ReadFile(fsys, path.Join("answers", name))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return Parse(path.Join(dir, "answers", name), data)
}

// FileName is the lesson's file name: "03-checking-between-steps.md".
func (l Lesson) FileName() string { return path.Base(l.File) }

// UnknownError says that no lesson has the name or number asked for.
type UnknownError struct {
	Arg         string
	First, Last int
	Like        []string // the names that look like Arg, "hot-loops (lesson 4)"
}

func (e *UnknownError) Error() string {
	if len(e.Like) > 0 {
		return fmt.Sprintf("unknown lesson %q: did you mean %s? Lessons are numbered %d to %d, or named as \"lessons list\" shows", e.Arg, strings.Join(e.Like, " or "), e.First, e.Last)
	}
	return fmt.Sprintf("unknown lesson %q: lessons are numbered %d to %d, or named as \"lessons list\" shows", e.Arg, e.First, e.Last)
}

// Find returns the lesson that arg names: its number ("3", "03") or its
// slug ("checking-between-steps"), in any case.
func Find(lessons []Lesson, arg string) (Lesson, error) {
	a := strings.ToLower(strings.TrimSpace(arg))
	for _, l := range lessons {
		if n, err := strconv.Atoi(a); err == nil && n == l.Number || a == l.Slug {
			return l, nil
		}
	}
	if len(lessons) == 0 {
		return Lesson{}, &UnknownError{Arg: arg}
	}
	var slugs []string
	for _, l := range lessons {
		slugs = append(slugs, l.Slug)
	}
	var like []string
	for _, slug := range suggest.Like(arg, slugs) {
		i := slices.IndexFunc(lessons, func(l Lesson) bool { return l.Slug == slug })
		like = append(like, fmt.Sprintf("%s (lesson %d)", slug, lessons[i].Number))
	}
	return Lesson{}, &UnknownError{arg, lessons[0].Number, lessons[len(lessons)-1].Number, like}
}
