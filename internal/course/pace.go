package course

import "strings"

// The pace at which the course is taught: the speaker's notes and the
// instructors' guide plan from these rates. They are definitions, not
// measurements: a plan made with them says so, and changes with them.
const (
	// WordsPerMinute is the pace of a walk through a lesson, in words of
	// its own prose (Section.Words: not its code, transcripts or figures,
	// which the walk shows and talks through between the words).
	WordsPerMinute = 100
	// QuestionMinutes is the time a plan gives the room to discuss a
	// lesson's Question.
	QuestionMinutes = 5
	// ExerciseMinutes is the time a plan gives one exercise done in the
	// room.
	ExerciseMinutes = 15
)

// Words is the number of words of l's prose, as written (Section.Words):
// what a walk through it reads aloud.
func (l Lesson) Words() int {
	n := 0
	for _, sec := range l.Sections {
		for _, w := range sec.Words {
			n += len(strings.Fields(w.Text))
		}
	}
	return n
}

// WalkMinutes is the time a walk through words of prose takes at
// WordsPerMinute, in whole minutes, rounded up.
func WalkMinutes(words int) int { return (words + WordsPerMinute - 1) / WordsPerMinute }
