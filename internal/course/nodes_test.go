package course

import (
	"bytes"
	"os"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
)

func kinds(nodes []ast.Node) []string {
	var out []string
	for _, n := range nodes {
		out = append(out, n.Kind().String())
	}
	return out
}

// TestNodesAreWhatAReaderSees: a document's Nodes, and each section's, are
// its top-level blocks without the invisible lines; the generated blocks
// stay, and so does a directive shown in a code block.
func TestNodesAreWhatAReaderSees(t *testing.T) {
	d, err := Parse("lessons/03-sample.md", []byte(sample))
	if err != nil {
		t.Fatal(err)
	}
	var got [][]string
	for _, s := range d.Sections {
		got = append(got, kinds(s.Nodes))
	}
	want := [][]string{
		{"Heading", "Paragraph"},
		{"Heading", "FencedCodeBlock", "FencedCodeBlock"},
		{"Heading", "Paragraph"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Nodes by section (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(slices.Concat(want...), kinds(d.Nodes)); diff != "" {
		t.Errorf("the Doc's Nodes are not its sections' (-want +got):\n%s", diff)
	}
}

// TestEveryLessonTableIsATable: the parser reads a lesson's tables as
// tables, not as paragraphs of "|".
func TestEveryLessonTableIsATable(t *testing.T) {
	lessons, err := Load(os.DirFS("../../lessons"), "lessons")
	if err != nil {
		t.Fatal(err)
	}
	tables := 0
	for _, l := range lessons {
		ast.Walk(l.Root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			switch n := n.(type) {
			case *extast.Table:
				if entering {
					tables++
				}
			case *ast.Paragraph:
				if entering && bytes.HasPrefix(n.Lines().Value(l.Source), []byte("|")) {
					t.Errorf("%s: a table read as a paragraph: %q", l.File, n.Lines().Value(l.Source))
				}
			}
			return ast.WalkContinue, nil
		})
	}
	if tables == 0 {
		t.Error("no table in the lessons")
	}
}
