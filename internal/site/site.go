// Package site renders the course as a web site: an index, a page per
// lesson and per guide, the figures, and, when served live, buttons that
// run a lesson's scenario and draw its timeline as it happens.
//
// The pages come from the one course model (package course): the same
// parsed lessons that "lessons show" prints. Each page renders the tree
// the course parsed, with goldmark's HTML renderer and node renderers of
// its own (links, headings, code highlighted with chroma, figures). Every
// page works without scripts; the small script in assets/course.js adds
// the live runs and presenter mode (one section per slide, paged a screen
// at a time by the keys a clicker sends, a slide counter, a notes window).
//
// The same pages are served by Serve and written by Build, at the same
// paths, with relative links, so a built site can be opened from disk or
// hosted anywhere.
package site

import (
	"bytes"
	"cmp"
	"embed"
	"errors"
	"flag"
	"fmt"
	"html/template"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"unicode"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/rogpeppe/go-internal/txtar"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	gmhtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"

	"example.com/cancellation/internal/course"
	"example.com/cancellation/internal/event"
	"example.com/cancellation/internal/figure"
	"example.com/cancellation/internal/scenario"
)

//go:embed assets
var assets embed.FS

// Site is the course's pages, rendered once.
type Site struct {
	lessons    []course.Lesson
	guides     []guide // for readers, in their order
	teaching   []guide // for whoever teaches the course
	live       bool
	words      map[string]string // a figure's name: its timeline in words
	pages      map[string][]byte // by path: "index.html", "lessons/03-x.html", "figures/x.svg"
	recordings course.Recordings
}

// Options say which site to make.
type Options struct {
	// Live adds what only a running server can do: the Run and Replay
	// buttons, the SIGTERM button, the exercises' status, and the
	// speaker's notes (the answers, kept out of a hosted site).
	Live bool
}

// New renders the site of lessons. files holds the repository's recorded
// files at their repository paths (cancellation.Recordings): the figures,
// the guides and the scenario recordings.
func New(lessons []course.Lesson, files fs.FS, opts Options) (*Site, error) {
	s := &Site{lessons: lessons, live: opts.Live, pages: map[string][]byte{}}
	var err error
	if s.recordings, err = course.LoadRecordings(files); err != nil {
		return nil, err
	}
	for _, name := range []string{"style.css", "course.js"} {
		data, err := assets.ReadFile("assets/" + name)
		if err != nil {
			return nil, err
		}
		s.pages[name] = data
	}
	var css bytes.Buffer
	if err := chromahtml.New(chromahtml.WithClasses(true)).WriteCSS(&css, codeStyle); err != nil {
		return nil, err
	}
	css.WriteString("@media (prefers-color-scheme: dark) {\n")
	if err := chromahtml.New(chromahtml.WithClasses(true)).WriteCSS(&css, darkCodeStyle); err != nil {
		return nil, err
	}
	css.WriteString("}\n")
	s.pages["code.css"] = css.Bytes()

	figs, err := fs.Glob(files, "docs/figures/*.svg")
	if err != nil {
		return nil, err
	}
	for _, f := range figs {
		if s.pages["figures/"+path.Base(f)], err = fs.ReadFile(files, f); err != nil {
			return nil, err
		}
	}
	guides, err := fs.Glob(files, "docs/*.md")
	if err != nil {
		return nil, err
	}
	var docs []guide
	for _, g := range guides {
		data, err := fs.ReadFile(files, g)
		if err != nil {
			return nil, err
		}
		doc, err := course.Parse(g, data)
		if err != nil {
			return nil, err
		}
		p := pagePath(g)
		body, err := s.markdown(p, doc, doc.Nodes, false)
		if err != nil {
			return nil, err
		}
		if err := s.page(p, "guide", pageData{Title: doc.Title, Body: body}); err != nil {
			return nil, err
		}
		if path.Base(g) != "README.md" {
			docs = append(docs, guide{Title: doc.Title, Href: rel("index.html", p), name: strings.TrimSuffix(path.Base(g), ".md")})
		}
	}
	s.guides, s.teaching = orderGuides(docs)
	if s.words, err = describeFigures(lessons, files); err != nil {
		return nil, err
	}
	for i, l := range lessons {
		if err := s.lessonPage(i, l); err != nil {
			return nil, err
		}
		if s.live && l.Answer != nil {
			if err := s.notesPage(l); err != nil {
				return nil, err
			}
		}
	}
	if err := s.whatNextPage(); err != nil {
		return nil, err
	}
	if s.pages["404.html"], err = s.notFound(""); err != nil {
		return nil, err
	}
	return s, s.indexPage()
}

// Paths returns the paths of every file of the site, sorted.
func (s *Site) Paths() []string {
	paths := make([]string, 0, len(s.pages))
	for p := range s.pages {
		paths = append(paths, p)
	}
	slices.Sort(paths)
	return paths
}

// File returns the content of the file at p ("lessons/03-x.html").
func (s *Site) File(p string) ([]byte, bool) {
	data, ok := s.pages[p]
	return data, ok
}

// guide is a page of docs/, as the index links it.
type guide struct {
	Title, Href string
	name        string // its file's name without ".md": "performance"
}

// readersGuides are the guides for readers, in the order a reader wants
// them: the performance report (lesson 22's), then the language guides in
// the order lesson 21 meets the languages, .NET (on paper only) last. A
// guide not listed here comes after them. The instructors' guide is for
// whoever teaches the course, and has a group of its own.
var readersGuides = []string{"performance", "ocaml-and-go", "python-and-go", "rust-and-go", "javascript-and-go", "java-and-go", "dotnet-and-go"}

// teachersGuides are the guides for whoever teaches the course.
var teachersGuides = []string{"instructors"}

// orderGuides splits docs into the readers' guides, in readersGuides's
// order then by name, and the teachers'.
func orderGuides(docs []guide) (readers, teachers []guide) {
	rank := func(g guide) int {
		if i := slices.Index(readersGuides, g.name); i >= 0 {
			return i
		}
		return len(readersGuides)
	}
	for _, g := range docs {
		if slices.Contains(teachersGuides, g.name) {
			teachers = append(teachers, g)
		} else {
			readers = append(readers, g)
		}
	}
	slices.SortStableFunc(readers, func(a, b guide) int {
		return cmp.Or(cmp.Compare(rank(a), rank(b)), strings.Compare(a.name, b.name))
	})
	return readers, teachers
}

// A part is lessons that belong together, as the README groups them.
type part struct {
	Title       string
	First, Last int // its lessons' numbers
}

// parts are the course's parts, as the README's "Lessons 1 to 8 …"
// paragraph tells them (TestThePartsAreTheReadmes holds them to it).
var parts = []part{
	{"The source lesson, both ways", 1, 8},
	{"What cancellation unlocks", 9, 15},
	{"The real world", 16, 20},
	{"Across languages, and measured", 21, 22},
	{"Beyond one process", 23, 24},
}

// whatNext is the page after the last lesson.
const whatNext = "lessons/what-next.html"

// pagePath is where the page for a repository file is, or "" if it has
// none: lessons/NN-slug.md is lessons/NN-slug.html, the lessons' README
// and the repository's are the index, docs/X.md is docs/X.html, a figure
// is figures/X.svg.
func pagePath(repoPath string) string {
	dir, base := path.Split(repoPath)
	switch {
	case repoPath == "README.md" || repoPath == "lessons/README.md" || repoPath == "lessons/":
		return "index.html"
	case dir == "docs/" && base == "README.md":
		return "docs/index.html"
	case (dir == "lessons/" || dir == "docs/") && path.Ext(base) == ".md":
		return dir + strings.TrimSuffix(base, ".md") + ".html"
	case dir == "docs/figures/":
		return "figures/" + base
	}
	return ""
}

// rel is the relative URL from the page at from to the file at to.
func rel(from, to string) string {
	r, err := filepath.Rel(filepath.FromSlash(path.Dir(from)), filepath.FromSlash(to))
	if err != nil {
		return to
	}
	return filepath.ToSlash(r)
}

// codeStyle is the colours of code on a light page, in
// the terminal's categories (lessons show): keywords, comments, strings,
// numbers. It is made here rather than taken from chroma's styles
// package, whose init parses every style it has, in every process that
// imports it.
var codeStyle = chroma.MustNewStyle("course", chroma.StyleEntries{
	chroma.Background:    "#1f2328 bg:#f6f8fa",
	chroma.Keyword:       "bold #cf222e",
	chroma.KeywordType:   "#cf222e",
	chroma.NameFunction:  "#8250df",
	chroma.NameBuiltin:   "#6639ba",
	chroma.Comment:       "italic #59636e",
	chroma.LiteralString: "#0a3069",
	chroma.LiteralNumber: "#0550ae",
	chroma.Operator:      "#1f2328",
	chroma.GenericError:  "#c2362b",
})

// darkCodeStyle is codeStyle for a dark page: the same categories, in
// colours that read on the dark card.
var darkCodeStyle = chroma.MustNewStyle("course-dark", chroma.StyleEntries{
	chroma.Background:    "#e6edf3 bg:#161b22",
	chroma.Keyword:       "bold #ff7b72",
	chroma.KeywordType:   "#ff7b72",
	chroma.NameFunction:  "#d2a8ff",
	chroma.NameBuiltin:   "#d2a8ff",
	chroma.Comment:       "italic #9198a1",
	chroma.LiteralString: "#a5d6ff",
	chroma.LiteralNumber: "#79c0ff",
	chroma.Operator:      "#e6edf3",
	chroma.GenericError:  "#f85149",
})

// markdown renders nodes, top-level blocks of doc (its Nodes, or a
// section's), from the tree the course parsed, as the HTML of the page at
// page: links to lessons, guides and figures become links to their pages;
// links to other files of the repository become their paths, which a
// reader opens in their clone. A lesson's page (lesson true) shows its
// title itself, so its "# " heading is left out, and each figure is
// followed by its timeline in words (s.words). The tree is only read: the
// links are pointed at their pages, and the headings given their ids, as
// they are written.
func (s *Site) markdown(page string, doc *course.Doc, nodes []ast.Node, lesson bool) (template.HTML, error) {
	r := &codeAndLinks{links: linkRewriter{page: page, src: doc.File}, ids: parser.NewContext().IDs()}
	if lesson {
		r.words = s.words
	}
	gm := goldmark.New(
		goldmark.WithExtensions(extension.GFM), // its renderers: tables, task lists, strikethrough
		goldmark.WithRendererOptions(
			gmhtml.WithUnsafe(), // the course's own markdown: its comments are directives
			renderer.WithNodeRenderers(util.Prioritized(r, 100)),
		),
	)
	var out bytes.Buffer
	dropTitle := lesson
	for _, n := range nodes {
		if h, ok := n.(*ast.Heading); ok && h.Level == 1 && dropTitle {
			dropTitle = false
			r.id(h, doc.Source) // its id is taken all the same, as goldmark's automatic ids take it
			continue
		}
		if err := gm.Renderer().Render(&out, doc.Source, n); err != nil {
			return "", fmt.Errorf("%s: %w", doc.File, err)
		}
	}
	return template.HTML(out.String()), nil
}

// linkRewriter points the links of a repository file at the site's pages.
type linkRewriter struct{ page, src string }

// repoPrefix marks a link to a file with no page: codeAndLinks renders
// it as the file's path.
const repoPrefix = "repo:"

func (lr linkRewriter) target(dest string) string {
	if dest == "" || strings.HasPrefix(dest, "#") || strings.Contains(dest, "://") || strings.HasPrefix(dest, "mailto:") {
		return dest
	}
	file, frag, _ := strings.Cut(dest, "#")
	repoPath := path.Clean(path.Join(path.Dir(lr.src), file))
	if strings.HasSuffix(file, "/") {
		repoPath += "/"
	}
	p := pagePath(repoPath)
	if p == "" {
		return repoPrefix + repoPath
	}
	if frag != "" {
		return rel(lr.page, p) + "#" + frag
	}
	return rel(lr.page, p)
}

// codeAndLinks renders fenced code with chroma, links pointed at the
// site's pages (links to files with no page as their paths), headings
// with ids, and figures as images that open full size, each followed by
// its timeline in words if words has them (by figure name).
type codeAndLinks struct {
	links linkRewriter
	ids   parser.IDs // the headings' ids so far, each made unique
	words map[string]string
}

func (r *codeAndLinks) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindHeading, r.heading)
	reg.Register(ast.KindParagraph, r.paragraph)
	reg.Register(ast.KindFencedCodeBlock, r.code)
	reg.Register(ast.KindLink, r.link)
	reg.Register(ast.KindImage, r.image)
}

// id is the id of heading h, as goldmark's automatic heading ids make it
// from its text: unique among the ids r has made.
func (r *codeAndLinks) id(h *ast.Heading, src []byte) []byte {
	var line []byte
	if k := h.Lines().Len(); k > 0 {
		last := h.Lines().At(k - 1)
		line = last.Value(src)
	}
	return r.ids.Generate(line, ast.KindHeading)
}

// heading renders a heading as goldmark does with automatic heading ids.
func (r *codeAndLinks) heading(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	h := n.(*ast.Heading)
	if entering {
		fmt.Fprintf(w, `<h%d id="%s">`, h.Level, util.EscapeHTML(r.id(h, src)))
	} else {
		fmt.Fprintf(w, "</h%d>\n", h.Level)
	}
	return ast.WalkContinue, nil
}

// paragraph renders a paragraph as goldmark does, and after a figure, for
// a reader who cannot see the picture, its timeline in words.
func (r *codeAndLinks) paragraph(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		_, err := w.WriteString("<p>")
		return ast.WalkContinue, err
	}
	w.WriteString("</p>\n")
	img, ok := n.FirstChild().(*ast.Image)
	if !ok || n.ChildCount() != 1 {
		return ast.WalkContinue, nil
	}
	name, isFigure := strings.CutPrefix(r.links.target(string(img.Destination)), "../figures/")
	if words, ok := r.words[strings.TrimSuffix(name, ".svg")]; isFigure && ok {
		fmt.Fprintf(w, "<details class=\"figure-words\"><summary>The timeline in words</summary>\n<pre>%s</pre>\n</details>\n",
			template.HTMLEscapeString(words))
	}
	return ast.WalkContinue, nil
}

func (r *codeAndLinks) code(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	block := n.(*ast.FencedCodeBlock)
	var code strings.Builder
	for i := 0; i < block.Lines().Len(); i++ {
		seg := block.Lines().At(i)
		code.Write(seg.Value(src))
	}
	return ast.WalkSkipChildren, highlight(w, string(block.Language(src)), code.String())
}

// highlight writes code as chroma's HTML, in the language of a fence's
// info string ("go", "text").
func highlight(w util.BufWriter, lang, code string) error {
	lexer := lexers.Get(lang)
	if lexer == nil || lang == "" || lang == "text" || lang == "txtar" {
		// Plain text, transcripts above all: nothing to tokenise.
		_, err := fmt.Fprintf(w, "<pre class=\"chroma\"><code>%s</code></pre>", template.HTMLEscapeString(code))
		return err
	}
	lexer = chroma.Coalesce(lexer)
	it, err := lexer.Tokenise(nil, code)
	if err != nil {
		return err
	}
	return chromahtml.New(chromahtml.WithClasses(true)).Format(w, codeStyle, it)
}

func (r *codeAndLinks) link(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	dest := r.links.target(string(n.(*ast.Link).Destination))
	file, isRepo := strings.CutPrefix(dest, repoPrefix)
	if text := string(course.InlineText(n, src)); isRepo && text == strings.TrimSuffix(file, "/") {
		// The text is the path already ("exercises/03-x"): said once.
		if entering {
			fmt.Fprintf(w, `<code class="repo-path" title="%s, in your clone of the repository">%s</code>`,
				template.HTMLEscapeString(file), template.HTMLEscapeString(text))
		}
		return ast.WalkSkipChildren, nil
	}
	switch {
	case isRepo && entering:
		fmt.Fprintf(w, `<span class="repo-link" title="%s, in your clone of the repository">`, template.HTMLEscapeString(file))
	case isRepo:
		fmt.Fprintf(w, ` <code class="repo-path">%s</code></span>`, template.HTMLEscapeString(file))
	case entering:
		fmt.Fprintf(w, `<a href="%s">`, template.HTMLEscapeString(dest))
	default:
		w.WriteString("</a>")
	}
	return ast.WalkContinue, nil
}

func (r *codeAndLinks) image(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	img := n.(*ast.Image)
	alt := string(course.InlineText(img, src))
	dest := template.HTMLEscapeString(r.links.target(string(img.Destination)))
	fmt.Fprintf(w, `<a class="figure" href="%s" title="open the figure full size"><img src="%s" alt="%s"></a>`,
		dest, dest, template.HTMLEscapeString(alt))
	return ast.WalkSkipChildren, nil
}

// runPanel is a scenario a lesson's page can run, shown after the section
// that first shows its recording (or after the introduction).
type runPanel struct {
	Scenario, Title string
	Replay          bool // a recording on the virtual clock exists
	Signal          bool // it waits for SIGTERM: the page gets the button
	Command         string
	Try             []tryField // the numbers a learner may change (scenario.TryOf), if any
}

// tryField is one number of a story that a run panel lets a learner
// change: the flag's name, as "lessons run" takes it, and its default.
type tryField struct {
	Flag, Default, Label string
}

// tryFields are the fields of scenario name's run panel, from the flags
// its story takes.
func tryFields(name string) []tryField {
	t, ok := scenario.TryOf(name)
	if !ok {
		return nil
	}
	fs := flag.NewFlagSet("try", flag.ContinueOnError)
	p := scenario.DefaultParams
	p.Flags(fs)
	var fields []tryField
	for _, f := range t.Takes {
		fl := fs.Lookup(f)
		label, _, _ := strings.Cut(strings.TrimPrefix(fl.Usage, "try it: "), " (")
		fields = append(fields, tryField{Flag: f, Default: fl.DefValue, Label: label})
	}
	return fields
}

type section struct {
	ID      string
	Heading string
	Body    template.HTML
	Runs    []runPanel
}

type pageData struct {
	Title     string
	Root      string // the relative URL of the site's root, "" or "../"
	Body      template.HTML
	Live      bool
	Lesson    *course.Lesson
	Total     int
	Prev      *course.Lesson
	Next      *course.Lesson
	PrevHref  string
	NextHref  string
	Notes     string // the notes page's URL
	Timing    string // the notes' timing line
	Sections  []section
	Guides    []guide // for readers
	Teaching  []guide // for whoever teaches
	Parts     []partLinks
	Contents  []section // a long lesson's table of contents; empty for a short one
	NextTitle string    // the page after this one, if it is not a lesson
}

type partLinks struct {
	part
	Lessons []lessonLink
}

type lessonLink struct {
	Number         int
	Title, Summary string
	Href           string
}

func (s *Site) lessonPage(i int, l course.Lesson) error {
	p := "lessons/" + strings.TrimSuffix(l.FileName(), ".md") + ".html"
	d := pageData{Title: fmt.Sprintf("%d. %s", l.Number, l.Title), Live: s.live, Lesson: &l, Total: len(s.lessons)}
	if i > 0 {
		d.Prev = &s.lessons[i-1]
		d.PrevHref = rel(p, "lessons/"+strings.TrimSuffix(d.Prev.FileName(), ".md")+".html")
	}
	if i+1 < len(s.lessons) {
		d.Next = &s.lessons[i+1]
		d.NextHref = rel(p, "lessons/"+strings.TrimSuffix(d.Next.FileName(), ".md")+".html")
	} else {
		d.NextTitle, d.NextHref = "What next", rel(p, whatNext)
	}
	if s.live && l.Answer != nil {
		d.Notes = strings.TrimSuffix(path.Base(p), ".html") + "-notes.html"
	}
	var runs map[int][]string
	if s.live {
		runs = s.placeRuns(l)
	}
	for k, sec := range l.Sections {
		body, err := s.markdown(p, l.Doc, sec.Nodes, true)
		if err != nil {
			return err
		}
		out := section{ID: sectionID(sec), Heading: sec.Heading, Body: body}
		for _, name := range runs[k] {
			out.Runs = append(out.Runs, s.panel(l, name))
		}
		d.Sections = append(d.Sections, out)
	}
	if len(d.Sections) > tocAfter+1 { // the introduction has no heading
		for _, sec := range d.Sections[1:] {
			d.Contents = append(d.Contents, section{ID: sec.ID, Heading: sec.Heading})
		}
	}
	return s.page(p, "lesson", d)
}

// placeRuns says which section of lesson l shows the run panel of each
// of its scenarios, by the section's index: the first section that shows
// the scenario's recording (a transcript or a figure); else the first
// that shows its story's code (a function of internal/scenario named
// after it: ChildProcessLive for child-processes); else the section
// called "The run", where the lesson runs things; else the introduction.
func (s *Site) placeRuns(l course.Lesson) map[int][]string {
	at := map[string]int{}
	find := func(shows func(course.Directive) string) {
		for k, sec := range l.Sections {
			for _, dir := range sec.Directives {
				name := shows(dir)
				if _, done := at[name]; name != "" && !done && slices.Contains(l.Scenarios, name) {
					at[name] = k
				}
			}
		}
	}
	find(func(dir course.Directive) string {
		switch x := dir.Elem.(type) {
		case course.Transcript:
			return s.recordings.Of(x.Archive, x.Part)
		case course.Figure:
			return s.recordings.Of(x.Panels[0].Archive, x.Panels[0].Events)
		}
		return ""
	})
	find(func(dir course.Directive) string {
		c, ok := dir.Elem.(course.Code)
		if !ok || !strings.HasPrefix(c.File, "internal/scenario/") {
			return ""
		}
		for _, decl := range c.Decls {
			for _, name := range l.Scenarios {
				if storyOf(decl, name) {
					return name
				}
			}
		}
		return ""
	})
	fallback := 0
	for k, sec := range l.Sections {
		if strings.EqualFold(sec.Heading, "The run") {
			fallback = k
			break
		}
	}
	runs := map[int][]string{}
	for _, name := range l.Scenarios {
		k, ok := at[name]
		if !ok {
			k = fallback
		}
		runs[k] = append(runs[k], name)
	}
	return runs
}

// storyOf reports whether the function decl of internal/scenario is the
// story of the scenario called name: its words, without a last "Live",
// begin the name's words, one for one ("ChildProcessLive" is the story of
// "child-processes", "HardDeadline" of "hard-deadline").
func storyOf(decl, name string) bool {
	var words []string
	for i, r := range decl {
		if i == 0 || unicode.IsUpper(r) {
			words = append(words, "")
		}
		words[len(words)-1] += string(unicode.ToLower(r))
	}
	if len(words) > 1 && words[len(words)-1] == "live" {
		words = words[:len(words)-1]
	}
	parts := strings.Split(name, "-")
	if len(parts) != len(words) {
		return false
	}
	for i, w := range words {
		if !strings.HasPrefix(parts[i], w) {
			return false
		}
	}
	return true
}

func (s *Site) panel(l course.Lesson, name string) runPanel {
	sc, _ := scenario.Lookup(name)
	_, replay := s.recordings[name]
	return runPanel{
		Scenario: name, Title: sc.Title, Replay: replay, Signal: sc.WaitSignal,
		Command: fmt.Sprintf("go run ./lessons run %d", l.Number),
		Try:     tryFields(name),
	}
}

// sectionID is the id of a section of a lesson's page: "section-" and
// its heading as goldmark's automatic heading IDs make it, so that it is
// not the heading's own id.
func sectionID(sec course.Section) string {
	if sec.Heading == "" {
		return "section-intro"
	}
	return "section-" + slug(sec.Heading)
}

// slug is a heading as goldmark's automatic IDs make it.
func slug(heading string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(heading) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '-', r == '_':
			b.WriteRune(r)
		case r == ' ':
			b.WriteRune('-')
		}
	}
	return b.String()
}

func (s *Site) notesPage(l course.Lesson) error {
	p := "lessons/" + strings.TrimSuffix(l.FileName(), ".md") + "-notes.html"
	body, err := s.markdown(p, l.Answer, l.Answer.Nodes, true)
	if err != nil {
		return err
	}
	d := pageData{Title: fmt.Sprintf("Notes: %d. %s", l.Number, l.Title), Body: body, Live: true, Lesson: &l, Total: len(s.lessons)}
	words := l.Words()
	walk := course.WalkMinutes(words)
	d.Timing = fmt.Sprintf("Timing: the walk takes about %d min (%d words of prose at the guide's %d words a minute), then %d min for the Question; the plans are in docs/instructors.md.",
		walk, words, course.WordsPerMinute, course.QuestionMinutes)
	for _, sec := range l.Sections {
		heading := cmp.Or(sec.Heading, "Introduction")
		d.Sections = append(d.Sections, section{ID: sectionID(sec), Heading: heading})
	}
	return s.page(p, "notes", d)
}

// tocAfter is how many sections a lesson may have without a table of
// contents.
const tocAfter = 4

func (s *Site) indexPage() error {
	d := pageData{Title: "Cooperative cancellation in Go", Live: s.live, Guides: s.guides, Teaching: s.teaching, Total: len(s.lessons)}
	d.Parts = s.partLinks("")
	return s.page("index.html", "index", d)
}

// partLinks are the lessons by part, linked from the page at page;
// a lesson in no part has one of its own, "More".
func (s *Site) partLinks(page string) []partLinks {
	var out []partLinks
	for _, pt := range append(parts, part{"More", 0, 0}) {
		pl := partLinks{part: pt}
		for _, l := range s.lessons {
			in := l.Number >= pt.First && l.Number <= pt.Last
			if pt.First == 0 {
				in = !slices.ContainsFunc(parts, func(q part) bool { return l.Number >= q.First && l.Number <= q.Last })
			}
			if in {
				pl.Lessons = append(pl.Lessons, lessonLink{
					Number: l.Number, Title: l.Title, Summary: l.Summary,
					Href: rel(page, "lessons/"+strings.TrimSuffix(l.FileName(), ".md")+".html"),
				})
			}
		}
		if len(pl.Lessons) > 0 {
			out = append(out, pl)
		}
	}
	return out
}

// whatNextPage is the page after the last lesson: the exercises, the
// guides, and where to go from here.
func (s *Site) whatNextPage() error {
	d := pageData{Title: "What next", Live: s.live, Total: len(s.lessons)}
	for _, g := range s.guides {
		d.Guides = append(d.Guides, guide{Title: g.Title, Href: rel(whatNext, path.Join("docs", g.name+".html")), name: g.name})
	}
	for _, g := range s.teaching {
		d.Teaching = append(d.Teaching, guide{Title: g.Title, Href: rel(whatNext, path.Join("docs", g.name+".html")), name: g.name})
	}
	if n := len(s.lessons); n > 0 {
		last := s.lessons[n-1]
		d.Prev = &last
		d.PrevHref = rel(whatNext, "lessons/"+strings.TrimSuffix(last.FileName(), ".md")+".html")
	}
	return s.page(whatNext, "next", d)
}

// notFound is the page for a path the site does not have, its links
// relative to root: "" for 404.html at the root of a built site, "/" for
// any path a server is asked for.
func (s *Site) notFound(root string) ([]byte, error) {
	var out bytes.Buffer
	d := pageData{Title: "No such page", Root: root, Total: len(s.lessons)}
	if err := templates.ExecuteTemplate(&out, "404.html", d); err != nil {
		return nil, fmt.Errorf("page 404.html: %w", err)
	}
	return out.Bytes(), nil
}

var templates = template.Must(template.ParseFS(assets, "assets/*.html"))

func (s *Site) page(p, name string, d pageData) error {
	d.Root = strings.Repeat("../", strings.Count(p, "/"))
	var out bytes.Buffer
	if err := templates.ExecuteTemplate(&out, name+".html", d); err != nil {
		return fmt.Errorf("page %s: %w", p, err)
	}
	s.pages[p] = out.Bytes()
	return nil
}

// BuildMarker is the file that Build leaves in a folder it wrote: a
// folder that holds it is a previous build, which Build may replace.
const BuildMarker = ".lessons-build"

// CanBuildIn reports whether Build may write the site to dir: a folder
// that does not exist yet (in one that does), an empty one, or one that
// holds a previous build. It never lets Build replace any other folder.
func CanBuildIn(dir string) error {
	parent := filepath.Dir(filepath.Clean(dir))
	if info, err := os.Stat(parent); err != nil || !info.IsDir() {
		return fmt.Errorf("build: %s cannot be made: the folder %s does not exist", dir, parent)
	}
	entries, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return fmt.Errorf("build: %s: %w", dir, pathErr(err))
	case len(entries) == 0:
		return nil
	}
	if _, err := os.Stat(filepath.Join(dir, BuildMarker)); err == nil {
		return nil // a previous build: replaced
	}
	return fmt.Errorf("build: %s is not empty, and not a previous build: choose a new folder", dir)
}

// pathErr is err without the path an *fs.PathError names: the caller
// names the path the user gave, never a temporary one.
func pathErr(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// Build writes the site to dir and returns how many files it wrote. dir
// must not exist, or be empty, or hold a previous build, which the new one
// replaces (see CanBuildIn). It writes into a new folder beside dir and
// renames it into place, so that a failure leaves nothing half-written and
// the previous build whole.
func (s *Site) Build(dir string) (int, error) {
	if err := CanBuildIn(dir); err != nil {
		return 0, err
	}
	parent := filepath.Dir(filepath.Clean(dir))
	tmp, err := os.MkdirTemp(parent, ".build-*")
	if err != nil {
		return 0, fmt.Errorf("build: cannot write in %s: %w", parent, pathErr(err))
	}
	defer os.RemoveAll(tmp) // after the rename, there is nothing left there
	pages := append(s.Paths(), BuildMarker)
	for _, p := range pages {
		f := filepath.Join(tmp, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(f), 0o755); err != nil {
			return 0, fmt.Errorf("build: writing %s: %w", p, pathErr(err))
		}
		data := s.pages[p]
		if p == BuildMarker {
			data = []byte("This folder was written by \"lessons build\", which may replace it.\n")
		}
		if err := os.WriteFile(f, data, 0o644); err != nil {
			return 0, fmt.Errorf("build: writing %s: %w", p, pathErr(err))
		}
	}
	// The previous build, if any, steps aside first, and goes once the new
	// one is in place.
	old := ""
	if entries, err := os.ReadDir(dir); err == nil {
		if len(entries) == 0 {
			os.Remove(dir)
		} else {
			old = tmp + ".old"
			if err := os.Rename(dir, old); err != nil {
				return 0, fmt.Errorf("build: cannot replace %s: %w", dir, pathErr(err))
			}
		}
	}
	if err := os.Rename(tmp, dir); err != nil {
		if old != "" {
			os.Rename(old, dir) // put the previous build back
		}
		return 0, fmt.Errorf("build: cannot write %s: %w", dir, pathErr(err))
	}
	if old != "" {
		os.RemoveAll(old)
	}
	return len(s.pages), nil
}

// describeFigures tells every lesson figure's timeline in words, from the
// events its directive draws, by the figure's name.
func describeFigures(lessons []course.Lesson, files fs.FS) (map[string]string, error) {
	words := map[string]string{}
	for _, l := range lessons {
		for _, d := range l.Directives {
			f, ok := d.Elem.(course.Figure)
			if !ok {
				continue
			}
			var panels []figure.Panel
			for _, p := range f.Panels {
				data, err := fs.ReadFile(files, p.Archive)
				if err != nil {
					return nil, fmt.Errorf("%s:%d: %w", l.File, d.Line, err)
				}
				var events []event.Event
				for _, af := range txtar.Parse(data).Files {
					if af.Name == p.Events {
						if events, err = event.Parse(string(af.Data)); err != nil {
							return nil, fmt.Errorf("%s:%d: %s: %w", l.File, d.Line, p.Archive, err)
						}
					}
				}
				panels = append(panels, figure.Panel{Title: p.Title, Events: events})
			}
			text, err := figure.Describe(panels...)
			if err != nil {
				return nil, fmt.Errorf("%s:%d: %w", l.File, d.Line, err)
			}
			words[f.Name] = text
		}
	}
	return words, nil
}

// sectionID is the id of section k of lesson n's page, as its notes name it.
func (s *Site) sectionID(n, k int) string {
	for _, l := range s.lessons {
		if l.Number == n && k < len(l.Sections) {
			return sectionID(l.Sections[k])
		}
	}
	return ""
}
