package course

import (
	"bytes"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// BlockKind says what a Block is.
type BlockKind int

// The kinds of Block.
const (
	BlockParagraph BlockKind = iota // Inlines: its text
	BlockHeading                    // Level, Inlines
	BlockCode                       // Lang, Code
	BlockList                       // Ordered, First, Tight; Children: its items
	BlockListItem                   // Marker; Children: its blocks
	BlockQuote                      // Children: its blocks
	BlockTable                      // Rows: the header row first, each cell's text
	BlockHTML                       // Code: the HTML as written
	BlockRule                       // a thematic break
)

// Block is one block of a document as a reader sees it: a heading, a
// paragraph, a code block, a list and its items, a table. The invisible
// lines (directives, their ends, headers) are not blocks; the generated
// block a directive holds is (a code block, a figure's image).
//
// A table is a paragraph whose every line starts with "|", its second line
// the row of dashes: the course's parser has no table extension, so the
// model finds them itself.
type Block struct {
	Kind  BlockKind
	Start int // its first byte in the Doc's Text
	Line  int // the line it starts on

	Level   int      // BlockHeading: 1 for "#", 2 for "##"...
	Inlines []Inline // BlockParagraph, BlockHeading: the text, with its links and code spans

	Lang string // BlockCode: the fence's language ("go", "text"), or ""
	Code string // BlockCode: the lines, as written, each ending in "\n"; BlockHTML: the markup

	Ordered  bool    // BlockList: numbered
	First    int     // BlockList: an ordered list's first number
	Tight    bool    // BlockList: no blank lines between its items
	Marker   string  // BlockListItem: "-", or "3." in an ordered list
	Children []Block // BlockList: its BlockListItems; BlockListItem, BlockQuote: their blocks

	Rows [][][]Inline // BlockTable: each row's cells, the header first, without the row of dashes
}

// InlineKind says what an Inline is.
type InlineKind int

// The kinds of Inline.
const (
	InlineText     InlineKind = iota // Text: words as written, markup taken out
	InlineCode                       // Text: a code span's content
	InlineEmphasis                   // Level (1 is *em*, 2 is **strong**), Children
	InlineLink                       // Target, Children: a link's text
	InlineImage                      // Text: its alternative text, Target: the image
	InlineBreak                      // a hard line break
)

// Inline is a piece of a paragraph's or heading's text.
type Inline struct {
	Kind     InlineKind
	Text     string   // InlineText, InlineCode, InlineImage
	Target   string   // InlineLink, InlineImage: the destination as written ("../docs/x.md")
	Level    int      // InlineEmphasis
	Children []Inline // InlineEmphasis, InlineLink
}

// PlainText returns the text of inlines without their markup: code spans'
// content, links' text, images' alternative text.
func PlainText(inlines []Inline) string {
	var b strings.Builder
	for _, in := range inlines {
		switch in.Kind {
		case InlineEmphasis, InlineLink:
			b.WriteString(PlainText(in.Children))
		case InlineBreak:
			b.WriteString("\n")
		default:
			b.WriteString(in.Text)
		}
	}
	return b.String()
}

// SectionBlocks returns the blocks of section s of d, in order.
func (d *Doc) SectionBlocks(s Section) []Block {
	var out []Block
	for _, b := range d.Blocks {
		if b.Start >= s.Start && b.Start < s.End {
			out = append(out, b)
		}
	}
	return out
}

// toBlock converts a node of the parsed document; lineOf turns a byte
// offset into its line.
func toBlock(n ast.Node, src []byte, lineOf func(int) int) Block {
	start := blockStart(n, src)
	b := Block{Start: start, Line: lineOf(start)}
	switch n := n.(type) {
	case *ast.Heading:
		b.Kind, b.Level, b.Inlines = BlockHeading, n.Level, inlines(n, src)
	case *ast.Paragraph, *ast.TextBlock:
		if rows, ok := table(n, src); ok {
			b.Kind, b.Rows = BlockTable, rows
		} else {
			b.Kind, b.Inlines = BlockParagraph, inlines(n, src)
		}
	case *ast.FencedCodeBlock:
		b.Kind, b.Lang, b.Code = BlockCode, string(n.Language(src)), string(n.Lines().Value(src))
	case *ast.CodeBlock:
		b.Kind, b.Code = BlockCode, string(n.Lines().Value(src))
	case *ast.HTMLBlock:
		b.Kind, b.Code = BlockHTML, string(n.Lines().Value(src))
		if n.HasClosure() {
			b.Code += string(n.ClosureLine.Value(src))
		}
	case *ast.ThematicBreak:
		b.Kind, b.Start = BlockRule, ruleStart(n, src)
		b.Line = lineOf(b.Start)
	case *ast.Blockquote:
		b.Kind, b.Children = BlockQuote, children(n, src, lineOf)
	case *ast.List:
		b.Kind, b.Ordered, b.First, b.Tight = BlockList, n.IsOrdered(), n.Start, n.IsTight
		b.Children = children(n, src, lineOf)
		for i := range b.Children {
			b.Children[i].Marker = "-"
			if b.Ordered {
				b.Children[i].Marker = strconv.Itoa(n.Start+i) + string(n.Marker)
			}
		}
	case *ast.ListItem:
		b.Kind, b.Children = BlockListItem, children(n, src, lineOf)
	default:
		b.Kind, b.Inlines = BlockParagraph, inlines(n, src)
	}
	return b
}

// thematicBreak is a line of three or more "-", "*" or "_".
var thematicBreak = regexp.MustCompile(`(?m)^ {0,3}([-*_])(?: *[-*_]){2,} *$`)

// ruleStart is where thematic break n starts: goldmark keeps no position
// for one, so it is the first line like it after the block before it.
func ruleStart(n ast.Node, src []byte) int {
	from := 0
	if p := n.PreviousSibling(); p != nil {
		from = lastStop(p)
	}
	if loc := thematicBreak.FindIndex(src[from:]); loc != nil {
		return from + loc[0]
	}
	return from
}

// lastStop is the end of the last line that block n or a block in it holds.
func lastStop(n ast.Node) int {
	for c := n.LastChild(); c != nil; c = c.PreviousSibling() {
		if c.Type() == ast.TypeBlock {
			if at := lastStop(c); at > 0 {
				return at
			}
		}
	}
	if n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
		seg := n.Lines().At(n.Lines().Len() - 1)
		return seg.Stop
	}
	return 0
}

func children(n ast.Node, src []byte, lineOf func(int) int) []Block {
	var out []Block
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		out = append(out, toBlock(c, src, lineOf))
	}
	return out
}

// inlines converts the inline children of n.
func inlines(n ast.Node, src []byte) []Inline {
	var out []Inline
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		out = appendInline(out, c, src)
	}
	return out
}

// appendInline adds inline node c to out.
func appendInline(out []Inline, c ast.Node, src []byte) []Inline {
	switch c := c.(type) {
	case *ast.Text:
		v := c.Segment.Value(src)
		if !c.IsRaw() {
			v = unescape(v)
		}
		out = appendText(out, string(v))
		switch {
		case c.HardLineBreak():
			out = append(out, Inline{Kind: InlineBreak})
		case c.SoftLineBreak():
			out = appendText(out, " ")
		}
	case *ast.String:
		out = appendText(out, string(c.Value))
	case *ast.CodeSpan:
		out = append(out, Inline{Kind: InlineCode, Text: codeSpanText(c, src)})
	case *ast.Emphasis:
		out = append(out, Inline{Kind: InlineEmphasis, Level: c.Level, Children: inlines(c, src)})
	case *ast.Link:
		out = append(out, Inline{Kind: InlineLink, Target: string(c.Destination), Children: inlines(c, src)})
	case *ast.Image:
		out = append(out, Inline{Kind: InlineImage, Target: string(c.Destination), Text: string(inlineText(c, src))})
	case *ast.AutoLink:
		out = append(out, Inline{Kind: InlineLink, Target: string(c.URL(src)), Children: []Inline{{Kind: InlineText, Text: string(c.Label(src))}}})
	case *ast.RawHTML:
		var b strings.Builder
		for i := 0; i < c.Segments.Len(); i++ {
			seg := c.Segments.At(i)
			b.Write(seg.Value(src))
		}
		out = appendText(out, b.String())
	default:
		out = append(out, inlines(c, src)...)
	}
	return out
}

// unescape resolves backslash escapes and character references, as
// goldmark's HTML renderer does for text.
func unescape(v []byte) []byte {
	return util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(v)))
}

// appendText adds s to the Text at the end of out, or as a new Text.
func appendText(out []Inline, s string) []Inline {
	if s == "" {
		return out
	}
	if k := len(out) - 1; k >= 0 && out[k].Kind == InlineText {
		out[k].Text += s
		return out
	}
	return append(out, Inline{Kind: InlineText, Text: s})
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

// tableDelimiter is a cell of a table's second row: dashes, with colons
// for the alignment.
var tableDelimiter = regexp.MustCompile(`^:?-+:?$`)

// table reads paragraph n as a table: every line of it starts with "|",
// and the second is a row of dashes. Its cells are split at the "|" in its
// text (not at one in a code span, nor at an escaped "\|"); the row of
// dashes is left out.
func table(n ast.Node, src []byte) ([][][]Inline, bool) {
	lines := n.Lines()
	if lines.Len() < 2 {
		return nil, false
	}
	for i := 0; i < lines.Len(); i++ {
		if !bytes.HasPrefix(bytes.TrimSpace(linesAt(lines, i, src)), []byte("|")) {
			return nil, false
		}
	}
	var rows [][][]Inline
	var row [][]Inline
	var cell []Inline
	endCell := func() {
		row = append(row, trimCell(cell))
		cell = nil
	}
	endRow := func() {
		endCell()
		line := bytes.TrimSpace(linesAt(lines, min(len(rows), lines.Len()-1), src))
		row = row[1:] // before the leading "|"
		if bytes.HasSuffix(line, []byte("|")) && !bytes.HasSuffix(line, []byte(`\|`)) && len(row) > 0 {
			row = row[:len(row)-1] // after the trailing one
		}
		rows = append(rows, row)
		row = nil
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		t, ok := c.(*ast.Text)
		if !ok {
			cell = appendInline(cell, c, src)
			continue
		}
		for i, piece := range splitPipes(t.Segment.Value(src)) {
			if i > 0 {
				endCell()
			}
			cell = appendText(cell, string(unescape(piece)))
		}
		if t.SoftLineBreak() || t.HardLineBreak() {
			endRow()
		}
	}
	endRow()
	if len(rows) < 2 || !isDelimiterRow(rows[1]) {
		return nil, false
	}
	return append(rows[:1], rows[2:]...), true
}

// splitPipes splits s at each "|" that no backslash escapes.
func splitPipes(s []byte) [][]byte {
	var out [][]byte
	from := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case '|':
			out = append(out, s[from:i])
			from = i + 1
		}
	}
	return append(out, s[from:])
}

func isDelimiterRow(row [][]Inline) bool {
	for _, cell := range row {
		if !tableDelimiter.MatchString(strings.TrimSpace(PlainText(cell))) {
			return false
		}
	}
	return len(row) > 0
}

// trimCell trims the spaces around a cell's text.
func trimCell(cell []Inline) []Inline {
	if len(cell) > 0 && cell[0].Kind == InlineText {
		cell[0].Text = strings.TrimLeft(cell[0].Text, " ")
	}
	if k := len(cell) - 1; k >= 0 && cell[k].Kind == InlineText {
		cell[k].Text = strings.TrimRight(cell[k].Text, " ")
	}
	var out []Inline
	for _, c := range cell {
		if c.Kind != InlineText || c.Text != "" {
			out = append(out, c)
		}
	}
	return out
}

// visibleBlocks are blocks without the invisible lines: an HTML block that
// is a directive, its end or a header.
func visibleBlocks(blocks []Block, hidden [][2]int) []Block {
	var out []Block
	for _, b := range blocks {
		if b.Kind == BlockHTML && slices.ContainsFunc(hidden, func(h [2]int) bool { return h[0] == b.Start }) {
			continue
		}
		out = append(out, b)
	}
	return out
}

// linesAt is the text of line i of lines.
func linesAt(lines *text.Segments, i int, src []byte) []byte {
	seg := lines.At(i)
	return seg.Value(src)
}
