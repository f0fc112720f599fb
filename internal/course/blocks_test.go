package course

import (
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// A lesson-shaped document: every kind of block the lessons use, a
// directive and its generated block, a table.
const blocksDoc = "<!-- summary: s -->\n" + // 1
	"# The *title*\n" + // 2
	"\n" +
	"Some `code` and a [link to `x`](../exercises/x/),\n" + // 4
	"then \\*not emphasis\\* &amp; **strong**.\n" +
	"\n" +
	"## Code\n" + // 7
	"\n" +
	"<!-- code: std/x.go X -->\n" +
	"```go\n" + // 10
	"func X() {}\n" +
	"```\n" +
	"<!-- end -->\n" +
	"\n" +
	"![Timeline: a title](../docs/figures/x.svg)\n" + // 15
	"\n" +
	"- one\n" + // 17
	"  more\n" +
	"- two\n" +
	"\n" +
	"3. three\n" + // 21
	"4. four\n" +
	"\n" +
	"| | a `x|y` | b |\n" + // 24
	"| --- | :-: | --- |\n" +
	"| row | 1 \\| 2 | **3** |\n" +
	"\n" +
	"> quoted\n" + // 28
	"\n" +
	"---\n" // 30

func txt(s string) Inline  { return Inline{Kind: InlineText, Text: s} }
func code(s string) Inline { return Inline{Kind: InlineCode, Text: s} }

func TestBlocks(t *testing.T) {
	d, err := Parse("x.md", []byte(blocksDoc))
	if err != nil {
		t.Fatal(err)
	}
	want := []Block{
		{Kind: BlockHeading, Line: 2, Level: 1, Inlines: []Inline{txt("The "), {Kind: InlineEmphasis, Level: 1, Children: []Inline{txt("title")}}}},
		{Kind: BlockParagraph, Line: 4, Inlines: []Inline{
			txt("Some "), code("code"), txt(" and a "),
			{Kind: InlineLink, Target: "../exercises/x/", Children: []Inline{txt("link to "), code("x")}},
			txt(", then *not emphasis* & "),
			{Kind: InlineEmphasis, Level: 2, Children: []Inline{txt("strong")}},
			txt("."),
		}},
		{Kind: BlockHeading, Line: 7, Level: 2, Inlines: []Inline{txt("Code")}},
		{Kind: BlockCode, Line: 10, Lang: "go", Code: "func X() {}\n"},
		{Kind: BlockParagraph, Line: 15, Inlines: []Inline{{Kind: InlineImage, Text: "Timeline: a title", Target: "../docs/figures/x.svg"}}},
		{Kind: BlockList, Line: 17, First: 0, Tight: true, Children: []Block{
			{Kind: BlockListItem, Line: 17, Marker: "-", Children: []Block{{Kind: BlockParagraph, Line: 17, Inlines: []Inline{txt("one more")}}}},
			{Kind: BlockListItem, Line: 19, Marker: "-", Children: []Block{{Kind: BlockParagraph, Line: 19, Inlines: []Inline{txt("two")}}}},
		}},
		{Kind: BlockList, Line: 21, Ordered: true, First: 3, Tight: true, Children: []Block{
			{Kind: BlockListItem, Line: 21, Marker: "3.", Children: []Block{{Kind: BlockParagraph, Line: 21, Inlines: []Inline{txt("three")}}}},
			{Kind: BlockListItem, Line: 22, Marker: "4.", Children: []Block{{Kind: BlockParagraph, Line: 22, Inlines: []Inline{txt("four")}}}},
		}},
		{Kind: BlockTable, Line: 24, Rows: [][][]Inline{
			{nil, {txt("a "), code("x|y")}, {txt("b")}},
			{{txt("row")}, {txt("1 | 2")}, {{Kind: InlineEmphasis, Level: 2, Children: []Inline{txt("3")}}}},
		}},
		{Kind: BlockQuote, Line: 28, Children: []Block{{Kind: BlockParagraph, Line: 28, Inlines: []Inline{txt("quoted")}}}},
		{Kind: BlockRule, Line: 30},
	}
	if diff := cmp.Diff(want, d.Blocks, cmp.FilterPath(func(p cmp.Path) bool { return p.Last().String() == ".Start" }, cmp.Ignore())); diff != "" {
		t.Errorf("Blocks (-want +got):\n%s", diff)
	}
	for _, b := range d.Blocks {
		if got := lineIndex([]byte(blocksDoc))(b.Start); got != b.Line {
			t.Errorf("block of kind %d at line %d starts at byte %d, on line %d", b.Kind, b.Line, b.Start, got)
		}
	}
	if got := PlainText(d.Blocks[1].Inlines); got != "Some code and a link to x, then *not emphasis* & strong." {
		t.Errorf("PlainText = %q", got)
	}
}

func TestSectionBlocksCutAtHeadings(t *testing.T) {
	d, err := Parse("x.md", []byte(blocksDoc))
	if err != nil {
		t.Fatal(err)
	}
	var kinds [][]BlockKind
	for _, s := range d.Sections {
		var k []BlockKind
		for _, b := range d.SectionBlocks(s) {
			k = append(k, b.Kind)
		}
		kinds = append(kinds, k)
	}
	want := [][]BlockKind{
		{BlockHeading, BlockParagraph},
		{BlockHeading, BlockCode, BlockParagraph, BlockList, BlockList, BlockTable, BlockQuote, BlockRule},
	}
	if diff := cmp.Diff(want, kinds); diff != "" {
		t.Errorf("blocks by section (-want +got):\n%s", diff)
	}
}

// TestEveryLessonTableIsATable: a lesson's tables are found as tables,
// with as many cells in every row as in the header.
func TestEveryLessonTableIsATable(t *testing.T) {
	lessons, err := Load(os.DirFS("../../lessons"), "lessons")
	if err != nil {
		t.Fatal(err)
	}
	tables := 0
	for _, l := range lessons {
		for _, b := range l.Blocks {
			if b.Kind == BlockParagraph && len(b.Inlines) > 0 && b.Inlines[0].Kind == InlineText && len(b.Inlines[0].Text) > 0 && b.Inlines[0].Text[0] == '|' {
				t.Errorf("%s:%d: a table read as a paragraph", l.File, b.Line)
			}
			if b.Kind != BlockTable {
				continue
			}
			tables++
			for i, row := range b.Rows {
				if len(row) != len(b.Rows[0]) {
					t.Errorf("%s:%d: row %d has %d cells, the header %d", l.File, b.Line, i, len(row), len(b.Rows[0]))
				}
			}
		}
	}
	if tables == 0 {
		t.Error("no table in the lessons")
	}
}
