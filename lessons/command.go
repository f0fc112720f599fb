package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"example.com/cancellation/internal/course"
)

// A command is one of the lessons command's subcommands, as cmd/go's
// base.Command is: its usage line, what it does in one line and at
// length, its flags, and how to run it with the arguments that are not
// flags. Each is declared in its own file, cmd_NAME.go; the table
// commands lists them, and "lessons help", the package doc (doc.go) and
// README.md's command list are made from it.
type command struct {
	// UsageLine is the command's name, then its arguments:
	// "show [-color=WHEN] [-width=N] <lesson>".
	UsageLine string

	// Short says what the command does, in one line, for "lessons help".
	Short string

	// Long is what "lessons help NAME" says; "" is Short, as a sentence.
	Long string

	// Run runs a command that takes no flags.
	Run runFunc

	// Flags, for a command that takes flags, defines them on fs and
	// returns the run that reads them. Each run has its flags fresh: the
	// tests run commands side by side, in one process. A command has Run
	// or Flags, not both.
	Flags func(fs *flag.FlagSet) runFunc
}

// A runFunc runs a command with its arguments that are not flags, in the
// environment s.
type runFunc func(ctx context.Context, s stdio, args []string) error

// Name is the command's name, the first word of its usage line.
func (c *command) Name() string {
	name, _, _ := strings.Cut(c.UsageLine, " ")
	return name
}

// bind returns c's flags, fresh, and the run that reads them.
func (c *command) bind() (*flag.FlagSet, runFunc) {
	fs := flag.NewFlagSet(c.Name(), flag.ContinueOnError)
	if c.Flags != nil {
		return fs, c.Flags(fs)
	}
	return fs, c.Run
}

// find returns the command of the table named name, or nil.
func find(name string) *command {
	for _, c := range commands {
		if c.Name() == name {
			return c
		}
	}
	return nil
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

	// load loads the lessons; nil is course.Load of the embedded files.
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

// lessons loads the lessons, with s.load if it is set.
func (s stdio) lessons() ([]course.Lesson, error) {
	if s.load == nil {
		return loadCourse(s)
	}
	return s.load()
}

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

// noArgs is the usage error of command cmd, which takes no arguments but
// the flags, if it was given some.
func noArgs(cmd string, args []string) error {
	if len(args) > 0 {
		return badUsageIn(cmd, "takes no arguments, got %q", args)
	}
	return nil
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

var negativeNumber = regexp.MustCompile(`^-\d+$`)

// parseArgs parses the flags of a command (fs, named after it), which may
// come before, between or after its other arguments ("show 3
// -color=never"), and returns those others. "--" ends the flags. -h and
// -help ask for the command's usage; a flag that is not defined is a usage
// error, "unknown flag -x". Every command parses its flags this way.
func parseArgs(fs *flag.FlagSet, args []string) ([]string, error) {
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	var positional []string
	for {
		// A negative number is an argument, not a flag: "show -1" is an
		// unknown lesson, not an unknown flag -1.
		if len(args) > 0 && negativeNumber.MatchString(args[0]) {
			positional = append(positional, args[0])
			args = args[1:]
			continue
		}
		if len(args) == 0 {
			return positional, nil
		}
		err := fs.Parse(args)
		switch {
		case errors.Is(err, flag.ErrHelp):
			return nil, &helpRequest{fs.Name()}
		case err != nil:
			return nil, badUsageIn(fs.Name(), "%s", flagMessage(err.Error()))
		}
		rest := fs.Args()
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
