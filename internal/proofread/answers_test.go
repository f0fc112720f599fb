package proofread

import (
	"strings"
	"testing"
)

// answerLesson is a lesson with a Question and an exercise, for the
// fixtures below.
const answerLesson = `<!-- summary: A test lesson. -->
# The test

Prose.

## Question

Would the task report ` + "`cancelled at step 3`" + ` if the cancel came
at 30ms?

## Exercise

Do it.
`

// goodAnswer answers answerLesson as CheckAnswers wants.
const goodAnswer = `<!-- summary: It depends on who runs first. -->
# Lesson 3, The test: the answer

## The question

> Would the task report ` + "`cancelled at step 3`" + ` if the cancel came
> at 30ms?

## Answer

Sometimes ` + "`cancelled at step 3`" + `, at 30ms: the question says so.

## Wrong answers learners give

- "Always."
- "Never."

## In a workshop

Run ` + "`go run ./lessons run 3`" + ` and do ` + "`03-the-test`" + `.
`

// TestCheckAnswersOnAFixture: CheckAnswers passes a good answer and names
// each way an answer can go wrong: missing, a section gone or renamed, a
// question edited in the lesson or in the quote, too few wrong answers, no
// command, the exercise not named, an answer with no lesson.
func TestCheckAnswersOnAFixture(t *testing.T) {
	tests := []struct {
		name   string
		lesson string // answerLesson if empty
		answer string // "" for none
		extra  map[string]string
		want   []string // what the problems say, one each, in order
	}{
		{name: "good", answer: goodAnswer},
		{name: "missing",
			want: []string{"lessons/03-the-test.md has no answer: write lessons/answers/03-the-test.md"}},
		{name: "a section deleted",
			answer: strings.Replace(goodAnswer, "## Wrong answers learners give\n\n- \"Always.\"\n- \"Never.\"\n\n", "", 1),
			want:   []string{`its sections are ["The question" "Answer" "In a workshop"], want exactly`}},
		{name: "sections out of order",
			answer: strings.Replace(strings.Replace(goodAnswer, "## Answer", "## Tmp", 1), "## In a workshop", "## Answer", 1),
			want:   []string{`its sections are ["The question" "Tmp" "Wrong answers learners give" "Answer"]`}},
		{name: "the lesson's question edited",
			lesson: strings.Replace(answerLesson, "at 30ms?", "at 31ms?", 1), answer: goodAnswer,
			want: []string{"lessons/answers/03-the-test.md:4: does not quote lessons/03-the-test.md's Question word for word (line 6)"}},
		{name: "the quote edited",
			answer: strings.Replace(goodAnswer, "> Would the", "> Will the", 1),
			want:   []string{"does not quote lessons/03-the-test.md's Question word for word"}},
		{name: "the question not quoted",
			answer: strings.Replace(goodAnswer, "> at 30ms?", "at 30ms?", 1),
			want:   []string{`line "at 30ms?" is not quoted`}},
		{name: "a wrong title",
			answer: strings.Replace(goodAnswer, "# Lesson 3, The test: the answer", "# Lesson 3: the answer", 1),
			want:   []string{`the title is "Lesson 3: the answer", want "Lesson 3, The test: the answer"`}},
		{name: "no summary",
			answer: strings.Replace(goodAnswer, "<!-- summary: It depends on who runs first. -->\n", "", 1),
			want:   []string{"no <!-- summary: the answer in a sentence --> line"}},
		{name: "one wrong answer",
			answer: strings.Replace(goodAnswer, "- \"Never.\"\n", "", 1),
			want:   []string{`lists 1 wrong answers as top-level "- " bullets, want 2 to 4`}},
		{name: "no command for the lesson",
			answer: strings.Replace(goodAnswer, "go run ./lessons run 3", "go run ./lessons run 4", 1),
			want:   []string{"names no command for lesson 3"}},
		{name: "the exercise not named",
			answer: strings.Replace(goodAnswer, "`03-the-test`", "the exercise", 1),
			want:   []string{"does not name the lesson's exercise 03-the-test"}},
		{name: "an answer with no lesson", answer: goodAnswer,
			extra: map[string]string{"lessons/answers/04-gone.md": goodAnswer, "lessons/answers/README.md": "# Answers\n"},
			want:  []string{"lessons/answers/04-gone.md: no lesson is called 04-gone.md"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lesson := tt.lesson
			if lesson == "" {
				lesson = answerLesson
			}
			files := map[string]string{
				"lessons/03-the-test.md":          lesson,
				"exercises/go.mod":                "module x\n",
				"exercises/03-the-test/doc.go":    "package x\n",
				"exercises/03-the-test/x_test.go": "package x\n",
			}
			if tt.answer != "" {
				files["lessons/answers/03-the-test.md"] = tt.answer
			}
			for k, v := range tt.extra {
				files[k] = v
			}
			problems, err := CheckAnswers(writeTree(t, files))
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

// TestAnswersAreCheckedLikeLessons: an answer's quotes and numbers must
// be shown by its lesson, said by its lesson's Question, or shown by the
// answer itself; its quote of the Question is exempt.
func TestAnswersAreCheckedLikeLessons(t *testing.T) {
	const script = "-- run.golden --\n" +
		"[  10ms] Step 0 complete\n[  15ms] Cancelling...\n[  20ms] Cancelled: cancelled at step 1\n"
	lesson := answerLesson + "\n<!-- transcript: testdata/scenarios/s.txtar run.golden -->\n<!-- end -->\n"
	tests := []struct {
		name    string
		answer  string
		quotes  []string // what CheckQuotes says, one each
		numbers []string // what CheckNumbers says, one each
	}{
		{name: "good: the question's premises"},
		{name: "shown by the lesson",
			answer: "The lesson stops at 20ms: `cancelled at step 1`."},
		{name: "shown by neither",
			answer:  "It stops at 40ms: `cancelled at step 4`.",
			quotes:  []string{`lessons/answers/03-the-test.md:11: quotes "cancelled at step 4"`},
			numbers: []string{`lessons/answers/03-the-test.md:11: says "40ms"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			answer := goodAnswer
			if tt.answer != "" {
				answer = strings.Replace(goodAnswer, "Sometimes `cancelled at step 3`, at 30ms: the question says so.", tt.answer, 1)
			}
			root := writeTree(t, map[string]string{
				"testdata/scenarios/s.txtar":     script,
				"lessons/03-the-test.md":         lesson,
				"lessons/answers/03-the-test.md": answer,
			})
			generate(t, root) // fill in the blocks, as go generate does
			quotes, err := CheckQuotes(root)
			if err != nil {
				t.Fatal(err)
			}
			numbers, err := checkNumbers(root, nil)
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range []struct {
				what      string
				got, want []string
			}{{"CheckQuotes", quotes, tt.quotes}, {"CheckNumbers", numbers, tt.numbers}} {
				if len(c.got) != len(c.want) {
					t.Errorf("%s:\n%s\nwant %d, containing %q", c.what, strings.Join(c.got, "\n"), len(c.want), c.want)
					continue
				}
				for i, want := range c.want {
					if !strings.Contains(c.got[i], want) {
						t.Errorf("%s %d = %q, want one containing %q", c.what, i, c.got[i], want)
					}
				}
			}
		})
	}
}
