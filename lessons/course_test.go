package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"example.com/cancellation/internal/course"
	"example.com/cancellation/internal/scenario"
)

// TestEveryLessonRunsAKnownScenario: a lesson's "run:" header must name
// scenarios that exist, or "lessons run" would fail for it.
func TestEveryLessonRunsAKnownScenario(t *testing.T) {
	lessons, err := course.Load(lessonFiles)
	if err != nil {
		t.Fatal(err)
	}
	if len(lessons) == 0 {
		t.Fatal("no lessons embedded")
	}
	for _, l := range lessons {
		if len(l.Scenarios) == 0 {
			t.Errorf("%s has no <!-- run: ... --> scenario", l.File)
		}
		for _, name := range l.Scenarios {
			if _, ok := scenario.Lookup(name); !ok {
				t.Errorf("%s runs scenario %q; known ones are %q", l.File, name, scenario.Names())
			}
		}
	}
}

// TestEveryScenarioHasAGoldenTranscript: what a scenario prints is pinned
// down by a script in testdata/scenarios.
func TestEveryScenarioHasAGoldenTranscript(t *testing.T) {
	scripts, _ := filepath.Glob("../testdata/scenarios/*.txtar")
	var played []string
	for _, s := range scripts {
		data, err := os.ReadFile(s)
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(string(data), "\n") {
			if name, ok := strings.CutPrefix(line, "scenario "); ok {
				played = append(played, strings.TrimSpace(name))
			}
		}
	}
	for _, name := range scenario.Names() {
		if !slices.Contains(played, name) {
			t.Errorf("scenario %q is played by no script in testdata/scenarios", name)
		}
	}
}

// TestWalkPlaysTheScenarioOfEachTranscript: walk plays a lesson's i-th
// scenario where the lesson shows its i-th scenario transcript, so the two
// lists must match, script by script.
func TestWalkPlaysTheScenarioOfEachTranscript(t *testing.T) {
	lessons, err := course.Load(lessonFiles)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range lessons {
		var shown []string
		for _, line := range strings.Split(l.Text, "\n") {
			rest, ok := strings.CutPrefix(line, "<!-- transcript: testdata/scenarios/")
			if !ok {
				continue
			}
			file, _, _ := strings.Cut(rest, " ")
			data, err := os.ReadFile(filepath.Join("..", "testdata", "scenarios", file))
			if err != nil {
				t.Fatalf("%s: %v", l.File, err)
			}
			for _, s := range strings.Split(string(data), "\n") {
				if name, ok := strings.CutPrefix(s, "scenario "); ok {
					shown = append(shown, strings.TrimSpace(name))
				}
			}
		}
		if !slices.Equal(shown, l.Scenarios) {
			t.Errorf("%s shows transcripts of %q but runs %q", l.File, shown, l.Scenarios)
		}
	}
}
