package proofread

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"example.com/cancellation/internal/course"
	"example.com/cancellation/internal/practice"
)

// AnswerSections are the sections of a lesson's answer, in this order. An
// answer is lessons/answers/NN-slug.md, named as its lesson is: the
// instructor's notes on the lesson's Question, which presenter mode shows
// as speaker's notes and "lessons answer N" prints.
var AnswerSections = []string{"The question", "Answer", "Wrong answers learners give", "In a workshop"}

// Its two first sections ask: a lesson's "Question", and the answer's
// "The question", which quotes it. What they say is checked against the
// lesson, not against recordings.
func asks(heading string) bool { return heading == "Question" || heading == "The question" }

// CheckAnswers finds what is missing or stale in the lessons' answers.
// Every lesson under root must have an answer, and each answer
//
//   - has a "<!-- summary: ... -->" line and the title "Lesson N, TITLE:
//     the answer", TITLE its lesson's;
//   - has exactly the sections AnswerSections, in order;
//   - quotes its lesson's Question, as a blockquote, word for word: an
//     edit to the question fails until the answer follows;
//   - says something under "Answer", lists 2 to 4 wrong answers as
//     bullets, and under "In a workshop" names a "go run ./lessons"
//     command for its lesson and each of its lesson's exercises.
//
// A file there with no lesson is a problem too (but the folder's
// README.md). Quotes and numbers in the
// answers are checked with the lessons' (CheckQuotes, CheckNumbers).
// CheckAnswers returns one message per problem, naming the file and line.
func CheckAnswers(root string) ([]string, error) {
	lessons, err := course.Load(os.DirFS(filepath.Join(root, "lessons")), "lessons")
	if err != nil {
		return nil, err
	}
	exercises, err := practice.List(filepath.Join(root, "exercises"))
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	var problems []string
	for _, l := range lessons {
		var mine []string
		for _, e := range exercises {
			if e.Number == l.Number {
				mine = append(mine, e.Name)
			}
		}
		problems = append(problems, checkAnswer(l, mine)...)
	}
	files, err := filepath.Glob(filepath.Join(root, "lessons", "answers", "*.md"))
	if err != nil {
		return nil, err
	}
	for _, f := range files {
		name := filepath.Base(f)
		if name == "README.md" {
			continue // what the folder holds
		}
		if !slices.ContainsFunc(lessons, func(l course.Lesson) bool { return l.FileName() == name }) {
			problems = append(problems, fmt.Sprintf("lessons/answers/%s: no lesson is called %s: name an answer as its lesson is", name, name))
		}
	}
	return problems, nil
}

// checkAnswer checks l's answer; exercises are the folders of l's
// exercises.
func checkAnswer(l course.Lesson, exercises []string) []string {
	a := l.Answer
	want := path.Join(path.Dir(l.File), "answers", l.FileName())
	if a == nil {
		return []string{fmt.Sprintf("%s has no answer: write %s, with a summary line, the title %q and the sections %q", l.File, want, answerTitle(l), AnswerSections)}
	}
	var problems []string
	say := func(line int, format string, args ...any) {
		problems = append(problems, fmt.Sprintf("%s:%d: ", a.File, line)+fmt.Sprintf(format, args...))
	}
	if s, _ := a.Header("summary"); strings.TrimSpace(s) == "" {
		say(1, "no <!-- summary: the answer in a sentence --> line")
	}
	if a.Title != answerTitle(l) {
		say(1, "the title is %q, want %q", a.Title, answerTitle(l))
	}
	var headings []string
	sections := map[string]course.Section{}
	for _, sec := range a.Sections {
		if sec.Heading != "" {
			headings = append(headings, sec.Heading)
			sections[sec.Heading] = sec
		}
	}
	if !slices.Equal(headings, AnswerSections) {
		say(1, "its sections are %q, want exactly %q, in that order", headings, AnswerSections)
	}
	question, ok := section(l.Doc, "Question")
	if !ok {
		problems = append(problems, fmt.Sprintf("%s has no \"## Question\" section for its answer to quote", l.File))
	} else if sec, ok := sections["The question"]; ok {
		quoted, err := unquote(body(a, sec))
		switch {
		case err != nil:
			say(sec.Line, "%v: quote the lesson's Question as a blockquote, each line starting with \">\"", err)
		case quoted != body(l.Doc, question):
			say(sec.Line, "does not quote %s's Question word for word (line %d): the question changed, or the quote did; copy it again, and check that the answer still answers it", l.File, question.Line)
		}
	}
	if sec, ok := sections["Answer"]; ok && body(a, sec) == "" {
		say(sec.Line, "the Answer section is empty")
	}
	if sec, ok := sections["Wrong answers learners give"]; ok {
		if n := bullets(body(a, sec)); n < 2 || n > 4 {
			say(sec.Line, "lists %d wrong answers as top-level \"- \" bullets, want 2 to 4", n)
		}
	}
	if sec, ok := sections["In a workshop"]; ok {
		text := body(a, sec)
		if !slices.ContainsFunc(sec.Quotes, func(q course.Quote) bool { return namesLesson(q.Text, l) }) {
			say(sec.Line, "names no command for lesson %d: want a code span such as `go run ./lessons run %d` or `go run ./lessons walk %d`", l.Number, l.Number, l.Number)
		}
		for _, e := range exercises {
			if !strings.Contains(text, e) {
				say(sec.Line, "does not name the lesson's exercise %s", e)
			}
		}
	}
	return problems
}

func answerTitle(l course.Lesson) string {
	return fmt.Sprintf("Lesson %d, %s: the answer", l.Number, l.Title)
}

// section returns d's section with the heading, if it has one.
func section(d *course.Doc, heading string) (course.Section, bool) {
	i := slices.IndexFunc(d.Sections, func(s course.Section) bool { return s.Heading == heading })
	if i < 0 {
		return course.Section{}, false
	}
	return d.Sections[i], true
}

// body is a section's text without its heading line, its lines' trailing
// spaces, and the blank lines around it.
func body(d *course.Doc, s course.Section) string {
	_, text, _ := strings.Cut(s.Text(d), "\n")
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " \t")
	}
	return strings.Trim(strings.Join(lines, "\n"), "\n")
}

// unquote takes the ">" off each line of a blockquote.
func unquote(text string) (string, error) {
	if text == "" {
		return "", errors.New("nothing is quoted")
	}
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		rest, ok := strings.CutPrefix(l, ">")
		if !ok {
			return "", fmt.Errorf("line %q is not quoted", l)
		}
		lines[i] = strings.TrimPrefix(rest, " ")
	}
	return strings.Join(lines, "\n"), nil
}

// bullets counts the top-level items of the lists in text.
func bullets(text string) int {
	n := 0
	for _, l := range strings.Split(text, "\n") {
		if strings.HasPrefix(l, "- ") {
			n++
		}
	}
	return n
}

// lessonCommand is a "go run ./lessons" command that takes a lesson.
var lessonCommand = regexp.MustCompile(`^go run \./lessons (?:show|run|walk|answer)(?: -\S+)* (\S+)`)

// namesLesson reports whether a code span is a command for lesson l.
func namesLesson(quote string, l course.Lesson) bool {
	m := lessonCommand.FindStringSubmatch(quote)
	if m == nil {
		return false
	}
	found, err := course.Find([]course.Lesson{l}, m[1])
	return err == nil && found.Number == l.Number
}

// lessonOf returns the lesson an answer answers, from docs by file, or nil
// if doc is not an answer.
func lessonOf(doc *course.Doc, docs map[string]*course.Doc) *course.Doc {
	if path.Dir(doc.File) != "lessons/answers" {
		return nil
	}
	return docs[path.Join("lessons", path.Base(doc.File))]
}

// questionText is what a lesson's Question section says: its premises,
// which its answer may repeat.
func questionText(d *course.Doc) string {
	if s, ok := section(d, "Question"); ok {
		return s.Text(d)
	}
	return ""
}
