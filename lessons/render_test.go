package main

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/yuin/goldmark/ast"

	"example.com/cancellation/internal/course"
)

// renderDoc parses markdown as lessons/x.md and renders it whole.
func renderDoc(t *testing.T, r renderer, markdown string) string {
	t.Helper()
	d, err := course.Parse("lessons/x.md", []byte(markdown))
	if err != nil {
		t.Fatal(err)
	}
	return r.render(d, d.Nodes)
}

func TestRenderWrapsProseToTheWidth(t *testing.T) {
	md := "# A title\n\nOne two three four five six seven eight nine ten eleven twelve\nthirteen, with `a code span` in it.\n\n" +
		"- an item long enough to need a second line at this width\n- short\n"
	got := renderDoc(t, renderer{width: 30}, md)
	want := `A title
=======

One two three four five six
seven eight nine ten eleven
twelve thirteen, with
` + "`a code span`" + ` in it.

- an item long enough to need
  a second line at this width
- short
`
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("render at width 30 (-want +got):\n%s", diff)
	}
}

func TestRenderLeavesCodeLinesWhole(t *testing.T) {
	long := "fmt.Println(\"" + strings.Repeat("x", 90) + "\") // wider than any width here"
	md := "Text.\n\n```go\n" + long + "\nshort()\n```\n"
	got := renderDoc(t, renderer{width: 40}, md)
	want := "Text.\n\n    " + long + "\n    short()\n"
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("a code block (-want +got):\n%s", diff)
	}
	// A block that fits only with a smaller indent gets one.
	fits := strings.Repeat("y", 37)
	got = renderDoc(t, renderer{width: 40}, "```text\n"+fits+"\n```\n")
	if want := "  " + fits + "\n"; got != want {
		t.Errorf("a block 37 wide at width 40: got %q, want %q", got, want)
	}
}

func TestRenderNumbersLinks(t *testing.T) {
	md := "See [the guide](../docs/guide.md) and [`exercises/03-x`](../exercises/03-x/),\n" +
		"[the guide again](../docs/guide.md#part), [Lesson 15](15-pitfalls.md),\n" +
		"[Go](https://go.dev/) and <https://go.dev/ref/mem>.\n\n" +
		"![Timeline: a story](../docs/figures/story.svg)\n"
	got := renderDoc(t, renderer{width: 80}, md)
	// A link whose text is its folder's path says where it goes: no number.
	want := "See the guide [1] and `exercises/03-x`, the guide again [2], Lesson 15 [3],\nGo " +
		"[4] and https://go.dev/ref/mem.\n" +
		"\n" +
		"Figure: Timeline: a story — see it drawn in the browser: go run ./lessons serve\n" +
		"\n" +
		"[1] docs/guide.md\n" +
		"[2] docs/guide.md#part\n" +
		"[3] lessons/15-pitfalls.md (go run ./lessons show 15)\n" +
		"[4] https://go.dev/\n"
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("links (-want +got):\n%s", diff)
	}
}

func TestRenderSameTargetSameNumber(t *testing.T) {
	got := renderDoc(t, renderer{width: 80}, "[a](../x.md) and [b](../x.md).\n")
	if want := "a [1] and b [1].\n\n[1] x.md\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestRenderTables(t *testing.T) {
	md := "| | std | ctx |\n| --- | --- | --- |\n| the check | `IsCancelled()` | `select` on `Done()` |\n| cleanup | nothing | call cancel |\n"
	wide := renderDoc(t, renderer{width: 80}, md)
	wantWide := "" +
		"           std              ctx\n" +
		"---------  ---------------  --------------------\n" +
		"the check  `IsCancelled()`  `select` on `Done()`\n" +
		"cleanup    nothing          call cancel\n"
	if diff := cmp.Diff(wantWide, wide); diff != "" {
		t.Errorf("a table that fits (-want +got):\n%s", diff)
	}
	narrow := renderDoc(t, renderer{width: 30}, md)
	wantNarrow := "" +
		"the check\n" +
		"  std: `IsCancelled()`\n" +
		"  ctx: `select` on `Done()`\n" +
		"\n" +
		"cleanup\n" +
		"  std: nothing\n" +
		"  ctx: call cancel\n"
	if diff := cmp.Diff(wantNarrow, narrow); diff != "" {
		t.Errorf("a table too wide, as records (-want +got):\n%s", diff)
	}
}

// TestRenderEveryKindOfBlock renders a lesson-shaped document with every
// kind of block the lessons use: the invisible lines are left out, the
// generated block a directive holds is not, a hard line break ends a line,
// escapes and entities read as what they stand for, and an escaped "|"
// stays in its table cell, code span or not.
func TestRenderEveryKindOfBlock(t *testing.T) {
	md := "<!-- summary: s -->\n" +
		"# The *title*\n" +
		"\n" +
		"Some `code` and a [link to `x`](../exercises/x/),\n" +
		"then \\*not emphasis\\* &amp; **strong**.  \n" +
		"A hard break before.\n" +
		"\n" +
		"## Code\n" +
		"\n" +
		"<!-- code: std/x.go X -->\n" +
		"```go\n" +
		"func X() {}\n" +
		"```\n" +
		"<!-- end -->\n" +
		"\n" +
		"![Timeline: a title](../docs/figures/x.svg)\n" +
		"\n" +
		"- one\n" +
		"  more\n" +
		"- two\n" +
		"\n" +
		"3. three\n" +
		"4. four\n" +
		"\n" +
		"| | a `x\\|y` | b |\n" +
		"| --- | :-: | --- |\n" +
		"| row | 1 \\| 2 | **3** |\n" +
		"\n" +
		"> quoted\n" +
		"\n" +
		"---\n"
	got := renderDoc(t, renderer{width: 80}, md)
	want := `The *title*
===========

Some ` + "`code`" + ` and a link to ` + "`x`" + ` [1], then *not emphasis* & **strong**.
A hard break before.

Code
----

    func X() {}

Figure: Timeline: a title — see it drawn in the browser: go run ./lessons serve

- one more
- two

3. three
4. four

     a ` + "`x|y`" + `  b
---  -------  -----
row  1 | 2    **3**

│ quoted

────────────────────

[1] exercises/x/
`
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("every kind of block (-want +got):\n%s", diff)
	}
}

var ansi = regexp.MustCompile(`\x1b\[[0-9;]*m`)

// TestEveryLessonFitsItsWidth renders every lesson and its answer at
// several widths, with and without colour, and checks what a reader
// relies on: no line of prose is wider than the width (unless it is one
// word, or one code span that has no space to break at), every line of
// every code block is there whole, and no markdown link or image syntax is
// left.
func TestEveryLessonFitsItsWidth(t *testing.T) {
	lessons, err := course.Load(lessonFiles, "lessons")
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range lessons {
		docs := []*course.Doc{l.Doc}
		if l.Answer != nil {
			docs = append(docs, l.Answer)
		}
		for _, d := range docs {
			code := codeLines(d)
			for _, width := range []int{40, 60, 80, 120} {
				colors := []bool{false}
				if width == 80 {
					colors = append(colors, true) // colour changes no width: one is enough
				}
				for _, color := range colors {
					out := ansi.ReplaceAllString(renderer{width: width, color: color}.render(d, d.Nodes), "")
					where := fmt.Sprintf("%s at width %d (color %v)", d.File, width, color)
					checkFits(t, where, out, width, code)
				}
			}
		}
	}
}

// codeLines are the lines of d's code blocks, trimmed.
func codeLines(d *course.Doc) map[string]bool {
	lines := map[string]bool{}
	codeBlocks(d, func(_, code string, _ int) {
		for _, l := range strings.Split(code, "\n") {
			lines[strings.TrimSpace(l)] = true
		}
	})
	return lines
}

// codeBlocks calls f with the language (or ""), the code and the line of
// each code block of d.
func codeBlocks(d *course.Doc, f func(lang, code string, line int)) {
	ast.Walk(d.Root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering || n.Type() != ast.TypeBlock || n.Lines().Len() == 0 {
			return ast.WalkContinue, nil
		}
		line := 1 + strings.Count(d.Text[:n.Lines().At(0).Start], "\n")
		switch n := n.(type) {
		case *ast.FencedCodeBlock:
			f(string(n.Language(d.Source)), string(n.Lines().Value(d.Source)), line)
		case *ast.CodeBlock:
			f("", string(n.Lines().Value(d.Source)), line)
		}
		return ast.WalkContinue, nil
	})
}

func checkFits(t *testing.T, where, out string, width int, code map[string]bool) {
	t.Helper()
	seen := map[string]bool{}
	for i, line := range strings.Split(out, "\n") {
		trimmed := strings.TrimSpace(line)
		unquoted := strings.TrimSpace(strings.TrimLeft(trimmed, "│ ")) // a line of a blockquote
		seen[trimmed], seen[unquoted] = true, true
		if strings.Contains(line, "](") || strings.Contains(line, "![") {
			t.Errorf("%s, line %d: markdown left: %q", where, i+1, line)
		}
		if displayWidth(line) <= width || code[trimmed] || code[unquoted] {
			continue
		}
		if !strings.Contains(trimmed, " ") || oneCodeSpan(trimmed) {
			continue // one word, wider than a line: nothing to break
		}
		t.Errorf("%s, line %d is %d wide: %q", where, i+1, utf8.RuneCountInString(line), line)
	}
	for l := range code {
		if l != "" && !seen[l] {
			t.Errorf("%s: the code line %q is not whole in the output", where, l)
		}
	}
}

// oneCodeSpan reports whether s is a single code span and what sticks to
// it (punctuation, a link's number).
var codeSpanAlone = regexp.MustCompile("^[(\"]?`[^`]+`[.,:;)\"]*( \\[\\d+\\])?[.,:;)]*$")

func oneCodeSpan(s string) bool { return codeSpanAlone.MatchString(s) }

func TestAnswer(t *testing.T) {
	ans, err := course.Parse("lessons/answers/03-x.md", []byte("# Answer\n\nStep 4, see [the test](../../std/task_test.go).\n"))
	if err != nil {
		t.Fatal(err)
	}
	l := course.Lesson{Doc: &course.Doc{}, Number: 3, Answer: ans}
	got, err := answer(l, renderer{width: 80})
	if err != nil {
		t.Fatal(err)
	}
	want := "For instructors, and for you once you have tried it yourself: the answer to\n" +
		"lesson 3's Question.\n" +
		"\n" +
		"Answer\n" +
		"======\n" +
		"\n" +
		"Step 4, see the test [1].\n" +
		"\n" +
		"[1] std/task_test.go\n"
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("answer (-want +got):\n%s", diff)
	}

	l.Answer = nil
	if _, err := answer(l, renderer{}); err == nil || err.Error() != "lesson 3 has no answer yet" {
		t.Errorf("answer without one: got error %v, want \"lesson 3 has no answer yet\"", err)
	}
}

// Highlighting only adds colour: every code block of every lesson, in
// whatever language, reads the same with the colour taken out, and the
// blocks of each language get some.
func TestHighlightKeepsTheCode(t *testing.T) {
	lessons, err := course.Load(lessonFiles, "lessons")
	if err != nil {
		t.Fatal(err)
	}
	coloured, seen := map[string]bool{}, map[string]bool{}
	for _, l := range lessons {
		codeBlocks(l.Doc, func(lang, code string, line int) {
			if lang == "" || lang == "text" {
				return
			}
			seen[lang] = true
			src := strings.TrimSuffix(code, "\n")
			got := highlight(lang, src)
			if plain := ansi.ReplaceAllString(got, ""); plain != src {
				t.Errorf("%s:%d: highlighting %s changed the code:\n got %q\nwant %q", l.File, line, lang, plain, src)
			}
			if got != src {
				coloured[lang] = true
			}
		})
	}
	if !seen["go"] {
		t.Error("the lessons have no go code block: this test has nothing to check")
	}
	for lang := range seen {
		if !coloured[lang] {
			t.Errorf("no %s block got any colour", lang)
		}
	}
}
