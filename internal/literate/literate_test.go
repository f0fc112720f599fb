package literate

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"example.com/cancellation/internal/golden"
)

// TestGeneratedFilesAreUpToDate renders every lesson, guide, figure and the
// course index in memory and compares them with the files in the
// repository. It only checks: go generate ./... writes them.
func TestGeneratedFilesAreUpToDate(t *testing.T) {
	root := filepath.Join("..", "..")
	files, err := Generate(root)
	if err != nil {
		t.Fatalf("generating the course: %v", err)
	}
	stale, orphans, err := Stale(root, files)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range stale {
		have, _ := os.ReadFile(filepath.Join(root, p))
		t.Errorf("%s is stale (-on disk +generated):\n%s\nTo fix it, run: %s", p, cmp.Diff(string(have), string(files[p])), golden.FixCommand)
	}
	for _, p := range orphans {
		t.Errorf("%s is drawn by no figure directive any more.\nTo remove it, run: %s", p, golden.FixCommand)
	}
}

// writeTree makes a small module tree for the generator to work on.
func writeTree(t *testing.T, files map[string]string) string {
	t.Helper()
	root := t.TempDir()
	for name, content := range files {
		full := filepath.Join(root, name)
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

const taskGo = `package task

import "time"

// Steps is how many steps there are.
const Steps = 3

// Token is a flag.
type Token struct{ set bool }

// IsSet reports the flag.
func (t *Token) IsSet() bool { return t.set }

// Run runs.
func Run(t *Token) int {
	for i := range Steps {
		if t.IsSet() {
			return i
		}
		time.Sleep(time.Millisecond)
	}
	return Steps
}
`

func lessonWith(directives ...string) string {
	var b strings.Builder
	b.WriteString("<!-- summary: A test lesson. -->\n# Test\n\nProse.\n\n")
	for _, d := range directives {
		b.WriteString(d + "\n<!-- end -->\n\nMore prose.\n\n")
	}
	return b.String()
}

func TestCodeDirectiveCutsDeclarations(t *testing.T) {
	root := writeTree(t, map[string]string{
		"task/task.go":       taskGo,
		"lessons/01-test.md": lessonWith("<!-- code: task/task.go Run Token.IsSet Steps -->"),
	})
	files, err := Generate(root)
	if err != nil {
		t.Fatal(err)
	}
	got := string(files["lessons/01-test.md"])
	want := "<!-- code: task/task.go Run Token.IsSet Steps -->\n```go\n" +
		"// Run runs.\nfunc Run(t *Token) int {\n    for i := range Steps {\n        if t.IsSet() {\n            return i\n        }\n        time.Sleep(time.Millisecond)\n    }\n    return Steps\n}\n\n" +
		"// IsSet reports the flag.\nfunc (t *Token) IsSet() bool { return t.set }\n\n" +
		"// Steps is how many steps there are.\nconst Steps = 3\n```\n<!-- end -->\n"
	if !strings.Contains(got, want) {
		t.Errorf("generated lesson does not hold the cut declarations:\n%s\nwant it to contain:\n%s", got, want)
	}
	if strings.Count(got, "Prose.") != 1 || strings.Count(got, "More prose.") != 1 {
		t.Errorf("prose was not kept as written:\n%s", got)
	}
}

// TestEditingTheSourceMakesTheLessonStale is the promise of the pipeline:
// change the body of an included function and the lesson no longer matches.
func TestEditingTheSourceMakesTheLessonStale(t *testing.T) {
	root := writeTree(t, map[string]string{
		"task/task.go":       taskGo,
		"lessons/01-test.md": lessonWith("<!-- code: task/task.go Run -->"),
	})
	files, err := Generate(root)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Write(root, files); err != nil {
		t.Fatal(err)
	}
	// Elsewhere in the file: the lesson is still up to date.
	edited := strings.Replace(taskGo, "const Steps = 3", "const Steps = 4", 1)
	os.WriteFile(filepath.Join(root, "task/task.go"), []byte(edited), 0o644)
	files, _ = Generate(root)
	if stale, _, _ := Stale(root, files); len(stale) != 0 {
		t.Errorf("an edit outside the included declaration made %v stale", stale)
	}
	// In the body of Run: stale.
	edited = strings.Replace(edited, "return i", "return -i", 1)
	os.WriteFile(filepath.Join(root, "task/task.go"), []byte(edited), 0o644)
	files, _ = Generate(root)
	stale, _, _ := Stale(root, files)
	if diff := cmp.Diff([]string{"lessons/01-test.md"}, stale); diff != "" {
		t.Errorf("after editing Run, stale files (-want +got):\n%s", diff)
	}
}

func TestSpanTranscriptAndFigureDirectives(t *testing.T) {
	root := writeTree(t, map[string]string{
		"ports/flag.ml": "let x = 1\n(* @begin loop *)\n  let rec loop i =\n    loop (i + 1)\n(* @end loop *)\n",
		"testdata/s.txtar": "scenario x\ncmp stdout out.golden\n-- out.golden --\n" +
			"[  10ms] Step 0 complete\n[  15ms] Cancelling...\n[  20ms] Step 1 complete\n[  20ms] Cancelled: cancelled at step 2\n" +
			"-- out.events --\n" +
			"[  10ms] step \"t\"\n[  15ms] cancel\n[  20ms] step \"t\"\n[  20ms] end \"t\" cut\n",
		"lessons/01-test.md": lessonWith(
			"<!-- span: ports/flag.ml loop -->",
			"<!-- transcript: testdata/s.txtar out.golden -->",
			`<!-- figure: demo testdata/s.txtar out.events "the demo" -->`,
		),
	})
	files, err := Generate(root)
	if err != nil {
		t.Fatal(err)
	}
	got := string(files["lessons/01-test.md"])
	for _, want := range []string{
		"```ocaml\nlet rec loop i =\n  loop (i + 1)\n```\n",
		"```text\n[  10ms] Step 0 complete\n",
		"![Timeline: the demo](../docs/figures/demo.svg)\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("generated lesson lacks %q:\n%s", want, got)
		}
	}
	svg := string(files["docs/figures/demo.svg"])
	for _, want := range []string{"<svg", "cancel at 15ms", "noticed at 20ms: latency 5ms"} {
		if !strings.Contains(svg, want) {
			t.Errorf("figure lacks %q", want)
		}
	}
	if strings.Contains(svg, "<script") {
		t.Error("figure holds a script")
	}
}

func TestBrokenDirectivesSayWhereAndWhat(t *testing.T) {
	tests := []struct {
		name      string
		directive string
		want      string
	}{
		{"missing file", "<!-- code: task/nope.go Run -->", "lessons/01-test.md:6: code: open"},
		{"missing declaration", "<!-- code: task/task.go Walk -->", "lessons/01-test.md:6: code: task.go has no declaration Walk"},
		{"missing method", "<!-- code: task/task.go Token.Clear -->", "has no declaration Token.Clear"},
		{"missing marker", "<!-- span: task/task.go loop -->", `task.go has no "@begin loop" marker`},
		{"missing txtar part", "<!-- transcript: testdata/s.txtar nope.golden -->", `s.txtar has no file "nope.golden"`},
		{"bad figure arguments", "<!-- figure: x testdata/s.txtar -->", "lessons/01-test.md:6: figure: want NAME FILE PART"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lesson := lessonWith(tt.directive)
			root := writeTree(t, map[string]string{
				"task/task.go":       taskGo,
				"testdata/s.txtar":   "-- a.golden --\n[  10ms] Step 0 complete\n",
				"lessons/01-test.md": lesson,
			})
			_, err := Generate(root)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Generate error = %v, want one containing %q", err, tt.want)
			}
			if got, _ := os.ReadFile(filepath.Join(root, "lessons/01-test.md")); string(got) != lesson {
				t.Error("a failed generation changed the lesson")
			}
		})
	}
}

func TestDirectiveWithoutEndIsAnError(t *testing.T) {
	root := writeTree(t, map[string]string{
		"task/task.go":       taskGo,
		"lessons/01-test.md": "<!-- summary: s -->\n# T\n<!-- code: task/task.go Run -->\nprose\n",
	})
	_, err := Generate(root)
	if err == nil || !strings.Contains(err.Error(), "lessons/01-test.md:3: code directive has no <!-- end --> line") {
		t.Fatalf("Generate error = %v, want the missing end marker named with its line", err)
	}
}

func TestDirectivesInsideHandWrittenCodeAreExamples(t *testing.T) {
	lesson := "<!-- summary: s -->\n# T\n\n```\n<!-- code: nowhere.go Nothing -->\n```\n"
	root := writeTree(t, map[string]string{"lessons/01-test.md": lesson})
	files, err := Generate(root)
	if err != nil {
		t.Fatalf("a directive inside a code block was taken for real: %v", err)
	}
	if got := string(files["lessons/01-test.md"]); got != lesson {
		t.Errorf("the lesson changed:\n%s", got)
	}
}

// TestFiguresSayTheyAreGenerated: every figure in docs/figures starts
// with the note that go generate writes it, and is otherwise the figure
// the figure package drew.
func TestFiguresSayTheyAreGenerated(t *testing.T) {
	files, err := Generate(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for p, data := range files {
		if !strings.HasSuffix(p, ".svg") {
			continue
		}
		n++
		svg, ok := strings.CutPrefix(string(data), generatedNote)
		if !ok || !strings.HasPrefix(svg, "<svg ") {
			t.Errorf("%s starts %.80q, want %q and then <svg", p, data, generatedNote)
		}
	}
	if n == 0 {
		t.Error("no figure generated")
	}
}
