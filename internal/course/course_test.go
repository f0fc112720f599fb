package course

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
)

func lesson(title, summary, run string) *fstest.MapFile {
	text := "<!-- summary: " + summary + " -->\n"
	if run != "" {
		text += "<!-- run: " + run + " -->\n"
	}
	return &fstest.MapFile{Data: []byte(text + "# " + title + "\n\nBody.\n")}
}

type brief struct {
	Number    int
	Slug      string
	File      string
	Title     string
	Summary   string
	Scenarios []string
}

func TestLoadReadsLessonsInOrder(t *testing.T) {
	fsys := fstest.MapFS{
		"10-last.md":       lesson("Last", "The end.", ""),
		"02-second.md":     lesson("Second", "Two.", "ctx-main std-main"),
		"01-first.md":      lesson("First", "One.", "std-main"),
		"README.md":        {Data: []byte("# Not a lesson\n")},
		"notes.txt":        {Data: []byte("ignored")},
		"1-badly-named.md": lesson("Ignored", "x", ""),
	}
	lessons, err := Load(fsys, "lessons")
	if err != nil {
		t.Fatal(err)
	}
	var got []brief
	for _, l := range lessons {
		got = append(got, brief{l.Number, l.Slug, l.File, l.Title, l.Summary, l.Scenarios})
	}
	want := []brief{
		{1, "first", "lessons/01-first.md", "First", "One.", []string{"std-main"}},
		{2, "second", "lessons/02-second.md", "Second", "Two.", []string{"ctx-main", "std-main"}},
		{10, "last", "lessons/10-last.md", "Last", "The end.", nil},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Load (-want +got):\n%s", diff)
	}
}

func TestLoadRejectsBrokenLessons(t *testing.T) {
	tests := []struct {
		name string
		fsys fstest.MapFS
		want string
	}{
		{"no title", fstest.MapFS{"01-a.md": {Data: []byte("<!-- summary: s -->\n")}}, "lessons/01-a.md: no \"# \" title"},
		{"no summary", fstest.MapFS{"01-a.md": {Data: []byte("# A\n")}}, "lessons/01-a.md: no <!-- summary"},
		{"same number", fstest.MapFS{"01-a.md": lesson("A", "a", ""), "01-b.md": lesson("B", "b", "")}, "same number"},
		{"a directive left open", fstest.MapFS{"01-a.md": {Data: []byte("<!-- summary: s -->\n# A\n\n<!-- code: x.go F -->\n")}}, "lessons/01-a.md:4: code directive has no <!-- end --> line after it"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(tt.fsys, "lessons")
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Load error = %v, want one containing %q", err, tt.want)
			}
		})
	}
}

const sample = "<!-- summary: A sample. -->\n" + // 1
	"<!-- run: std-main -->\n" + // 2
	"# Sample\n" + // 3
	"\n" + // 4
	"Intro with `a span` and [a link](../x.md).\n" + // 5
	"\n" + // 6
	"## The run\n" + // 7
	"\n" + // 8
	"<!-- transcript: testdata/scenarios/std.txtar std_main.golden -->\n" + // 9
	"```text\n[  10ms] Step 0 complete\n```\n" + // 10-12
	"<!-- end -->\n" + // 13
	"\n" + // 14
	"```markdown\n<!-- code: not/a/directive.go X -->\n```\n" + // 15-17
	"\n" + // 18
	"## Figure\n" + // 19
	"\n" + // 20
	"<!-- figure: f a.txtar p \"a title\" -->\n" + // 21
	"![Timeline: a title](../docs/figures/f.svg)\n" + // 22
	"<!-- end -->\n" // 23

func TestParse(t *testing.T) {
	d, err := Parse("lessons/03-sample.md", []byte(sample))
	if err != nil {
		t.Fatal(err)
	}
	type sec struct {
		Heading    string
		Line       int
		Directives []string
		Links      []Link
		Quotes     []Quote
	}
	var got []sec
	for _, s := range d.Sections {
		g := sec{Heading: s.Heading, Line: s.Line, Links: s.Links, Quotes: s.Quotes}
		for _, dir := range s.Directives {
			g.Directives = append(g.Directives, fmt.Sprintf("%s %+v @%d", dir.Kind, dir.Elem, dir.Line))
		}
		got = append(got, g)
	}
	want := []sec{
		{Heading: "", Line: 1, Links: []Link{{Text: "a link", Target: "../x.md"}}, Quotes: []Quote{{Text: "a span", Line: 5}}},
		{Heading: "The run", Line: 7, Directives: []string{"transcript {Archive:testdata/scenarios/std.txtar Part:std_main.golden} @9"}},
		{Heading: "Figure", Line: 19, Directives: []string{"figure {Name:f Panels:[{Archive:a.txtar Events:p Title:a title}]} @21"}, Links: []Link{{Text: "Timeline: a title", Target: "../docs/figures/f.svg", Image: true}}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("sections (-want +got):\n%s", diff)
	}
	if d.Title != "Sample" {
		t.Errorf("Title = %q, want Sample", d.Title)
	}
	if v, _ := d.Header("run"); v != "std-main" {
		t.Errorf(`Header("run") = %q, want "std-main"`, v)
	}
	if body := d.Text[d.Directives[0].Start:d.Directives[0].End]; body != "```text\n[  10ms] Step 0 complete\n```\n" {
		t.Errorf("the transcript's block is %q", body)
	}
}

// TestWordsAreWhatTheAuthorTyped: a section's Words hold its prose, line
// by line, but nothing from code, code spans or generated blocks.
func TestWordsAreWhatTheAuthorTyped(t *testing.T) {
	src := "# Steps of *10ms*\n" + // 1
		"\n" + // 2
		"A cancel at `35ms` is seen\n" + // 3
		"at 40ms.\n" + // 4
		"\n" + // 5
		"```\nsleep 7s\n```\n" + // 6-8
		"\n" + // 9
		"<!-- benchtable: sum results.txt -->\n" + // 10
		"| a | 5ms |\n" + // 11
		"<!-- end -->\n" + // 12
		"\n" + // 13
		"    indented 9ms\n" // 14
	d, err := Parse("x.md", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	want := []Words{{"Steps of ", 1}, {"10ms", 1}, {"A cancel at ", 3}, {" is seen", 3}, {"at 40ms.", 4}}
	if diff := cmp.Diff(want, d.Sections[0].Words); diff != "" {
		t.Errorf("Words (-want +got):\n%s", diff)
	}
}

// TestAStretchOfTextIsReadWhole: where the parser cuts a line's text in
// pieces that are not markup (a "_" that is no emphasis), Words and Quotes
// read the line whole.
func TestAStretchOfTextIsReadWhole(t *testing.T) {
	d, err := Parse("x.md", []byte("Point at \"Write at flag_test.go:23\" in the report.\n"))
	if err != nil {
		t.Fatal(err)
	}
	s := d.Sections[0]
	if want := []Words{{`Point at "Write at flag_test.go:23" in the report.`, 1}}; !cmp.Equal(want, s.Words) {
		t.Errorf("Words = %+v, want %+v", s.Words, want)
	}
	if want := []Quote{{"Write at flag_test.go:23", 1}}; !cmp.Equal(want, s.Quotes) {
		t.Errorf("Quotes = %+v, want %+v", s.Quotes, want)
	}
}

func TestParseErrorsNameTheLine(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"end without directive", "# T\n\n<!-- end -->\n", "x.md:3: <!-- end --> without a directive before it"},
		{"two directives", "# T\n\n<!-- code: a b -->\n<!-- span: a b -->\n<!-- end -->\n", "x.md:3: code directive has no <!-- end --> line before the next directive"},
		{"a section between", "# T\n\n<!-- code: a b -->\n\n## Next\n\n<!-- end -->\n", "x.md:3: code directive has no <!-- end --> line before the next section"},
		{"bad quoting", "# T\n\n<!-- figure: a \"b -->\n<!-- end -->\n", "x.md:3: unterminated quoted word"},
	}
	for _, tt := range tests {
		_, err := Parse("x.md", []byte(tt.src))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: Parse error = %v, want one containing %q", tt.name, err, tt.want)
		}
	}
}

func TestFind(t *testing.T) {
	lessons := []Lesson{{Number: 3, Slug: "checking-between-steps"}, {Number: 6, Slug: "waking-sleepers"}}
	for _, arg := range []string{"3", "03", "checking-between-steps", "Checking-Between-Steps"} {
		if l, err := Find(lessons, arg); err != nil || l.Number != 3 {
			t.Errorf("Find(%q) = %d, %v; want lesson 3", arg, l.Number, err)
		}
	}
	for _, arg := range []string{"4", "", "-3", "checking"} {
		if _, err := Find(lessons, arg); err == nil {
			t.Errorf("Find(%q) succeeded, want an error", arg)
		}
	}
	_, err := Find(lessons, "99")
	if got, want := err.Error(), `unknown lesson "99": lessons are numbered 3 to 6, or named as "lessons list" shows`; got != want {
		t.Errorf("Find(99) error = %q, want %q", got, want)
	}
}

// FuzzParse: whatever the markdown, Parse returns a model or an error that
// names the file and a line; it never panics, and the directives' blocks
// lie inside the text, in order.
func FuzzParse(f *testing.F) {
	f.Add(sample)
	f.Add("<!-- code: a b -->\n<!-- end -->\n")
	f.Add("# T\n<!-- figure: \"x -->\n")
	f.Fuzz(func(t *testing.T, src string) {
		d, err := Parse("f.md", []byte(src))
		if err != nil {
			if !strings.HasPrefix(err.Error(), "f.md:") {
				t.Fatalf("error %q does not name the file and line", err)
			}
			return
		}
		last := 0
		for _, dir := range d.Directives {
			if dir.Start < last || dir.End < dir.Start || dir.End > len(src) {
				t.Fatalf("directive %+v lies outside the text or out of order (last %d, len %d)", dir, last, len(src))
			}
			last = dir.End
		}
		for _, s := range d.Sections {
			if s.Start > s.End || s.End > len(src) {
				t.Fatalf("section %+v lies outside the text", s)
			}
		}
	})
}
