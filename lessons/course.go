package main

import (
	"os"

	"example.com/cancellation/internal/course"
)

// courseEnv names a folder of lessons (NN-slug.md, and answers/NN-slug.md)
// that the command reads instead of the course embedded in it. It is for
// the tests: the scripts in testdata/cli that print a lesson's text set it
// to a small course of their own, so that editing a lesson's prose never
// changes what they expect.
const courseEnv = "LESSONS_COURSE"

// loadCourse loads the lessons from the folder s's $LESSONS_COURSE names,
// or else the ones embedded in the command.
func loadCourse(s stdio) ([]course.Lesson, error) {
	if dir := s.env(courseEnv); dir != "" {
		return course.Load(os.DirFS(s.abs(dir)), "lessons")
	}
	return course.Load(lessonFiles, "lessons")
}
