package main

import (
	"context"
	"fmt"
	"io"

	"example.com/cancellation/internal/course"
)

var cmdList = &command{
	UsageLine: "list",
	Short:     "the course index: every lesson, and how to run one (the default)",
	Run: func(ctx context.Context, s stdio, args []string) error {
		if err := noArgs("list", args); err != nil {
			return err
		}
		ls, err := s.lessons()
		if err != nil {
			return err
		}
		return list(ls, s.out)
	},
}

// nextSteps are the lines at the foot of the course index, each naming a
// command of the table: what to do with a lesson.
var nextSteps = []struct {
	label string
	cmd   *command
	tail  string // after the command's name
}{
	{"Read one", cmdShow, " <number or name>"},
	{"Run its scenario", cmdRun, " <number or name>"},
	{"Walk through it", cmdWalk, " <number or name>"},
	{"In your browser", cmdServe, ""},
	{"Practise", cmdCheck, "   (the exercises, lessons 2 to 22)"},
}

func list(lessons []course.Lesson, w io.Writer) error {
	fmt.Fprintln(w, "Cooperative cancellation in Go: the lessons")
	fmt.Fprintln(w)
	for _, l := range lessons {
		fmt.Fprintf(w, "%2d  %s (%s)\n    %s\n", l.Number, l.Title, l.Slug, l.Summary)
	}
	fmt.Fprintln(w)
	for _, n := range nextSteps {
		fmt.Fprintf(w, "%-18sgo run ./lessons %s%s\n", n.label+":", n.cmd.Name(), n.tail)
	}
	return nil
}
