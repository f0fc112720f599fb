// Command lessons is the course on cooperative cancellation in a terminal.
//
//	go run ./lessons                  list the lessons
//	go run ./lessons show <lesson>    print a lesson
//	go run ./lessons run <lesson>     run a lesson's scenario live, in real time
//	                                  (graceful-shutdown takes -wait-signal)
//	go run ./lessons walk <lesson>    step through a lesson, one section per Enter
//	go run ./lessons check [exercise] run the exercises (or one) and show progress
//	go run ./lessons watch            check the next exercise each time you save
//	go run ./lessons hint <exercise>  a hint for one exercise
//
// A lesson is named by its number (3) or its name (checking-between-steps).
// show and walk take -color=auto|always|never; auto colours a terminal
// unless NO_COLOR is set.
package main

//go:generate go run ../internal/cmd/regenerate

import (
	"bufio"
	"context"
	"embed"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"time"

	"example.com/cancellation/internal/course"
	"example.com/cancellation/internal/scenario"
	"example.com/cancellation/internal/transcript"
)

//go:embed *.md
var lessonFiles embed.FS

const usage = `usage: lessons [list]                       list the lessons
       lessons show [-color=WHEN] <lesson>  print a lesson
       lessons run <lesson> [-wait-signal]  play its scenario live, in real time
       lessons walk [-color=WHEN] <lesson>  one section per Enter; q quits
       lessons check [<exercise>]           run the exercises: k/N pass, and the next one
       lessons watch                        re-check the next exercise whenever a file changes
       lessons hint <exercise>              a hint for an exercise (numbered like the lessons)

<lesson> is a lesson's number (3) or name (checking-between-steps).
-wait-signal (graceful-shutdown only): wait for a real SIGTERM or SIGINT.
WHEN is auto (the default: colour on a terminal, unless NO_COLOR is set),
always or never.
`

// usageError is a mistake in the command line: it prints the usage and
// exits 2.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func badUsage(format string, args ...any) error {
	return &usageError{fmt.Sprintf(format, args...)}
}

func main() {
	// Ctrl-C cancels ctx, the way the course teaches, and every command
	// stops and cleans up. After the first one, Ctrl-C kills as usual
	// (unless a scenario catches it itself: a graceful shutdown's second
	// signal hurries it).
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	go func() {
		<-ctx.Done()
		stop()
	}()
	code := cli(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// exitInterrupted is the exit status after Ctrl-C, as shells report a
// process killed by SIGINT (128 + 2).
const exitInterrupted = 130

// cli runs the command with args and returns its exit code: 0 on success,
// 1 when something failed, 2 for a usage error.
//
// When ctx is cancelled (Ctrl-C) it returns 130, as a shell reports a
// process killed by SIGINT, after one line on stderr.
func cli(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	err := dispatch(ctx, args, stdin, stdout, stderr)
	switch {
	case err == nil:
		return 0
	case errors.Is(err, errNotAllPass):
		return 1
	case errors.Is(err, context.Canceled):
		fmt.Fprintln(stderr, "\nlessons: interrupted")
		return exitInterrupted
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

func dispatch(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	lessons, err := course.Load(lessonFiles, "lessons")
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
		flags := flag.NewFlagSet(cmd, flag.ContinueOnError)
		flags.SetOutput(io.Discard)
		var opts scenario.Options
		flags.BoolVar(&opts.WaitSignal, "wait-signal", false, "graceful-shutdown: wait for a real signal")
		positional, err := parseInterspersed(flags, rest)
		if err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return err
			}
			return badUsage("%s: %v", cmd, err)
		}
		l, err := oneLesson(lessons, cmd, positional)
		if err != nil {
			return err
		}
		return run(ctx, l, opts, stdout)
	case "check", "watch":
		if cmd == "check" {
			return check(ctx, rest, stdout)
		}
		if len(rest) > 0 {
			return badUsage("watch takes no arguments, got %q", rest)
		}
		return watch(ctx, stdout, useColor("auto", stdout), 300*time.Millisecond)
	case "hint":
		return hint(rest, stdout)
	case "show", "walk":
		flags := flag.NewFlagSet(cmd, flag.ContinueOnError)
		flags.SetOutput(io.Discard)
		color := flags.String("color", "auto", "auto, always or never")
		if err := flags.Parse(rest); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return err
			}
			return badUsage("%s: %v", cmd, err)
		}
		if *color != "auto" && *color != "always" && *color != "never" {
			return badUsage("%s: -color must be auto, always or never, not %q", cmd, *color)
		}
		l, err := oneLesson(lessons, cmd, flags.Args())
		if err != nil {
			return err
		}
		r := renderer{color: useColor(colorMode(*color), stdout)}
		if cmd == "show" {
			_, err := io.WriteString(stdout, r.render(l.Prose()))
			return err
		}
		err = walk(ctx, l, r, stdin, stdout)
		if err != nil && r.color {
			io.WriteString(stdout, reset) // leave the terminal as it was
		}
		return err
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
		fmt.Fprintf(w, "%2d  %s (%s)\n    %s\n", l.Number, l.Title, l.Slug, l.Summary)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Read one:         go run ./lessons show <number or name>")
	fmt.Fprintln(w, "Run its scenario: go run ./lessons run <number or name>")
	fmt.Fprintln(w, "Walk through it:  go run ./lessons walk <number or name>")
	fmt.Fprintln(w, "Practise:         go run ./lessons check   (the exercises, lessons 2 to 22)")
	return nil
}

// parseInterspersed parses flags that may come before or after the
// positional arguments, and returns the positional ones.
func parseInterspersed(flags *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		if err := flags.Parse(args); err != nil {
			return nil, err
		}
		args = flags.Args()
		if len(args) == 0 {
			return positional, nil
		}
		positional = append(positional, args[0])
		args = args[1:]
	}
}

func run(ctx context.Context, l course.Lesson, opts scenario.Options, w io.Writer) error {
	if len(l.Scenarios) == 0 {
		return fmt.Errorf("lesson %d (%s) has no scenario to run", l.Number, l.Slug)
	}
	for _, name := range l.Scenarios {
		if s, ok := scenario.Lookup(name); ok && !s.TakesOptions(opts) {
			return badUsage("run: -wait-signal is for the graceful-shutdown lesson, not %s", l.Slug)
		}
	}
	for i, name := range l.Scenarios {
		if i > 0 {
			fmt.Fprintln(w)
		}
		if err := play(ctx, l, name, opts, w); err != nil {
			return err
		}
	}
	return nil
}

// play runs one scenario of lesson l live, its lines stamped with the real
// time since it started: its Live form if it has one (real signals, a real
// network), else the same code the transcripts run.
func play(ctx context.Context, l course.Lesson, name string, opts scenario.Options, w io.Writer) error {
	s, ok := scenario.Lookup(name)
	if !ok {
		return fmt.Errorf("lesson %d names scenario %q, which does not exist", l.Number, name)
	}
	fmt.Fprintf(w, "Lesson %d, %s: %s (real time)\n", l.Number, l.Title, s.Title)
	tw := transcript.NewWriter(w)
	if s.Live != nil {
		return s.Live(ctx, tw, opts) // it honours ctx itself
	}
	// A story of fixed length plays to its end; on Ctrl-C the command does
	// not wait for it: it returns, and the process exits with the story's
	// goroutines (they hold no files and nothing outside the process).
	done := make(chan error, 1)
	go func() { done <- s.Run(ctx, tw) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}

// walk shows lesson l one section at a time, for an instructor at a
// terminal. After each section it waits for a line on stdin: an empty line
// goes on, "q" quits. Where a section shows a scenario's recorded
// transcript, walk then plays that scenario live. When stdin ends (piped
// input used up, or closed), it shows the rest without waiting.
//
// Ctrl-C (ctx's end) stops it, at a prompt too.
func walk(ctx context.Context, l course.Lesson, r renderer, stdin io.Reader, w io.Writer) error {
	lines, stop := readLines(stdin)
	defer stop()
	waiting := true
	for i, sec := range l.Sections {
		if i > 0 {
			fmt.Fprintln(w)
		}
		fmt.Fprint(w, r.render(sec.Prose(l.Doc)))
		for _, d := range sec.Directives {
			if name := d.Scenario(); name != "" {
				fmt.Fprintln(w, r.style(bold, "\nThat was recorded on a virtual clock. Now live, on the real one:"))
				if err := play(ctx, l, name, scenario.Options{}, w); err != nil {
					return err
				}
			}
		}
		if i == len(l.Sections)-1 || !waiting {
			continue
		}
		fmt.Fprintf(w, "\n%s", r.style(noticeDim, fmt.Sprintf("-- %d/%d -- Enter: next section, q: quit ", i+1, len(l.Sections))))
		var line string
		var ok bool
		select {
		case <-ctx.Done():
			return ctx.Err()
		case line, ok = <-lines:
		}
		if !ok {
			waiting = false // no more input: show the rest
			fmt.Fprintln(w)
			continue
		}
		if strings.EqualFold(strings.TrimSpace(line), "q") {
			fmt.Fprintln(w, "(stopped at your request)")
			return nil
		}
	}
	return nil
}

// readLines reads r line by line on its own goroutine, so that a wait for
// the next line can also wait for Ctrl-C; the channel closes when r ends.
// stop tells the reader that no more lines are wanted. (A read from a
// terminal cannot be interrupted: a reader blocked in one ends with the
// process.)
func readLines(r io.Reader) (lines <-chan string, stop func()) {
	ch := make(chan string)
	done := make(chan struct{})
	go func() {
		defer close(ch)
		sc := bufio.NewScanner(r)
		for sc.Scan() {
			select {
			case ch <- sc.Text():
			case <-done:
				return
			}
		}
	}()
	return ch, func() { close(done) }
}
