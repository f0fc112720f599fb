package literate

import (
	"strings"
	"testing"

	"example.com/cancellation/internal/proofread"
)

// workshopTree is a course of two lessons for the workshop directives:
// lesson 1 has 251 words (its title too) and runs a recorded scenario,
// lesson 2 has 121 words, a live-only scenario and an exercise with two
// wrong answers.
func workshopTree(t *testing.T, guide string) map[string]string {
	t.Helper()
	return map[string]string{
		"lessons/01-first.md": "<!-- summary: The first. -->\n<!-- run: std-main -->\n# First\n\n" +
			strings.Repeat("word ", 250) + "\n",
		"lessons/02-second.md": "<!-- summary: The second. -->\n<!-- run: signals -->\n# Second\n\n" +
			strings.Repeat("word ", 120) + "\n",
		"testdata/scenarios/main.txtar":                        "scenario std-main\ncmp stdout main.golden\n-- main.golden --\n[  10ms] one\n[  70ms] done\n",
		"exercises/go.mod":                                     "module x\n",
		"exercises/02-do-it/doc.go":                            "package x\n",
		"exercises/02-do-it/testdata/wrong/forgets.go":         "// Wrong: it forgets the <nil> case.\n\npackage x\n",
		"exercises/02-do-it/testdata/wrong/checks-too-late.go": "// Wrong: it checks *after* the step.\n\npackage x\n",
		"docs/guide.md":                                        guide,
	}
}

func TestTimingsDirective(t *testing.T) {
	root := writeTree(t, workshopTree(t, "# Guide\n\n<!-- timings: -->\n<!-- end -->\n"))
	files, err := Generate(root)
	if err != nil {
		t.Fatal(err)
	}
	got := string(files["docs/guide.md"])
	for _, want := range []string{
		"Planned at 100 words of prose a minute, 5 minutes for each Question and 15 minutes for each exercise",
		"| 1 | [First](../lessons/01-first.md) | 251 | 3 | 5 | none | 8 | 8 | std-main 70ms |",
		"| 2 | [Second](../lessons/02-second.md) | 121 | 2 | 5 | `02-do-it` | 7 | 22 | signals (live only) |",
		"| | all 2 lessons | 372 | | | 1 exercise | 15 | 30 | |",
		"with every Question: 15 minutes (0:15); with every exercise done in the room too: 30 minutes (0:30).",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("the timings lack %q:\n%s", want, got)
		}
	}
}

func TestPlanDirective(t *testing.T) {
	tests := []struct {
		name string
		plan string
		want []string // in the block, or in Generate's error
		fail bool
	}{
		{name: "within its budget", plan: "40 1 break=5 2x",
			want: []string{"Planned: 35 minutes of a budget of 40 minutes (0:40), 5 minutes to spare.\n"}},
		{name: "exercises left for afterwards", plan: "20 1 2",
			want: []string{"Planned: 15 minutes of a budget of 20 minutes (0:20), 5 minutes to spare. For afterwards: `02-do-it`.\n"}},
		{name: "one minute over its budget", plan: "34 1 break=5 2x", fail: true,
			want: []string{"the plan takes 35 minutes, more than its budget of 34"}},
		{name: "over its budget", plan: "20 1 2x", fail: true,
			want: []string{"docs/guide.md:3: plan: the plan takes 30 minutes, more than its budget of 20: drop a lesson or an exercise"}},
		{name: "no exercise", plan: "20 1x", fail: true, want: []string{`"1x": lesson 1 has no exercise`}},
		{name: "no such lesson", plan: "20 3", fail: true, want: []string{`"3": there is no lesson 3`}},
		{name: "twice", plan: "20 1 1", fail: true, want: []string{`"1": lesson 1 is planned twice`}},
		{name: "no budget", plan: "an-hour 1", fail: true, want: []string{`the budget "an-hour" is not a whole number of minutes`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := writeTree(t, workshopTree(t, "# Guide\n\n<!-- plan: "+tt.plan+" -->\n<!-- end -->\n"))
			files, err := Generate(root)
			if tt.fail {
				if err == nil {
					t.Fatalf("Generate succeeded:\n%s", files["docs/guide.md"])
				}
				for _, want := range tt.want {
					if !strings.Contains(err.Error(), want) {
						t.Errorf("Generate error = %v, want one containing %q", err, want)
					}
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			for _, want := range tt.want {
				if got := string(files["docs/guide.md"]); !strings.Contains(got, want) {
					t.Errorf("the plan lacks %q:\n%s", want, got)
				}
			}
		})
	}
}

// TestPlanTable: the starts of a plan that fits add up, and each row
// gives the commands that run it.
func TestPlanTable(t *testing.T) {
	root := writeTree(t, workshopTree(t, "# Guide\n\n<!-- plan: 40 1 break=5 2x -->\n<!-- end -->\n"))
	files, err := Generate(root)
	if err != nil {
		t.Fatal(err)
	}
	got := string(files["docs/guide.md"])
	for _, want := range []string{
		"| 0:00 | lesson 1, [First](../lessons/01-first.md): walk and Question | 8 | `walk 1` |\n",
		"| 0:08 | break | 5 | |\n",
		"| 0:13 | lesson 2, [Second](../lessons/02-second.md): walk and Question, then `02-do-it` | 22 | `walk 2`, `watch 2` |\n",
		"| 0:35 | end | | |\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("the plan lacks %q:\n%s", want, got)
		}
	}
}

func TestMistakesDirective(t *testing.T) {
	files := workshopTree(t, "# Guide\n\n<!-- mistakes: exercises -->\n<!-- end -->\n")
	files["docs/guide.md"] += "\n## Quoting\n\nA mistake quotes `cancelled at step 10` nowhere shown.\n"
	root := writeTree(t, files)
	generated, err := Generate(root)
	if err != nil {
		t.Fatal(err)
	}
	got := string(generated["docs/guide.md"])
	for _, want := range []string{
		"2 wrong answers to 1 exercise, each one mistake, named in its file's first line:\n",
		"**Lesson 2, Second**: [`exercises/02-do-it`](../exercises/02-do-it/)\n",
		"- `checks-too-late`: it checks \\*after\\* the step.\n",
		"- `forgets`: it forgets the &lt;nil> case.\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("the list lacks %q:\n%s", want, got)
		}
	}

	// A wrong answer that does not say what is wrong with it.
	files["exercises/02-do-it/testdata/wrong/silent.go"] = "package x\n"
	_, err = Generate(writeTree(t, files))
	if err == nil || !strings.Contains(err.Error(), `silent.go:1: a wrong answer must begin with "// Wrong: <what is wrong>"`) {
		t.Errorf("Generate error = %v, want the wrong answer without its line named", err)
	}
}

// TestMistakesAreNotQuotesOfOutput: the wrong answers' own words, in a
// mistakes block, are not held to CheckQuotes; the same words typed in the
// prose are.
func TestMistakesAreNotQuotesOfOutput(t *testing.T) {
	files := workshopTree(t, "# Guide\n\n<!-- mistakes: exercises -->\n<!-- end -->\n")
	files["exercises/02-do-it/testdata/wrong/forgets.go"] = "// Wrong: it reports \"cancelled at step 10\" after all the work.\n\npackage x\n"
	files["testdata/scenarios/main.txtar"] += "[  70ms] Cancelled: cancelled at step 4\n"
	root := writeTree(t, files)
	generated, err := Generate(root)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Write(root, generated); err != nil {
		t.Fatal(err)
	}
	problems, err := proofread.CheckQuotes(root)
	if err != nil {
		t.Fatal(err)
	}
	if len(problems) != 0 {
		t.Errorf("a quote in a mistakes block was checked: %q", problems)
	}

	files["docs/guide.md"] += "\nIt reports \"cancelled at step 10\" after all the work.\n"
	root = writeTree(t, files)
	generated, _ = Generate(root)
	Write(root, generated)
	problems, _ = proofread.CheckQuotes(root)
	if len(problems) != 1 || !strings.Contains(problems[0], `docs/guide.md:`) {
		t.Errorf("problems = %q, want the quote in the prose named", problems)
	}
}
