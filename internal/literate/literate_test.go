package literate

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"example.com/cancellation/internal/golden"
	"example.com/cancellation/std"
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

// TestQuotedOutputIsShown: prose that quotes a program's output by hand
// (`cancelled at step 4`) must say what a transcript of the same file
// says, so a change of behaviour cannot leave the sentence behind.
func TestQuotedOutputIsShown(t *testing.T) {
	problems, err := CheckQuotes(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		t.Error(p)
	}
}

// TestNumbersComeFromRecordings: a number with a unit in the prose ("the
// latency is 5ms") must be one that a transcript, figure, benchmark table
// or generated code of the same file shows, or a definition (Definitions)
// that agrees with its code, so that a change of behaviour cannot leave
// the sentence behind.
func TestNumbersComeFromRecordings(t *testing.T) {
	problems, err := CheckNumbers(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		t.Error(p)
	}
}

// TestCheckNumbersOnAFixture: a number with a unit in the prose passes
// when a transcript of the same file says it, or when it is a definition
// that still agrees with its code, and fails otherwise.
func TestCheckNumbersOnAFixture(t *testing.T) {
	const script = "-- run.golden --\n" +
		"[  10ms] Step 0 complete\n[  15ms] Cancelling...\n[  20ms] Cancelled: cancelled at step 1\n" +
		"-- run.events --\n" +
		"[  10ms] step \"t\"\n[  15ms] cancel\n[  20ms] end \"t\" cut\n"
	transcript := "<!-- transcript: testdata/s.txtar run.golden -->\n<!-- end -->\n"
	figure := "<!-- figure: demo testdata/s.txtar run.events \"the demo\" -->\n<!-- end -->\n"
	step := Definition{Number: "10ms", Reason: "a step", Equals: 10 * time.Millisecond}
	tests := []struct {
		name    string
		summary string // "A test lesson." if empty
		body    string
		defs    []Definition
		want    []string // what the problems say, one each, in order
	}{
		{name: "hand-typed", body: "The latency is 7ms.\n\n" + transcript,
			want: []string{`lessons/01-test.md:4: says "7ms", which no transcript`}},
		{name: "not shown by this file", body: "The latency is 5ms.\n",
			want: []string{`lessons/01-test.md:4: says "5ms"`}},
		{name: "shown in a transcript", body: "The cancel at 15ms is seen at 20ms.\n\n" + transcript},
		{name: "a whole token only", body: "The latency is 5ms.\n\n" + transcript,
			want: []string{`says "5ms"`}}, // the transcript says 15ms
		{name: "shown by a figure's label", body: "The latency is 5ms.\n\n" + figure},
		{name: "a figure's title is typed by hand", body: strings.Replace(figure, "the demo", "cancelled at 12ms", 1),
			want: []string{`lessons/01-test.md:4: says "12ms"`}},
		{name: "set by the code it shows", body: "It waits 300ms.\n\n<!-- code: task/wait.go Wait -->\n<!-- end -->\n"},
		{name: "in code, not prose", body: "Run `go test -timeout 1s`.\n\n```\nsleep 7s\n```\n"},
		{name: "in a question", body: "## Question\n\nWhat if the cancel came at 30ms?\n"},
		{name: "in the summary", summary: "Cancelled within 3ms.", body: "Nothing.\n",
			want: []string{`lessons/01-test.md:1: says "3ms"`}},
		{name: "a definition", body: "Steps of 10ms.\n", defs: []Definition{step}},
		{name: "a definition whose constant moved", body: "Steps of 20ms.\n",
			defs: []Definition{{Number: "20ms", Reason: "a step", Equals: 10 * time.Millisecond}},
			want: []string{`definition "20ms" (a step): its constant is now 10ms`, `lessons/01-test.md:4: says "20ms"`}},
		{name: "a definition in a file", body: "Every 500 items.\n",
			defs: []Definition{{Number: "500 items", Reason: "a batch", In: "task/wait.go", Says: "batch = 500"}}},
		{name: "a definition its file no longer says", body: "Every 400 items.\n",
			defs: []Definition{{Number: "400 items", Reason: "a batch", In: "task/wait.go", Says: "batch = 400"}},
			want: []string{`definition "400 items" (a batch): task/wait.go no longer says "batch = 400"`, `says "400 items"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			summary := tt.summary
			if summary == "" {
				summary = "A test lesson."
			}
			text := "<!-- summary: " + summary + " -->\n# Test\n\n" + tt.body
			root := writeTree(t, map[string]string{
				"testdata/s.txtar":   script,
				"task/wait.go":       "package task\n\nimport \"time\"\n\nconst batch = 500\n\n// Wait waits.\nfunc Wait() { time.Sleep(300 * time.Millisecond) }\n",
				"lessons/01-test.md": text,
			})
			files, err := Generate(root) // fill in the blocks, as go generate does
			if err != nil {
				t.Fatal(err)
			}
			if _, err := Write(root, files); err != nil {
				t.Fatal(err)
			}
			problems, err := checkNumbers(root, tt.defs)
			if err != nil {
				t.Fatal(err)
			}
			if len(problems) != len(tt.want) {
				t.Fatalf("problems:\n%s\nwant %d, containing %q", strings.Join(problems, "\n"), len(tt.want), tt.want)
			}
			for i, want := range tt.want {
				if !strings.Contains(problems[i], want) {
					t.Errorf("problem %d = %q, want one containing %q", i, problems[i], want)
				}
			}
		})
	}
}

// TestNumbers: what counts as a number with a unit, and which writings of
// one are the same.
func TestNumbers(t *testing.T) {
	tests := []struct {
		text string
		want []string // each number's shared form
	}{
		{"cancel at 35ms, seen at 40ms", []string{"35ms", "40ms"}},
		{"[  35ms] Cancelling...", []string{"35ms"}},
		{"5,000 times and 5000 times", []string{"5000times", "5000times"}},
		{"2.85 ns, 2.85ns, 100us, 100µs", []string{"2.85ns", "2.85ns", "100µs", "100µs"}},
		{"2.5x faster, 2.5× faster, 40% of it", []string{"2.5×", "2.5×", "40%"}},
		{"3 minutes, 1 minute, 2s, 60m", []string{"3minutes", "1minutes", "2s", "60m"}},
		{"lesson 3, step 4, p99, 2 sets, 10-step, v1.5ms, 135ms", []string{"135ms"}},
		{"WithDeadline(now+25ms)", []string{"25ms"}},
	}
	for _, tt := range tests {
		var got []string
		for _, n := range numbers(tt.text) {
			got = append(got, n.norm())
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("numbers(%q) (-want +got):\n%s", tt.text, diff)
		}
	}
}

// TestDefinitionsFollowTheirConstants: a definition whose constant no
// longer equals its number fails (TestNumbersComeFromRecordings checks the
// course's own).
func TestDefinitionsFollowTheirConstants(t *testing.T) {
	stale := []Definition{{Number: "20ms", Reason: "a step of LongTask", Equals: std.StepDuration}}
	problems, defined, err := checkDefinitions(filepath.Join("..", ".."), stale)
	if err != nil {
		t.Fatal(err)
	}
	if len(problems) != 1 || !strings.Contains(problems[0], `definition "20ms" (a step of LongTask): its constant is now 10ms`) {
		t.Errorf("a definition of 20ms for std.StepDuration: problems %q, want one saying its constant is now 10ms", problems)
	}
	if defined["20ms"] {
		t.Error("a stale definition still excuses the prose that says it")
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
