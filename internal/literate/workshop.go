package literate

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"example.com/cancellation/internal/course"
	"example.com/cancellation/internal/practice"
	"example.com/cancellation/internal/scenario"
)

// LessonTime is what a workshop plan needs to know about one lesson.
type LessonTime struct {
	Number    int
	Title     string
	File      string         // relative to the module root: "lessons/03-checking-between-steps.md"
	Words     int            // the words of its prose, as written (course.Section.Words)
	Scenarios []ScenarioTime // what its "run:" header plays, in order
	Exercises []string       // its exercises' folders in exercises/: "03-check-the-token"
}

// Walk is the time the walk through the lesson takes at
// course.WordsPerMinute, in whole minutes, rounded up.
func (l LessonTime) Walk() int { return course.WalkMinutes(l.Words) }

// Minutes is the lesson's slot in a plan: its walk and its Question, and
// its exercises if they are done in the room.
func (l LessonTime) Minutes(exercises bool) int {
	m := l.Walk() + course.QuestionMinutes
	if exercises {
		m += course.ExerciseMinutes * len(l.Exercises)
	}
	return m
}

// ScenarioTime is how long a scenario runs on the virtual clock: the last
// stamp of its recorded transcript in testdata/scenarios.
type ScenarioTime struct {
	Name     string
	Virtual  time.Duration
	LiveOnly bool // no run on the virtual clock: real processes or signals
}

// LessonTimes returns the times of every lesson under root, in order: the
// words of its prose, the run of each of its scenarios on the virtual
// ExerciseDirs are the exercises modules, by their folder under the
// course's root: the course's own, and the beyond module's (whose
// exercises need the database drivers).
var ExerciseDirs = []string{"exercises", "beyond/exercises"}

// clock, and its exercises.
func LessonTimes(root string) ([]LessonTime, error) {
	lessons, err := course.Load(os.DirFS(filepath.Join(root, "lessons")), "lessons")
	if err != nil {
		return nil, err
	}
	runs, err := recordedRuns(root)
	if err != nil {
		return nil, err
	}
	var exercises []practice.Exercise
	for _, dir := range ExerciseDirs {
		list, err := practice.List(filepath.Join(root, filepath.FromSlash(dir)))
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
		exercises = append(exercises, list...)
	}
	var times []LessonTime
	for _, l := range lessons {
		t := LessonTime{Number: l.Number, Title: l.Title, File: l.File, Words: l.Words()}
		if len(l.Beyond) > 0 {
			// Stories in the beyond module, on real servers: played
			// live by "lessons run N".
			t.Scenarios = append(t.Scenarios, ScenarioTime{Name: "beyond " + strings.Join(l.Beyond, " "), LiveOnly: true})
		}
		for _, name := range l.Scenarios {
			d, recorded := runs[name]
			s, known := scenario.Lookup(name)
			switch {
			case recorded:
				t.Scenarios = append(t.Scenarios, ScenarioTime{Name: name, Virtual: d})
			case known && s.Run == nil:
				t.Scenarios = append(t.Scenarios, ScenarioTime{Name: name, LiveOnly: true})
			default:
				return nil, fmt.Errorf("%s runs scenario %q, which no script in testdata/scenarios records", l.File, name)
			}
		}
		for _, e := range exercises {
			if e.Number == l.Number {
				t.Exercises = append(t.Exercises, e.Name)
			}
		}
		times = append(times, t)
	}
	return times, nil
}

// recordedRuns returns, for each scenario recorded in testdata/scenarios,
// the last stamp of its recorded transcript.
func recordedRuns(root string) (map[string]time.Duration, error) {
	idx, err := course.LoadRecordings(os.DirFS(root))
	if err != nil {
		return nil, err
	}
	runs := map[string]time.Duration{}
	for name, r := range idx {
		runs[name] = r.Last()
	}
	return runs, nil
}

// timingsBlock makes the table of every lesson's times (LessonTimes), and
// the whole course's.
func timingsBlock(e env) (string, error) {
	times, err := LessonTimes(e.root)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Planned at %d words of prose a minute, %d minutes for each Question and %d minutes for each exercise done in the room (`course.WordsPerMinute`, `QuestionMinutes`, `ExerciseMinutes`); each scenario's time is the last stamp of its recorded transcript, on the virtual clock.\n\n", course.WordsPerMinute, course.QuestionMinutes, course.ExerciseMinutes)
	b.WriteString("| # | lesson | words | walk | question | exercises | slot, walked | slot, with exercises | scenarios, virtual clock |\n")
	b.WriteString("| ---: | --- | ---: | ---: | ---: | --- | ---: | ---: | --- |\n")
	var words, walked, worked, exercises int
	for _, t := range times {
		var scenarios []string
		for _, s := range t.Scenarios {
			if s.LiveOnly {
				scenarios = append(scenarios, s.Name+" (live only)")
				continue
			}
			scenarios = append(scenarios, fmt.Sprintf("%s %dms", s.Name, s.Virtual.Milliseconds()))
		}
		ex := "none"
		if len(t.Exercises) > 0 {
			ex = "`" + strings.Join(t.Exercises, "`, `") + "`"
		}
		fmt.Fprintf(&b, "| %d | [%s](%s) | %d | %d | %d | %s | %d | %d | %s |\n",
			t.Number, t.Title, e.rel(t.File), t.Words, t.Walk(), course.QuestionMinutes, ex, t.Minutes(false), t.Minutes(true), strings.Join(scenarios, ", "))
		words += t.Words
		walked += t.Minutes(false)
		worked += t.Minutes(true)
		exercises += len(t.Exercises)
	}
	fmt.Fprintf(&b, "| | all %d lessons | %d | | | %s | %d | %d | |\n", len(times), words, count(exercises, "exercise"), walked, worked)
	fmt.Fprintf(&b, "\nThe times are in minutes. The whole course walked, with every Question: %d minutes (%s); with every exercise done in the room too: %d minutes (%s).\n",
		walked, clock(walked), worked, clock(worked))
	return b.String(), nil
}

// planBlock makes a workshop plan: "plan: BUDGET ITEM...", BUDGET in
// minutes, each ITEM a lesson's number (its walk and Question), the number
// and "x" (its exercises too), or "break=M" (a break of M minutes). It
// fails if the plan takes longer than its budget.
func planBlock(e env, d course.Plan) (string, error) {
	times, err := LessonTimes(e.root)
	if err != nil {
		return "", err
	}
	budget := d.Budget
	var b strings.Builder
	b.WriteString("| starts | what | minutes | go run ./lessons ... |\n| ---: | --- | ---: | --- |\n")
	at := 0
	var planned []int
	var left []string // exercises of the planned lessons not done in the room
	for _, item := range d.Items {
		if item.Break > 0 {
			fmt.Fprintf(&b, "| %s | break | %d | |\n", clock(at), item.Break)
			at += item.Break
			continue
		}
		n, withExercises := item.Lesson, item.Exercises
		i := slices.IndexFunc(times, func(t LessonTime) bool { return t.Number == n })
		switch {
		case i < 0:
			return "", fmt.Errorf("%q: there is no lesson %d", item.Text, n)
		case slices.Contains(planned, n):
			return "", fmt.Errorf("%q: lesson %d is planned twice", item.Text, n)
		case withExercises && len(times[i].Exercises) == 0:
			return "", fmt.Errorf("%q: lesson %d has no exercise", item.Text, n)
		}
		t := times[i]
		planned = append(planned, n)
		what := "walk and Question"
		commands := []string{fmt.Sprintf("walk %d", t.Number)}
		if withExercises {
			what += ", then `" + strings.Join(t.Exercises, "` and `") + "`"
			for _, ex := range t.Exercises {
				commands = append(commands, "watch "+exerciseRef(t.Exercises, ex))
			}
		} else {
			left = append(left, t.Exercises...)
		}
		fmt.Fprintf(&b, "| %s | lesson %d, [%s](%s): %s | %d | `%s` |\n", clock(at), t.Number, t.Title, e.rel(t.File), what, t.Minutes(withExercises),
			strings.Join(commands, "`, `"))
		at += t.Minutes(withExercises)
	}
	if at > budget {
		return "", fmt.Errorf("the plan takes %d minutes, more than its budget of %d: drop a lesson or an exercise", at, budget)
	}
	fmt.Fprintf(&b, "| %s | end | | |\n", clock(at))
	fmt.Fprintf(&b, "\nPlanned: %d minutes of a budget of %d minutes (%s), %d minutes to spare.", at, budget, clock(budget), budget-at)
	if len(left) > 0 {
		fmt.Fprintf(&b, " For afterwards: `%s`.", strings.Join(left, "`, `"))
	}
	b.WriteString("\n")
	return b.String(), nil
}

// exerciseRef is how the lessons command names exercise ex of a lesson
// whose exercises are all: its number, or its short name when the lesson
// has more than one ("09-fast-done" is "fast-done").
func exerciseRef(all []string, ex string) string {
	if len(all) > 1 {
		return ex[3:]
	}
	n, _ := strconv.Atoi(ex[:2])
	return strconv.Itoa(n)
}

// count writes n things: "1 exercise", "23 exercises".
func count(n int, thing string) string {
	if n == 1 {
		return "1 " + thing
	}
	return fmt.Sprintf("%d %ss", n, thing)
}

// clock writes minutes as hours and minutes: "1:05".
func clock(minutes int) string { return fmt.Sprintf("%d:%02d", minutes/60, minutes%60) }

// mistakesBlock makes the list of every committed wrong answer of the
// exercises in each DIR (practice.Exercise.WrongAnswers), each with the
// mistake its first line names, grouped by exercise under its lesson.
func mistakesBlock(e env, d course.Mistakes) (string, error) {
	var exercises []practice.Exercise
	for _, dir := range d.Dirs {
		list, err := practice.List(filepath.Join(e.root, filepath.FromSlash(dir)))
		if err != nil {
			return "", err
		}
		exercises = append(exercises, list...)
	}
	lessons, err := course.Load(os.DirFS(filepath.Join(e.root, "lessons")), "lessons")
	if err != nil {
		return "", err
	}
	var b strings.Builder
	total := 0
	for _, ex := range exercises {
		wrongs, err := ex.WrongAnswers()
		if err != nil {
			return "", err
		}
		if len(wrongs) == 0 {
			return "", fmt.Errorf("exercise %s has no wrong answers in its testdata/wrong", ex.Name)
		}
		title := "no lesson"
		if l, err := course.Find(lessons, strconv.Itoa(ex.Number)); err == nil {
			title = l.Title
		}
		rel, err := filepath.Rel(e.root, ex.Dir)
		if err != nil {
			return "", err
		}
		dir := filepath.ToSlash(rel)
		fmt.Fprintf(&b, "\n**Lesson %d, %s**: [`%s`](%s/)\n\n", ex.Number, title, dir, e.rel(dir))
		for _, w := range wrongs {
			fmt.Fprintf(&b, "- `%s`: %s\n", w.Name, escapeMarkdown(w.Why))
		}
		total += len(wrongs)
	}
	return fmt.Sprintf("%s to %s, each one mistake, named in its file's first line:\n%s", count(total, "wrong answer"), count(len(exercises), "exercise"), b.String()), nil
}

// escapeMarkdown keeps a line of plain text plain in markdown: no HTML,
// no emphasis.
var escapeMarkdown = strings.NewReplacer("<", "&lt;", "*", `\*`, "_", `\_`).Replace
