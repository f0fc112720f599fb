// Command lessons is the course on cooperative cancellation in a terminal.
//
//	go run ./lessons                  list the lessons
//	go run ./lessons show <lesson>    print a lesson (paged on a terminal)
//	go run ./lessons answer <lesson>  the instructor's answer to its question
//	go run ./lessons walk <lesson>    step through a lesson, one section per Enter
//	go run ./lessons run <lesson>     run a lesson's scenario live, in real time
//	                                  (graceful-shutdown takes -wait-signal)
//	go run ./lessons serve            the course in your browser, with live runs
//	go run ./lessons build -o DIR     the same site as static files
//	go run ./lessons check [exercise] run the exercises (or one) and show progress
//	go run ./lessons watch            check the next exercise each time you save
//	go run ./lessons hint <exercise>  a hint for one exercise
//	go run ./lessons help [command]   the usage, or one command's and its flags
//
// A lesson is named by its number (3) or its name (checking-between-steps),
// in any case. Every command parses its flags the same way (parseArgs):
// they may come before or after the lesson ("show 3 -color=never"), and a
// mistake is one line and where to read more, exit 2, as the go command
// does.
//
// show, answer and walk wrap the prose to the terminal's width ($COLUMNS
// when the output is not a terminal, else 80; -width N says), leave code
// blocks' lines as they are, print a link as its text and a number with
// the targets listed at the end, and say where to see a figure drawn. They
// take -color=auto|always|never; auto colours a terminal unless NO_COLOR
// is set. On a terminal, show and answer page their output through $PAGER
// (less -R if unset; PAGER=cat, or an empty PAGER, prints directly).
//
// Run by "go run", the command is a child of the go command, which does
// not pass on a kill: so on unix it watches its parent, and stops when the
// parent is gone (watchParent).
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
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"example.com/cancellation/internal/course"
	"example.com/cancellation/internal/scenario"
	"example.com/cancellation/internal/transcript"
)

// The lessons, and the instructor's answers to their questions
// (answers/NN-slug.md; answers/README.md says what they are, and keeps the
// pattern matching while no answer is written).
//
//go:embed *.md answers/*.md
var lessonFiles embed.FS

func main() {
	// Ctrl-C cancels ctx, the way the course teaches, and every command
	// stops and cleans up. After the first one, Ctrl-C kills as usual
	// (unless a scenario catches it itself: a graceful shutdown's second
	// signal hurries it).
	interrupted, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	go func() {
		<-interrupted.Done()
		stop()
	}()
	ctx, cancel := interrupted, context.CancelFunc(func() {})
	if startedByGoRun() {
		ctx, cancel = watchParent(interrupted, parentPoll)
	}
	code := cli(ctx, os.Args[1:], stdio{in: os.Stdin, out: os.Stdout, err: os.Stderr, getenv: os.Getenv})
	cancel()
	stop()
	os.Exit(code)
}

// parentPoll is how often watchParent looks at the parent process: a
// system call that costs nothing worth counting, four times a second.
const parentPoll = 250 * time.Millisecond

// errParentGone is the cause of the context's end when the process that
// started lessons (the go command of "go run") has gone.
var errParentGone = errors.New("its parent process is gone")

// startedByGoRun reports whether to watch the parent process: when this
// binary is one that "go run" built (in a go-build folder, or in the
// go-build cache, where "go run" keeps what it built), or when it shares
// a terminal with the shell. A command that nohup or a service manager
// started on its own is left alone when its parent goes.
func startedByGoRun() bool {
	if exe, err := os.Executable(); err == nil && builtByGo(exe) {
		return true
	}
	return isTerminal(os.Stdin) || isTerminal(os.Stdout) || isTerminal(os.Stderr)
}

// builtByGo reports whether exe lies in a folder the go command builds in:
// a temporary go-buildNNN folder, or the build cache (by default a folder
// named go-build).
func builtByGo(exe string) bool {
	for dir := filepath.Dir(exe); dir != filepath.Dir(dir); dir = filepath.Dir(dir) {
		if strings.HasPrefix(filepath.Base(dir), "go-build") {
			return true
		}
	}
	return false
}

// exitInterrupted is the exit status after Ctrl-C, as shells report a
// process killed by SIGINT (128 + 2).
const exitInterrupted = 130

// usageError is a mistake in the command line: one line, then where to
// read the usage; exit 2.
type usageError struct {
	cmd string // the command whose usage to read, or "" for the whole
	msg string
}

func (e *usageError) Error() string {
	if e.cmd == "" {
		return e.msg
	}
	return e.cmd + ": " + e.msg
}

// badUsageIn is a usageError in command cmd ("" for lessons itself).
func badUsageIn(cmd, format string, args ...any) error {
	return &usageError{cmd, fmt.Sprintf(format, args...)}
}

// adopt makes err, returned by command cmd, one of cmd's: flag.ErrHelp
// asks for cmd's usage, and a usage error that names no command names
// cmd (its message without a leading "cmd: " or "cmd ").
func adopt(cmd string, err error) error {
	var usage *usageError
	switch {
	case errors.Is(err, flag.ErrHelp):
		return &helpRequest{cmd}
	case errors.As(err, &usage) && usage.cmd == "":
		msg := strings.TrimPrefix(usage.msg, cmd+": ")
		msg = strings.TrimPrefix(msg, cmd+" ")
		return badUsageIn(cmd, "%s", flagMessage(msg))
	}
	return err
}

// flagMessage words package flag's message for a flag that is not
// defined as "unknown flag -x".
func flagMessage(msg string) string {
	if name, ok := strings.CutPrefix(msg, "flag provided but not defined: "); ok {
		return "unknown flag " + name
	}
	return msg
}

// helpRequest asks for the usage of cmd ("" for the whole): -h, -help or
// "lessons help [cmd]".
type helpRequest struct{ cmd string }

func (h *helpRequest) Error() string { return "help requested" }

// cli runs the command with args and returns its exit code: 0 on success,
// 1 when something failed, 2 for a usage error.
//
// When ctx is cancelled (Ctrl-C) it returns 130, as a shell reports a
// process killed by SIGINT, after one line on stderr.
func cli(ctx context.Context, args []string, s stdio) int {
	stdout, stderr := s.out, s.err
	err := dispatch(ctx, args, s)
	var usage *usageError
	var help *helpRequest
	switch {
	case err == nil:
		return 0
	case errors.Is(err, errNotAllPass):
		return 1
	case errors.Is(err, context.Canceled) && errors.Is(context.Cause(ctx), errParentGone):
		fmt.Fprintf(stderr, "\nlessons: stopped: %v\n", errParentGone)
		return 1
	case errors.Is(err, context.Canceled):
		fmt.Fprintln(stderr, "\nlessons: interrupted")
		return exitInterrupted
	case errors.As(err, &help):
		printHelp(stdout, help.cmd)
		return 0
	case errors.As(err, &usage):
		fmt.Fprintf(stderr, "lessons: %v\n", err)
		if usage.cmd == "" {
			fmt.Fprintln(stderr, "Run 'lessons help' for usage.")
		} else {
			fmt.Fprintf(stderr, "Run 'lessons help %s' for usage.\n", usage.cmd)
		}
		return 2
	default:
		fmt.Fprintf(stderr, "lessons: %v\n", err)
		return 1
	}
}

// A command is one of the lessons command's subcommands, as cmd/go's
// base.Command is: its usage line, what it does in one line and at
// length, its flags, and how to run it with the arguments that are not
// flags.
type command struct {
	name  string
	args  string // the usage line after the name: "[-color=WHEN] <lesson>"
	short string // one line, for "lessons help"
	long  string // for "lessons help NAME", or ""
	flags *flag.FlagSet
	run   func(ctx context.Context, args []string) error
}

// stdio is where a command reads and writes, and what it sees of its
// process: its environment and working folder. main gives it the
// process's own; the tests also run the command in-process, with a
// script's.
type stdio struct {
	in       io.Reader
	out, err io.Writer
	getenv   func(string) string // os.Getenv, or a script's

	// dir is the working folder the command takes paths from; "" is the
	// process's.
	dir string

	// load loads the lessons, once; nil is loadCourse, on first use.
	load func() ([]course.Lesson, error)
}

// env is the value of the environment variable key, as s sees it.
func (s stdio) env(key string) string {
	if s.getenv == nil {
		return os.Getenv(key)
	}
	return s.getenv(key)
}

// abs is path p, relative to s's working folder.
func (s stdio) abs(p string) string {
	if s.dir == "" || filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(s.dir, p)
}

// commands returns the commands, in the order "lessons help" lists them,
// with fresh flags; lessons is loaded on first use.
func commands(lessons func() ([]course.Lesson, error), s stdio) []*command {
	var cmds []*command
	add := func(c *command) *command {
		if c.flags == nil {
			c.flags = flag.NewFlagSet(c.name, flag.ContinueOnError)
		}
		cmds = append(cmds, c)
		return c
	}
	oneLesson := func(cmd string, args []string) (course.Lesson, error) {
		ls, err := lessons()
		if err != nil {
			return course.Lesson{}, err
		}
		return pickLesson(ls, cmd, args)
	}

	add(&command{
		name:  "list",
		short: "the course index: every lesson, and how to run one (the default)",
		run: func(ctx context.Context, args []string) error {
			if len(args) > 0 {
				return badUsageIn("list", "takes no arguments, got %q", args)
			}
			ls, err := lessons()
			if err != nil {
				return err
			}
			return list(ls, s.out)
		},
	})

	for _, name := range []string{"show", "answer", "walk"} {
		c := &command{name: name, args: "[-color=WHEN] [-width=N] <lesson>"}
		var v viewFlags
		c.flags = v.define(name)
		switch name {
		case "show":
			c.short = "print a lesson, paged on a terminal"
			c.long = `Show prints a lesson for a terminal: its prose wrapped to the width,
headings underlined, code blocks indented (never re-wrapped: a line
wider than the terminal goes past it), a link as its text and a number
with the targets listed at the end, a figure as where to see it drawn.
On a terminal the output goes through $PAGER (less -R if it is unset;
PAGER=cat or an empty PAGER prints directly).`
		case "answer":
			c.short = "the instructor's answer to a lesson's Question"
			c.long = `Answer prints the instructor's answer to the lesson's Question,
rendered as show renders a lesson. It is for instructors, and for you
once you have tried the question yourself.`
		case "walk":
			c.short = "a lesson one section per Enter (q quits), its scenario played live"
			c.long = `Walk shows a lesson one section at a time, for an instructor at a
terminal: Enter goes on, q quits. Where a section shows a scenario's
recorded transcript, walk then plays that scenario live, on the real
clock. With its input at an end (piped), it shows the rest at once.
Each section lists its own links at its end.`
		}
		c.run = func(ctx context.Context, args []string) error {
			r, err := v.renderer(name, s)
			if err != nil {
				return err
			}
			l, err := oneLesson(name, args)
			if err != nil {
				return err
			}
			switch name {
			case "show":
				return pageOut(ctx, s.out, s.err, r.render(l.Doc, l.Blocks))
			case "answer":
				text, err := answer(l, r)
				if err != nil {
					return err
				}
				return pageOut(ctx, s.out, s.err, text)
			}
			err = walk(ctx, l, r, s.in, s.out)
			if err != nil && r.color {
				io.WriteString(s.out, reset) // leave the terminal as it was
			}
			return err
		}
		add(c)
	}

	var opts scenario.Options
	run := add(&command{
		name:  "run",
		args:  "[-wait-signal] <lesson>",
		short: "play a lesson's scenario live, in real time",
		long: `Run plays the lesson's scenarios live, each line stamped with the real
time since it started. A lesson about real processes, signals or a real
network runs them for real.`,
	})
	run.flags.BoolVar(&opts.WaitSignal, "wait-signal", false, "graceful-shutdown only: wait for a real SIGTERM or SIGINT from\nanother shell; the pid is printed at the start and every few seconds")
	run.run = func(ctx context.Context, args []string) error {
		l, err := oneLesson("run", args)
		if err != nil {
			return err
		}
		return runLesson(ctx, l, opts, s.out)
	}

	serve := add(&command{
		name:  "serve",
		args:  "[-addr HOST:PORT]",
		short: "the course in your browser, with live runs",
		long: `Serve serves the course as a web site on this machine and prints its
address. Each lesson's Run button plays its scenario and draws the
timeline as it happens; Replay plays the recording on the virtual clock,
slowed down; p on a lesson is presenter mode (arrows move, n opens the
speaker's notes). It listens on loopback only and refuses pages of other
sites. Ctrl-C stops it.`,
	})
	addr := serve.flags.String("addr", defaultAddr, "a loopback address to listen on; port 0 picks a free one")
	serve.run = func(ctx context.Context, args []string) error {
		if len(args) > 0 {
			return badUsageIn("serve", "takes no arguments, got %q", args)
		}
		ls, err := lessons()
		if err != nil {
			return err
		}
		return serveSite(ctx, ls, *addr, s.out)
	}
	build := add(&command{
		name:  "build",
		args:  "-o DIR",
		short: "the same site as static files, without live runs",
		long: `Build writes the course's web site to DIR as static files, for hosting or
to open from disk: the pages serve shows, without the runs and without
the speaker's notes (the answers stay out of a learner's way).`,
	})
	out := build.flags.String("o", "", "the folder to write the site to: new, or empty")
	build.run = func(ctx context.Context, args []string) error {
		switch {
		case len(args) > 0:
			return badUsageIn("build", "takes no arguments, got %q", args)
		case *out == "":
			return badUsageIn("build", "needs -o DIR, the folder to write the site to")
		}
		ls, err := lessons()
		if err != nil {
			return err
		}
		return buildSite(ls, s.abs(*out), *out, s.out)
	}

	add(&command{
		name:  "check",
		args:  "[<exercise>]",
		short: "run the exercises: k/N pass, and what the next one's tests say",
		run:   func(ctx context.Context, args []string) error { return check(ctx, args, s) },
	})
	add(&command{
		name:  "watch",
		short: "re-check the next exercise whenever a file changes",
		run: func(ctx context.Context, args []string) error {
			if len(args) > 0 {
				return badUsageIn("watch", "takes no arguments, got %q", args)
			}
			return watch(ctx, s, useColor("auto", s), 300*time.Millisecond)
		},
	})
	add(&command{
		name:  "hint",
		args:  "<exercise>",
		short: "a hint for an exercise (numbered like the lessons)",
		run:   func(ctx context.Context, args []string) error { return hint(args, s) },
	})
	add(&command{
		name:  "help",
		args:  "[<command>]",
		short: "this usage, or a command's, with its flags",
		run: func(ctx context.Context, args []string) error {
			switch {
			case len(args) > 1:
				return badUsageIn("", "help: takes one command, got %q", args)
			case len(args) == 0:
				return &helpRequest{}
			}
			if find(cmds, args[0]) == nil {
				return badUsageIn("", "help: unknown command %q", args[0])
			}
			return &helpRequest{args[0]}
		},
	})
	return cmds
}

func find(cmds []*command, name string) *command {
	for _, c := range cmds {
		if c.name == name {
			return c
		}
	}
	return nil
}

// viewFlags are the flags of show, answer and walk.
type viewFlags struct {
	color string
	width int
}

func (v *viewFlags) define(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.StringVar(&v.color, "color", "auto", "`WHEN` to colour: auto (a terminal, unless NO_COLOR is set), always\nor never")
	fs.IntVar(&v.width, "width", 0, "wrap the prose to `N` columns (default: the terminal's width, else\n$COLUMNS, else 80)")
	return fs
}

// renderer checks the flags and returns the renderer they ask for, to
// write to s.out.
func (v *viewFlags) renderer(cmd string, s stdio) (renderer, error) {
	if v.color != "auto" && v.color != "always" && v.color != "never" {
		return renderer{}, badUsageIn(cmd, "-color must be auto, always or never, not %q", v.color)
	}
	width := v.width
	switch {
	case width == 0:
		width = terminalWidth(s)
	case width < minWidth:
		return renderer{}, badUsageIn(cmd, "-width must be at least %d, not %d", minWidth, width)
	}
	return renderer{color: useColor(colorMode(v.color), s), width: width}, nil
}

func dispatch(ctx context.Context, args []string, s stdio) error {
	lessons := s.load
	if lessons == nil {
		var loaded []course.Lesson
		lessons = func() ([]course.Lesson, error) {
			if loaded != nil {
				return loaded, nil
			}
			var err error
			loaded, err = loadCourse(s)
			return loaded, err
		}
	}
	cmds := commands(lessons, s)
	if len(args) == 0 {
		args = []string{"list"}
	}
	name, rest := args[0], args[1:]
	switch name {
	case "-h", "-help", "--help":
		return &helpRequest{}
	}
	c := find(cmds, name)
	if c == nil {
		return badUsageIn("", "unknown command %q", name)
	}
	positional, err := parseArgs(c.name, c.flags, rest)
	if err != nil {
		return err
	}
	return adopt(c.name, c.run(ctx, positional))
}

// parseArgs parses the flags of command cmd, which may come before, between
// or after its other arguments ("show 3 -color=never"), and returns those
// others. "--" ends the flags. -h and -help ask for cmd's usage; a flag
// that is not defined is a usage error, "unknown flag -x".
func parseArgs(cmd string, flags *flag.FlagSet, args []string) ([]string, error) {
	flags.SetOutput(io.Discard)
	flags.Usage = func() {}
	var positional []string
	for {
		err := flags.Parse(args)
		switch {
		case errors.Is(err, flag.ErrHelp):
			return nil, &helpRequest{cmd}
		case err != nil:
			return nil, badUsageIn(cmd, "%s", flagMessage(err.Error()))
		}
		rest := flags.Args()
		if used := len(args) - len(rest); used > 0 && args[used-1] == "--" {
			return append(positional, rest...), nil
		}
		if len(rest) == 0 {
			return positional, nil
		}
		positional = append(positional, rest[0])
		args = rest[1:]
	}
}

// printHelp writes the usage of cmd, or of every command if cmd is "".
func printHelp(w io.Writer, cmd string) {
	cmds := commands(nil, stdio{})
	if c := find(cmds, cmd); c != nil {
		fmt.Fprintf(w, "usage: lessons %s\n", strings.TrimSpace(c.name+" "+c.args))
		if c.long != "" {
			fmt.Fprintf(w, "\n%s\n", c.long)
		} else {
			fmt.Fprintf(w, "\n%s.\n", strings.ToUpper(c.short[:1])+c.short[1:])
		}
		var hasFlags bool
		c.flags.VisitAll(func(*flag.Flag) { hasFlags = true })
		if hasFlags {
			fmt.Fprintln(w, "\nFlags, before or after the other arguments:")
			c.flags.SetOutput(w)
			c.flags.PrintDefaults()
		}
		return
	}
	fmt.Fprint(w, "usage: lessons <command> [arguments]\n\nThe commands are:\n\n")
	for _, c := range cmds {
		fmt.Fprintf(w, "  %-7s %s\n", c.name, c.short)
	}
	fmt.Fprint(w, `
<lesson> is a lesson's number (3) or name (checking-between-steps), in
any case; flags may come before or after it (show 3 -color=never).
'lessons' alone is 'lessons list'.
Run 'lessons help <command>' for a command's usage and flags.
`)
}

// pickLesson returns the lesson named by the single argument of cmd.
func pickLesson(lessons []course.Lesson, cmd string, args []string) (course.Lesson, error) {
	switch {
	case len(args) == 0:
		return course.Lesson{}, badUsageIn(cmd, "needs a lesson: its number or its name, as 'lessons list' shows")
	case len(args) > 1:
		return course.Lesson{}, badUsageIn(cmd, "takes one lesson, got %q", args)
	}
	l, err := course.Find(lessons, args[0])
	if err != nil {
		return course.Lesson{}, badUsageIn(cmd, "%v", err)
	}
	return l, nil
}

// answer returns the instructor's answer to lesson l's Question, rendered
// by r after a line that says who it is for.
func answer(l course.Lesson, r renderer) (string, error) {
	if l.Answer == nil {
		return "", fmt.Errorf("lesson %d has no answer yet", l.Number)
	}
	intro := fmt.Sprintf("For instructors, and for you once you have tried it yourself: the answer to lesson %d's Question.", l.Number)
	return r.prose(intro, noticeDim) + "\n" + r.render(l.Answer, l.Answer.Blocks), nil
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
	fmt.Fprintln(w, "In your browser:  go run ./lessons serve")
	fmt.Fprintln(w, "Practise:         go run ./lessons check   (the exercises, lessons 2 to 22)")
	return nil
}

func runLesson(ctx context.Context, l course.Lesson, opts scenario.Options, w io.Writer) error {
	if len(l.Scenarios) == 0 {
		return fmt.Errorf("lesson %d (%s) has no scenario to run", l.Number, l.Slug)
	}
	for _, name := range l.Scenarios {
		if s, ok := scenario.Lookup(name); ok && !s.TakesOptions(opts) {
			return badUsageIn("run", "-wait-signal is for the graceful-shutdown lesson, not %s", l.Slug)
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

// remindEvery is how often a run waiting for a signal says again which pid
// to send it to.
const remindEvery = 5 * time.Second

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
		if opts.WaitSignal {
			// Until the first signal comes, say every few seconds where
			// to send it: the jobs' lines push the "ready" line away.
			signals := make(chan os.Signal, 1)
			signal.Notify(signals, syscall.SIGTERM, os.Interrupt)
			defer signal.Stop(signals)
			waiting, stop := context.WithCancel(ctx)
			defer stop()
			done := make(chan struct{})
			defer func() { stop(); <-done }()
			go func() {
				defer close(done)
				remind(waiting, signals, tw, os.Getpid(), remindEvery)
			}()
		}
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

// remind writes, every interval until a signal arrives or ctx is done, a
// line saying that pid still waits for SIGTERM and how to send it.
func remind(ctx context.Context, signals <-chan os.Signal, w io.Writer, pid int, every time.Duration) {
	tick := time.NewTicker(every)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-signals:
			return
		case <-tick.C:
			if ctx.Err() != nil {
				return
			}
			fmt.Fprintf(w, "still waiting for SIGTERM to pid %d (from another shell: kill -TERM %d)\n", pid, pid)
		}
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
		fmt.Fprint(w, r.render(l.Doc, l.SectionBlocks(sec)))
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
