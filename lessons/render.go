package main

import (
	"fmt"
	"go/scanner"
	"go/token"
	"io"
	"os"
	"path"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/util"
	"golang.org/x/term"

	"example.com/cancellation/internal/course"
)

// ANSI styles, used only when colour is on.
const (
	reset     = "\x1b[0m"
	bold      = "\x1b[1m"
	italic    = "\x1b[3m"
	heading   = "\x1b[1;4m"
	keyword   = "\x1b[35m"
	comment   = "\x1b[90m"
	literal   = "\x1b[32m"
	number    = "\x1b[36m"
	stamp     = "\x1b[36m"
	codeSpan  = "\x1b[33m"
	noticeDim = "\x1b[2m"
)

// colorMode is the value of the -color flag.
type colorMode string

// useColor decides whether to colour output written to s.out: "always",
// "never", or "auto" (a terminal, NO_COLOR unset, TERM not "dumb").
func useColor(mode colorMode, s stdio) bool {
	switch mode {
	case "always":
		return true
	case "never":
		return false
	}
	if s.env("NO_COLOR") != "" || s.env("TERM") == "dumb" {
		return false
	}
	return isTerminal(s.out)
}

// isTerminal reports whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// defaultWidth is the width of the prose when nothing says otherwise.
const defaultWidth = 80

// minWidth is the narrowest -width: below it, the prose is a column of
// single words.
const minWidth = 20

// terminalWidth is how wide to make the prose written to s.out: the width
// of the terminal it is, else $COLUMNS, else 80.
func terminalWidth(s stdio) int {
	if f, ok := s.out.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		if cols, _, err := term.GetSize(int(f.Fd())); err == nil && cols > 0 {
			return max(cols, minWidth)
		}
	}
	if n, err := strconv.Atoi(s.env("COLUMNS")); err == nil && n > 0 {
		return max(n, minWidth)
	}
	return defaultWidth
}

// renderer turns a lesson's parsed markdown (the Doc's goldmark tree)
// into text for a terminal: prose wrapped to width, headings set off, code
// blocks indented (and highlighted with colour) but never re-wrapped, links
// as text with a number, their targets listed at the end, figures named
// with where to see them drawn.
type renderer struct {
	color bool
	width int // the prose's columns; 0 is defaultWidth
}

func (r renderer) style(s, text string) string {
	if !r.color || text == "" {
		return text
	}
	return s + text + reset
}

// figureHint says where a figure can be seen: a terminal cannot draw it.
const figureHint = "see it drawn in the browser: go run ./lessons serve"

// render returns nodes, top-level blocks of doc (its Nodes, or a
// section's), for a terminal, followed by the numbered list of the links'
// targets, resolved against the root of the course ("../exercises/x/" in
// lessons/NN.md is "exercises/x/").
func (r renderer) render(doc *course.Doc, nodes []ast.Node) string {
	if r.width <= 0 {
		r.width = defaultWidth
	}
	p := &page{r: r, dir: path.Dir(doc.File), src: doc.Source}
	p.blocks(nodes, "", "")
	if len(p.links) > 0 {
		p.blank()
		for i, target := range p.links {
			n := fmt.Sprintf("[%d] ", i+1)
			p.wrap(textWords(n+target), "", strings.Repeat(" ", len(n)), noticeDim)
		}
	}
	return p.String()
}

// prose returns text, plain words, wrapped to the width in style.
func (r renderer) prose(text, style string) string {
	if r.width <= 0 {
		r.width = defaultWidth
	}
	p := &page{r: r}
	p.wrap(textWords(text), "", "", style)
	return p.String()
}

// page is one rendering, with its own numbered links.
type page struct {
	r     renderer
	dir   string   // the document's folder, from the root of the course
	src   []byte   // the markdown the nodes' segments point into
	links []string // the targets, resolved; [1] is links[0]
	strings.Builder
}

func (p *page) line(s string) {
	p.WriteString(strings.TrimRight(s, " "))
	p.WriteString("\n")
}

// blank ends the block before with an empty line, unless there is none.
func (p *page) blank() {
	if p.Len() > 0 && !strings.HasSuffix(p.String(), "\n\n") {
		p.WriteString("\n")
	}
}

// blocks writes each block, its first line starting with first and the
// others with rest (a list item's marker and its indent).
func (p *page) blocks(blocks []ast.Node, first, rest string) {
	for i, b := range blocks {
		if i > 0 {
			p.blank()
			first = rest
		}
		p.block(b, first, rest)
	}
}

// children are n's child nodes.
func children(n ast.Node) []ast.Node {
	var out []ast.Node
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		out = append(out, c)
	}
	return out
}

func (p *page) block(n ast.Node, first, rest string) {
	r := p.r
	switch b := n.(type) {
	case *ast.Heading:
		title := p.words(b)
		switch b.Level {
		case 1:
			p.wrap(title, first, rest, heading)
			if !r.color {
				p.line(rest + strings.Repeat("=", min(wordsWidth(title), r.width-len(rest))))
			}
		case 2:
			p.wrap(title, first, rest, bold)
			if !r.color {
				p.line(rest + strings.Repeat("-", min(wordsWidth(title), r.width-len(rest))))
			}
		default:
			p.wrap(title, first, rest, bold)
		}
	case *ast.FencedCodeBlock:
		p.code(string(b.Language(p.src)), string(b.Lines().Value(p.src)), first, rest)
	case *ast.CodeBlock:
		p.code("", string(b.Lines().Value(p.src)), first, rest)
	case *ast.List:
		for i, item := range children(b) {
			if i > 0 && !b.IsTight {
				p.blank()
			}
			marker := "- "
			if b.IsOrdered() {
				marker = strconv.Itoa(b.Start+i) + string(b.Marker) + " "
			}
			indent := strings.Repeat(" ", utf8.RuneCountInString(marker))
			if i == 0 {
				p.blocks(children(item), first+marker, rest+indent)
			} else {
				p.blocks(children(item), rest+marker, rest+indent)
			}
		}
	case *ast.ListItem:
		p.blocks(children(b), first, rest)
	case *ast.Blockquote:
		p.blocks(children(b), first+"│ ", rest+"│ ")
	case *extast.Table:
		p.table(b, first, rest)
	case *ast.HTMLBlock:
		html := string(b.Lines().Value(p.src))
		if b.HasClosure() {
			html += string(b.ClosureLine.Value(p.src))
		}
		for i, l := range strings.Split(strings.TrimRight(html, "\n"), "\n") {
			if i == 0 {
				p.line(first + l)
			} else {
				p.line(rest + l)
			}
		}
	case *ast.ThematicBreak:
		p.line(first + strings.Repeat("─", min(20, r.width-len(first))))
	default: // a paragraph
		if img, ok := b.FirstChild().(*ast.Image); ok && b.ChildCount() == 1 {
			fig := "Figure: " + string(course.InlineText(img, p.src)) + " — " + figureHint
			p.wrap(textWords(fig), first, rest+"        ", noticeDim)
			return
		}
		p.wrap(p.words(b), first, rest, "")
	}
}

// code writes a code block as it is, indented by four spaces, or by two
// if that makes its widest line fit. Its lines are never re-wrapped: a
// line wider than the terminal goes past it.
func (p *page) code(lang, src, first, rest string) {
	src = strings.TrimSuffix(src, "\n")
	widest := 0
	for _, l := range strings.Split(src, "\n") {
		widest = max(widest, displayWidth(l))
	}
	indent := "    "
	if len(rest)+len(indent)+widest > p.r.width && len(rest)+2+widest <= p.r.width {
		indent = "  "
	}
	if p.r.color && lang != "text" && lang != "" {
		src = highlight(lang, src)
	} else if p.r.color && lang == "text" {
		var out []string
		for _, l := range strings.Split(src, "\n") {
			out = append(out, stampRE.ReplaceAllStringFunc(l, func(s string) string { return stamp + s + reset }))
		}
		src = strings.Join(out, "\n")
	}
	for i, l := range strings.Split(src, "\n") {
		prefix := rest
		if i == 0 {
			prefix = first + strings.Repeat(" ", max(0, len(rest)-len(first)))
		}
		if l == "" {
			p.line("")
			continue
		}
		p.line(prefix + indent + l)
	}
}

// displayWidth is how many columns s takes, a tab going to the next
// multiple of 8.
func displayWidth(s string) int {
	n := 0
	for _, c := range s {
		if c == '\t' {
			n += 8 - n%8
			continue
		}
		n++
	}
	return n
}

var stampRE = regexp.MustCompile(`^\[ *\d+ms\]`)

// A word is what wrapping keeps on one line: text between spaces. Each
// part has a style (colour only).
type word []part

type part struct {
	text, style string
}

func wordsWidth(ws []word) int {
	n := 0
	for i, w := range ws {
		if i > 0 {
			n++
		}
		n += w.width()
	}
	return n
}

func (w word) width() int {
	n := 0
	for _, p := range w {
		n += utf8.RuneCountInString(p.text)
	}
	return n
}

// lineBreak is a word that ends a line: a hard line break.
var lineBreak = word{{text: "\n"}}

// textWords cuts plain text into words.
func textWords(s string) []word {
	var w wordList
	w.add(s, "", false)
	return w.end()
}

// words cuts the inline children of n (a paragraph's, a heading's, a table
// cell's) into words, with their styles: a link becomes its text and a
// number ("the doc [1]"), a code span keeps its spaces (no line is broken
// in it unless it is wider than a line).
func (p *page) words(n ast.Node) []word {
	var w wordList
	p.inlines(&w, n, "")
	return w.end()
}

// wordList is a list of words being made, the last one not yet ended.
type wordList struct {
	ws  []word
	cur word
}

func (w *wordList) endWord() {
	if len(w.cur) > 0 {
		w.ws = append(w.ws, w.cur)
		w.cur = nil
	}
}

func (w *wordList) end() []word {
	w.endWord()
	return w.ws
}

// add adds text in style: its spaces end words, unless keep says to keep
// them in the word (a code span's).
func (w *wordList) add(text, style string, keep bool) {
	for i, s := range strings.Split(text, " ") {
		if i > 0 && !keep {
			w.endWord()
		}
		if i > 0 && keep {
			s = " " + s
		}
		if s != "" {
			w.cur = append(w.cur, part{s, style})
		}
	}
}

// inlines adds the inline children of n to w in style. Text that runs on
// from one node to the next (text, an entity, raw HTML) is one part.
func (p *page) inlines(w *wordList, n ast.Node, style string) {
	var text strings.Builder
	flush := func() {
		w.add(text.String(), style, false)
		text.Reset()
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch x := c.(type) {
		case *ast.Text:
			text.Write(textValue(x, p.src))
			switch {
			case x.HardLineBreak():
				flush()
				w.endWord()
				w.ws = append(w.ws, lineBreak)
			case x.SoftLineBreak():
				text.WriteString(" ")
			}
			continue
		case *ast.String:
			text.Write(x.Value)
			continue
		case *ast.RawHTML:
			text.Write(rawHTML(x, p.src))
			continue
		}
		flush()
		switch x := c.(type) {
		case *ast.CodeSpan:
			if p.r.color {
				w.add(codeSpanText(x, p.src), codeSpan, true)
			} else {
				w.add("`"+codeSpanText(x, p.src)+"`", style, true)
			}
		case *ast.Emphasis:
			marks := strings.Repeat("*", x.Level)
			if p.r.color {
				s := italic
				if x.Level > 1 {
					s = bold
				}
				p.inlines(w, x, s)
			} else {
				w.add(marks, style, false)
				p.inlines(w, x, style)
				w.add(marks, style, false)
			}
		case *ast.Link:
			p.link(w, x, string(x.Destination), style)
		case *ast.AutoLink:
			p.link(w, x, string(x.URL(p.src)), style)
		case *ast.Image:
			w.add("(figure: "+string(course.InlineText(x, p.src))+"; "+figureHint+")", noticeDim, true)
		default:
			p.inlines(w, x, style)
		}
	}
	flush()
}

// link adds link n, to target, as its text and the number of its target,
// unless its text is the target (a bare URL, or a folder's path, says
// where it goes).
func (p *page) link(w *wordList, n ast.Node, target, style string) {
	if a, ok := n.(*ast.AutoLink); ok {
		w.add(string(a.Label(p.src)), style, false)
	} else {
		p.inlines(w, n, style)
	}
	if text := plainText(n, p.src); text == target || text == strings.TrimSuffix(p.resolve(target), "/") {
		return
	}
	w.add(" ["+strconv.Itoa(p.number(p.resolve(target)))+"]", noticeDim, true)
}

// textValue is a text node's text, its backslash escapes and character
// references resolved as goldmark's HTML renderer does, unless it is raw.
func textValue(t *ast.Text, src []byte) []byte {
	v := t.Segment.Value(src)
	if t.IsRaw() {
		return v
	}
	return util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(v)))
}

// plainText is the text of inline node n without its markup: code spans'
// content, links' text, images' alternative text.
func plainText(n ast.Node, src []byte) string {
	if a, ok := n.(*ast.AutoLink); ok {
		return string(a.Label(src))
	}
	var b strings.Builder
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch x := c.(type) {
		case *ast.Text:
			b.Write(textValue(x, src))
			switch {
			case x.HardLineBreak():
				b.WriteString("\n")
			case x.SoftLineBreak():
				b.WriteString(" ")
			}
		case *ast.String:
			b.Write(x.Value)
		case *ast.RawHTML:
			b.Write(rawHTML(x, src))
		case *ast.CodeSpan:
			b.WriteString(codeSpanText(x, src))
		case *ast.Image:
			b.Write(course.InlineText(x, src))
		default:
			b.WriteString(plainText(x, src))
		}
	}
	return b.String()
}

// rawHTML is inline HTML as written.
func rawHTML(h *ast.RawHTML, src []byte) []byte {
	var b []byte
	for i := 0; i < h.Segments.Len(); i++ {
		seg := h.Segments.At(i)
		b = append(b, seg.Value(src)...)
	}
	return b
}

// codeSpanText is a code span's content; a line break in it is a space.
func codeSpanText(c *ast.CodeSpan, src []byte) string {
	var b strings.Builder
	for t := c.FirstChild(); t != nil; t = t.NextSibling() {
		if t, ok := t.(*ast.Text); ok {
			b.Write(t.Segment.Value(src))
			if t.SoftLineBreak() {
				b.WriteByte(' ')
			}
		}
	}
	return b.String()
}

// number is the link number of target on this page.
func (p *page) number(target string) int {
	for i, t := range p.links {
		if t == target {
			return i + 1
		}
	}
	p.links = append(p.links, target)
	return len(p.links)
}

// resolve turns a link's target into one a reader can follow from the root
// of the course: a URL stays as it is, a relative path is joined to the
// document's folder ("../exercises/x/" from lessons/ is "exercises/x/"),
// and a lesson's file says how to show it.
func (p *page) resolve(target string) string {
	if strings.Contains(target, "://") || strings.HasPrefix(target, "mailto:") || strings.HasPrefix(target, "#") {
		return target
	}
	file, frag, hasFrag := strings.Cut(target, "#")
	joined := path.Join(p.dir, file)
	if strings.HasSuffix(file, "/") {
		joined += "/"
	}
	if hasFrag {
		joined += "#" + frag
	}
	if m := lessonFile.FindStringSubmatch(joined); m != nil {
		n, _ := strconv.Atoi(m[1])
		joined += fmt.Sprintf(" (go run ./lessons show %d)", n)
	}
	return joined
}

var lessonFile = regexp.MustCompile(`^lessons/(\d\d)-[a-z0-9-]+\.md$`)

// wrap writes words as lines no wider than the page, the first starting
// with first, the others with rest; style colours the parts that have
// none of their own (a heading's). A word wider than a line is cut at the
// spaces it keeps (a long code span), if it has any; else it goes past.
func (p *page) wrap(ws []word, first, rest, style string) {
	avail := p.r.width - utf8.RuneCountInString(rest)
	var line strings.Builder
	prefix := first
	col := utf8.RuneCountInString(prefix)
	empty := true
	flush := func() {
		p.line(prefix + line.String())
		line.Reset()
		prefix, col, empty = rest, utf8.RuneCountInString(rest), true
	}
	for _, w := range ws {
		if len(w) == 1 && w[0].text == "\n" {
			flush()
			continue
		}
		pieces := []word{w}
		if w.width() > avail {
			pieces = splitWord(w)
		}
		for _, w := range pieces {
			if !empty && col+1+w.width() > p.r.width {
				flush()
			}
			if !empty {
				line.WriteString(" ")
				col++
			}
			for _, pt := range w {
				s := pt.style
				if s == "" {
					s = style
				}
				line.WriteString(p.r.style(s, pt.text))
			}
			col += w.width()
			empty = false
		}
	}
	if !empty {
		flush()
	}
}

// splitWord cuts a word at the spaces its parts keep (a code span's).
func splitWord(w word) []word {
	var out []word
	var cur word
	for _, pt := range w {
		pieces := strings.Split(pt.text, " ")
		for i, s := range pieces {
			if i > 0 {
				if len(cur) > 0 {
					out = append(out, cur)
				}
				cur = nil
			}
			if s != "" {
				cur = append(cur, part{s, pt.style})
			}
		}
	}
	if len(cur) > 0 {
		out = append(out, cur)
	}
	return out
}

// table writes a table with its columns aligned, if it fits in the page;
// else each row as a record, a line for each cell: "header: cell".
func (p *page) table(t *extast.Table, first, rest string) {
	var rows [][]ast.Node // each row's cells, the header first
	for row := t.FirstChild(); row != nil; row = row.NextSibling() {
		rows = append(rows, children(row))
	}
	cells := make([][]string, len(rows))
	plain := make([][]int, len(rows))
	var widths []int
	for i, row := range rows {
		for j, cell := range row {
			ws := p.words(cell)
			var b strings.Builder
			for k, w := range ws {
				if k > 0 {
					b.WriteString(" ")
				}
				for _, pt := range w {
					b.WriteString(p.r.style(pt.style, pt.text))
				}
			}
			cells[i] = append(cells[i], b.String())
			plain[i] = append(plain[i], wordsWidth(ws))
			if j >= len(widths) {
				widths = append(widths, 0)
			}
			widths[j] = max(widths[j], wordsWidth(ws))
		}
	}
	total := len(rest) + 2*(len(widths)-1)
	for _, w := range widths {
		total += w
	}
	if total <= p.r.width {
		for i := range cells {
			prefix := rest
			if i == 0 {
				prefix = first
			}
			var b strings.Builder
			for j, c := range cells[i] {
				b.WriteString(c)
				if j < len(cells[i])-1 {
					b.WriteString(strings.Repeat(" ", widths[j]-plain[i][j]+2))
				}
			}
			p.line(prefix + b.String())
			if i == 0 {
				var u []string
				for _, w := range widths {
					u = append(u, strings.Repeat("-", max(w, 1)))
				}
				p.line(rest + strings.Join(u, "  "))
			}
		}
		return
	}
	// Too wide: a record per row.
	header := rows[0]
	for i, row := range rows[1:] {
		if i > 0 {
			p.blank()
			first = rest
		}
		label := func(j int) []word {
			if j >= len(header) || header[j].ChildCount() == 0 {
				return nil
			}
			ws := p.words(header[j])
			last := ws[len(ws)-1]
			ws[len(ws)-1] = append(append(word{}, last...), part{":", ""})
			return ws
		}
		start := 0
		if len(header) == 0 || header[0].ChildCount() == 0 {
			// No header over the first column: it names the row.
			if len(row) > 0 {
				p.wrap(p.words(row[0]), first, rest, bold)
			}
			start = 1
		} else {
			p.wrap(append(label(0), p.words(row[0])...), first+"- ", rest+"  ", "")
			start = 1
		}
		for j := start; j < len(row); j++ {
			p.wrap(append(label(j), p.words(row[j])...), rest+"  ", rest+"      ", "")
		}
	}
}

// highlight colours source in language lang by token, keeping its layout
// byte for byte: Go with go/scanner, the Go toolchain's own scanner, which
// is exact and quick; any other language ("sh", "python", "rust") with
// chroma's lexers, the browser view's highlighter. (chroma's regular
// expressions for Go cost milliseconds a block, ten times that under the
// race detector; go/scanner a fraction.) A language chroma does not know
// is left plain.
func highlight(lang, src string) string {
	if lang == "go" {
		return highlightGo(src)
	}
	lexer := lexers.Get(lang)
	if lexer == nil {
		return src
	}
	it, err := chroma.Coalesce(lexer).Tokenise(nil, src)
	if err != nil {
		return src
	}
	var b strings.Builder
	for tok := it(); tok != chroma.EOF; tok = it() {
		color := ""
		switch {
		case tok.Type.InCategory(chroma.Keyword):
			color = keyword
		case tok.Type.InCategory(chroma.Comment):
			color = comment
		case tok.Type.InSubCategory(chroma.LiteralString):
			color = literal
		case tok.Type.InSubCategory(chroma.LiteralNumber):
			color = number
		}
		if color == "" || strings.TrimSpace(tok.Value) == "" {
			b.WriteString(tok.Value)
			continue
		}
		// A token may span lines (a block comment): colour each line's
		// part, so that a line printed alone is still reset at its end.
		for i, part := range strings.Split(tok.Value, "\n") {
			if i > 0 {
				b.WriteString("\n")
			}
			if part != "" {
				b.WriteString(color + part + reset)
			}
		}
	}
	out := b.String()
	if len(out) > len(src) && !strings.HasSuffix(src, "\n") {
		out = strings.TrimSuffix(out, "\n") // chroma ends the last line
	}
	return out
}

// highlightGo colours Go source by token, keeping its layout byte for byte.
func highlightGo(src string) string {
	fset := token.NewFileSet()
	file := fset.AddFile("", fset.Base(), len(src))
	var s scanner.Scanner
	s.Init(file, []byte(src), nil, scanner.ScanComments)
	var b strings.Builder
	last := 0
	for {
		pos, tok, lit := s.Scan()
		if tok == token.EOF {
			break
		}
		off := file.Offset(pos)
		if tok == token.SEMICOLON && lit == "\n" {
			continue // an inserted semicolon: nothing in the source
		}
		text := lit
		if text == "" {
			text = tok.String()
		}
		if off < last || off+len(text) > len(src) {
			continue
		}
		b.WriteString(src[last:off])
		color := ""
		switch {
		case tok.IsKeyword():
			color = keyword
		case tok == token.COMMENT:
			color = comment
		case tok == token.STRING || tok == token.CHAR:
			color = literal
		case tok == token.INT || tok == token.FLOAT:
			color = number
		}
		if color != "" {
			b.WriteString(color + text + reset)
		} else {
			b.WriteString(text)
		}
		last = off + len(text)
	}
	b.WriteString(src[last:])
	return b.String()
}
