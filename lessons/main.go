// Command lessons is the course on cooperative cancellation in a terminal.
//
//	go run ./lessons                 list the lessons
//	go run ./lessons run <lesson>    run a lesson's scenario live, in real time
//
// A lesson is named by its number (3) or its name (checking-between-steps).
package main

//go:generate go run ../internal/cmd/literate

import (
	"embed"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"example.com/cancellation/internal/course"
	"example.com/cancellation/internal/scenario"
	"example.com/cancellation/internal/transcript"
)

//go:embed *.md
var lessonFiles embed.FS

const usage = `usage: lessons [list]           list the lessons
       lessons run <lesson>     run a lesson's scenario live, in real time

<lesson> is a lesson's number (3) or name (checking-between-steps).
`

// usageError is a mistake in the command line: it prints the usage and
// exits 2.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func badUsage(format string, args ...any) error {
	return &usageError{fmt.Sprintf(format, args...)}
}

func main() {
	os.Exit(cli(os.Args[1:], os.Stdout, os.Stderr))
}

// cli runs the command with args and returns its exit code: 0 on success,
// 1 when something failed, 2 for a usage error.
func cli(args []string, stdout, stderr io.Writer) int {
	err := dispatch(args, stdout)
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		fmt.Fprint(stdout, usage)
		return 0
	case errors.As(err, new(*usageError)):
		fmt.Fprintf(stderr, "lessons: %v\n\n%s", err, usage)
		return 2
	default:
		fmt.Fprintf(stderr, "lessons: %v\n", err)
		return 1
	}
}

func dispatch(args []string, stdout io.Writer) error {
	lessons, err := course.Load(lessonFiles)
	if err != nil {
		return err
	}
	if len(args) == 0 {
		return list(lessons, stdout)
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "-h", "-help", "--help", "help":
		return flag.ErrHelp
	case "list":
		if len(rest) > 0 {
			return badUsage("list takes no arguments, got %q", rest)
		}
		return list(lessons, stdout)
	case "run":
		l, err := oneLesson(lessons, cmd, rest)
		if err != nil {
			return err
		}
		return run(l, stdout)
	default:
		return badUsage("unknown command %q", cmd)
	}
}

// oneLesson returns the lesson named by the single argument of cmd.
func oneLesson(lessons []course.Lesson, cmd string, args []string) (course.Lesson, error) {
	switch {
	case len(args) == 0:
		return course.Lesson{}, badUsage("%s needs a lesson", cmd)
	case len(args) > 1:
		return course.Lesson{}, badUsage("%s takes one lesson, got %q", cmd, args)
	}
	l, err := course.Find(lessons, args[0])
	if err != nil {
		return course.Lesson{}, badUsage("%v", err)
	}
	return l, nil
}

func list(lessons []course.Lesson, w io.Writer) error {
	fmt.Fprintln(w, "Cooperative cancellation in Go: the lessons")
	fmt.Fprintln(w)
	for _, l := range lessons {
		fmt.Fprintf(w, "%2d  %-28s %s\n", l.Number, l.Slug, l.Summary)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Run a lesson's scenario live:  go run ./lessons run <number or name>")
	return nil
}

func run(l course.Lesson, w io.Writer) error {
	if len(l.Scenarios) == 0 {
		return fmt.Errorf("lesson %d (%s) has no scenario to run", l.Number, l.Slug)
	}
	for i, name := range l.Scenarios {
		s, ok := scenario.Lookup(name)
		if !ok {
			return fmt.Errorf("lesson %d names scenario %q, which does not exist", l.Number, name)
		}
		if i > 0 {
			fmt.Fprintln(w)
		}
		fmt.Fprintf(w, "Lesson %d, %s: %s (real time)\n", l.Number, l.Title, s.Title)
		s.Run(transcript.NewWriter(w))
	}
	return nil
}
