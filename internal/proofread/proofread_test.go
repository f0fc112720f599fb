package proofread

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"example.com/cancellation/internal/literate"
	"example.com/cancellation/std"
)

// TestTheCourseSaysWhatItShows runs every check of the course's prose and
// the code it shows (Check), and reports each problem as a diagnostic,
// file:line: message, as go vet does.
func TestTheCourseSaysWhatItShows(t *testing.T) {
	problems, err := Check(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		t.Error(p)
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
		{name: "a unit alone in the code it shows", body: "It gives up after 1s.\n\n<!-- code: task/wait.go GiveUp -->\n<!-- end -->\n"},
		{name: "a unit alone is one of it, no more", body: "It gives up after 2s.\n\n<!-- code: task/wait.go GiveUp -->\n<!-- end -->\n",
			want: []string{`says "2s"`}},
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
				"task/wait.go":       "package task\n\nimport \"time\"\n\nconst batch = 500\n\n// Wait waits.\nfunc Wait() { time.Sleep(300 * time.Millisecond) }\n\n// GiveUp waits, then gives up.\nfunc GiveUp() { time.Sleep(time.Second) }\n",
				"lessons/01-test.md": text,
			})
			generate(t, root) // fill in the blocks, as go generate does
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

// generate fills in the directives of the course under root, as
// go generate ./... does.
func generate(t *testing.T, root string) {
	t.Helper()
	files, err := literate.Generate(root)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := literate.Write(root, files); err != nil {
		t.Fatal(err)
	}
}
