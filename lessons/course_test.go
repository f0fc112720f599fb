package main

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"example.com/cancellation/internal/course"
	"example.com/cancellation/internal/golden"
	"example.com/cancellation/internal/scenario"
)

// TestEveryLessonRunsAKnownScenario: a lesson's "run:" header must name
// scenarios that exist, or "lessons run" would fail for it; a lesson whose
// stories are in the beyond module names, in its "run-beyond:" header, a
// command of that module that exists.
func TestEveryLessonRunsAKnownScenario(t *testing.T) {
	lessons, err := course.Load(lessonFiles, "lessons")
	if err != nil {
		t.Fatal(err)
	}
	if len(lessons) == 0 {
		t.Fatal("no lessons embedded")
	}
	for _, l := range lessons {
		if len(l.Beyond) > 0 {
			if _, err := os.Stat(filepath.Join("..", "beyond", filepath.FromSlash(l.Beyond[0]), "main.go")); err != nil {
				t.Errorf("%s runs %s in beyond/, which has no main.go there: %v", l.File, l.Beyond[0], err)
			}
			continue
		}
		if len(l.Scenarios) == 0 {
			t.Errorf("%s has no <!-- run: ... --> scenario, nor a <!-- run-beyond: ... --> command", l.File)
		}
		for _, name := range l.Scenarios {
			if _, ok := scenario.Lookup(name); !ok {
				t.Errorf("%s runs scenario %q; known ones are %q", l.File, name, scenario.Names())
			}
		}
	}
}

// TestEveryScenarioHasAGoldenTranscript: what a scenario prints is pinned
// down by a script in testdata/scenarios. A scenario that needs real
// processes or signals, with no run on the virtual clock, is checked
// instead by testdata/cli/NAME_live.txtar, which runs its lesson live and
// matches the lines with patterns.
func TestEveryScenarioHasAGoldenTranscript(t *testing.T) {
	recorded, err := course.LoadRecordings(os.DirFS(".."))
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range scenario.All() {
		if s.Run == nil {
			live := "../testdata/cli/" + strings.ReplaceAll(s.Name, "-", "_") + "_live.txtar"
			if _, err := os.Stat(live); err != nil {
				t.Errorf("scenario %q runs only live, and is checked by no script: want %s", s.Name, live)
			}
			continue
		}
		if _, ok := recorded[s.Name]; !ok {
			t.Errorf("scenario %q is played by no script in testdata/scenarios", s.Name)
		}
	}
}

// TestWalkPlaysTheScenariosItShows: where a lesson shows a scenario's
// recorded transcript, walk plays that scenario live (recordedScenario,
// from the recordings index): so the lesson's run header must list it. A
// transcript of testdata/scenarios that records no scenario is a mistake
// too.
func TestWalkPlaysTheScenariosItShows(t *testing.T) {
	lessons, err := course.Load(lessonFiles, "lessons")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := recordings(); err != nil {
		t.Fatalf("the embedded recordings: %v", err)
	}
	for _, l := range lessons {
		for _, d := range l.Directives {
			tr, ok := d.Elem.(course.Transcript)
			if !ok || !strings.HasPrefix(tr.Archive, course.RecordingsDir+"/") {
				continue
			}
			name := recordedScenario(d)
			if name == "" {
				t.Errorf("%s:%d shows %s of %s, which records no scenario", l.File, d.Line, tr.Part, tr.Archive)
				continue
			}
			if !slices.Contains(l.Scenarios, name) {
				t.Errorf("%s:%d shows a transcript of scenario %q, which its run header %q does not list", l.File, d.Line, name, l.Scenarios)
			}
		}
	}
}

// TestListNamesEveryLesson: "lessons list", on the course embedded in the
// command, shows every lesson in order: its number, title and name, and
// its summary on the next line. (testdata/cli/list.txtar checks the
// command's output on a small course of its own.)
func TestListNamesEveryLesson(t *testing.T) {
	lessons, err := course.Load(lessonFiles, "lessons")
	if err != nil {
		t.Fatal(err)
	}
	out := listOutput(t)
	rest := out
	for _, l := range lessons {
		entry := fmt.Sprintf("%2d  %s (%s)\n    %s\n", l.Number, l.Title, l.Slug, l.Summary)
		_, after, ok := strings.Cut(rest, entry)
		if !ok {
			t.Fatalf("lessons list: no entry %q after the lessons before it; it printed:\n%s", entry, out)
		}
		rest = after
	}
}

// TestListInReadme: the README shows what "lessons list" prints for the
// course. go generate ./... writes it there; this test only checks it.
func TestListInReadme(t *testing.T) {
	golden.Section(t, "../README.md", "lessons list", "```text\n"+listOutput(t)+"```\n", golden.CLI)
}

// listOutput is what "lessons list" prints for the embedded course.
func listOutput(t *testing.T) string {
	t.Helper()
	var out, errs strings.Builder
	s := stdio{in: strings.NewReader(""), out: &out, err: &errs, getenv: func(string) string { return "" }}
	if code := cli(t.Context(), []string{"list"}, s); code != 0 {
		t.Fatalf("lessons list: exit status %d; stderr:\n%s", code, errs.String())
	}
	return out.String()
}

// Lessons 23 and 24's exercises live in the beyond module's own exercises
// module; hint finds them by number, from the course's root, and names
// their folder there.
func TestHintFindsTheBeyondExercises(t *testing.T) {
	for _, tt := range []struct{ arg, folder string }{
		{"23", "beyond/exercises/23-carry-the-deadline"},
		{"cancel-the-query", "beyond/exercises/24-cancel-the-query"},
	} {
		var out, errs strings.Builder
		code := cli(t.Context(), []string{"hint", tt.arg}, stdio{in: strings.NewReader(""), out: &out, err: &errs, getenv: func(string) string { return "" }, dir: ".."})
		if code != 0 || !strings.Contains(out.String(), "("+tt.folder+"): the hint") {
			t.Errorf("hint %s: exit %d, %q %q; want its hint, from %s", tt.arg, code, out.String(), errs.String(), tt.folder)
		}
	}
}
