package main

//go:generate go run ../internal/cmd/regenerate

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"time"
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
	// Run by "go run", the command is a child of the go command, which
	// does not pass on a kill: so on unix it watches its parent, and
	// stops when the parent is gone (watchParent).
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

// commands are the lessons command's commands, one a file (cmd_NAME.go),
// in the order "lessons help" lists them. The package doc (doc.go) and
// README.md's command list are made from this table by go generate
// ./..., and TestDocsUpToDate checks that they still agree with it.
var commands []*command

func init() {
	// Set here, not where it is declared: help looks commands up in it.
	commands = []*command{
		cmdList,
		cmdShow,
		cmdAnswer,
		cmdWalk,
		cmdRun,
		cmdServe,
		cmdBuild,
		cmdCheck,
		cmdWatch,
		cmdReset,
		cmdHint,
		cmdDoctor,
		cmdHelp,
	}
}

// dispatch runs the command that args name (list if none) with the rest
// of args.
func dispatch(ctx context.Context, args []string, s stdio) error {
	if len(args) == 0 {
		args = []string{cmdList.Name()}
	}
	name, rest := args[0], args[1:]
	switch name {
	case "-h", "-help", "--help":
		return &helpRequest{}
	}
	c := find(name)
	if c == nil {
		return badUsageIn("", "unknown command %q", name)
	}
	fs, run := c.bind()
	positional, err := parseArgs(fs, rest)
	if err != nil {
		return err
	}
	return adopt(c.Name(), run(ctx, s, positional))
}
