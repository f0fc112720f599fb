package main

import (
	"errors"
	"os/exec"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/rogpeppe/go-internal/testscript"

	"example.com/cancellation/internal/scriptcmd"
)

// The one way a script runs a program in the background: start it, wait
// for a line of its output, send it a real signal, and wait for it to
// exit with a given status. Every wait has a bound, so that a program
// that hangs fails its script instead of the whole test run.
var backgroundCmds = []scriptcmd.Command{
	{
		Usage: "start NAME PROG [ARGS...]",
		Doc:   "start PROG in the background as NAME, with the script's environment and a stdin that stays open until `exits`; `$NAME_PID` is its pid",
		Run:   cmdStart,
	},
	{
		Usage: "waitfor NAME REGEXP",
		Doc:   "wait until NAME's stdout has a line matching REGEXP; fail if NAME exits first, or after a minute",
		Run:   cmdWaitFor,
	},
	{
		Usage: "signal NAME INT|TERM",
		Doc:   "send NAME a real SIGINT (as Ctrl-C does) or SIGTERM",
		Run:   cmdSignal,
	},
	{
		Usage: "exits NAME CODE",
		Doc:   "close NAME's stdin, wait for it to exit, and fail unless its status is CODE, or if it still runs after a minute (it is killed); its stdout and stderr are then the script's, for the commands after",
		Run:   cmdExits,
	},
}

// backgroundBound is how long waitfor and exits wait: a bound for a
// machine under load (a -race build of an exercise), not a time a script
// expects anything to take.
const backgroundBound = time.Minute

// scriptVars are the variables a script may set with "env" that a
// program started in the background must see, besides the script's
// initial environment.
var scriptVars = []string{"LESSONS_EXERCISES", courseEnv, "CGO_ENABLED", "COLUMNS", "NO_COLOR", "PAGER"}

type backgroundKey struct{}
type envNamesKey struct{}

// background is a program that start started.
type background struct {
	cmd            *exec.Cmd
	stdout, stderr output
	stdin          interface{ Close() error }
	done           chan struct{} // closed when it has exited
	err            error         // what Wait returned, once done is closed
}

func backgrounds(ts *testscript.TestScript) map[string]*background {
	return ts.Value(backgroundKey{}).(map[string]*background)
}

func started(ts *testscript.TestScript, name string) *background {
	b, ok := backgrounds(ts)[name]
	if !ok {
		ts.Fatalf("nothing was started as %q", name)
	}
	return b
}

func cmdStart(ts *testscript.TestScript, neg bool, args []string) {
	name := args[0]
	if _, ok := backgrounds(ts)[name]; ok {
		ts.Fatalf("start: %q is started already", name)
	}
	path, err := scriptcmd.LookPath(ts, args[1])
	ts.Check(err)
	cmd := exec.Command(path, args[2:]...)
	cmd.Dir = ts.MkAbs(".")
	for _, k := range slices.Concat(ts.Value(envNamesKey{}).([]string), scriptVars) {
		cmd.Env = append(cmd.Env, k+"="+ts.Getenv(k))
	}
	b := &background{cmd: cmd, done: make(chan struct{})}
	cmd.Stdout, cmd.Stderr = &b.stdout, &b.stderr
	b.stdin, err = cmd.StdinPipe()
	ts.Check(err)
	ts.Check(cmd.Start())
	go func() {
		b.err = cmd.Wait()
		close(b.done)
	}()
	backgrounds(ts)[name] = b
	ts.Setenv(name+"_PID", strconv.Itoa(cmd.Process.Pid))
	ts.Defer(func() {
		select {
		case <-b.done:
		default:
			cmd.Process.Kill()
			<-b.done
		}
	})
}

func cmdWaitFor(ts *testscript.TestScript, neg bool, args []string) {
	b := started(ts, args[0])
	re, err := regexp.Compile("(?m)" + args[1])
	ts.Check(err)
	bound := time.After(backgroundBound)
	for {
		text, changed := b.stdout.read()
		if re.MatchString(text) {
			return
		}
		select {
		case <-changed:
		case <-b.done:
			if text, _ := b.stdout.read(); !re.MatchString(text) {
				ts.Fatalf("waitfor: %s exited (%v) with no line matching %q; stdout:\n%s\nstderr:\n%s", args[0], b.err, args[1], text, b.stderr.String())
			}
		case <-bound:
			ts.Fatalf("waitfor: no line matching %q in %s's stdout after %v; it holds:\n%s", args[1], args[0], backgroundBound, text)
		}
	}
}

func cmdSignal(ts *testscript.TestScript, neg bool, args []string) {
	b := started(ts, args[0])
	ts.Check(sendSignal(b.cmd.Process.Pid, args[1]))
}

func cmdExits(ts *testscript.TestScript, neg bool, args []string) {
	b := started(ts, args[0])
	want, err := strconv.Atoi(args[1])
	if err != nil {
		ts.Fatalf("exits: %q is not a number", args[1])
	}
	b.stdin.Close()
	select {
	case <-b.done:
	case <-time.After(backgroundBound):
		b.cmd.Process.Kill()
		<-b.done
		ts.Fatalf("%s still ran after %v: killed; stdout:\n%s\nstderr:\n%s", args[0], backgroundBound, b.stdout.String(), b.stderr.String())
	}
	ts.Stdout().Write([]byte(b.stdout.String()))
	ts.Stderr().Write([]byte(b.stderr.String()))
	got, err := exitStatus(b.err)
	if err != nil {
		ts.Fatalf("%s: %v", args[0], err)
	}
	if got != want {
		ts.Fatalf("%s exited with status %d, want %d; stderr:\n%s", args[0], got, want, b.stderr.String())
	}
}

// output is what a background program writes to one of its streams, as
// it writes it: read returns the text so far, and a channel that is
// closed at the next write.
type output struct {
	mu      sync.Mutex
	buf     strings.Builder
	changed chan struct{}
}

func (o *output) Write(p []byte) (int, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.changed != nil {
		close(o.changed)
		o.changed = nil
	}
	return o.buf.Write(p)
}

func (o *output) read() (string, <-chan struct{}) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.changed == nil {
		o.changed = make(chan struct{})
	}
	return o.buf.String(), o.changed
}

func (o *output) String() string {
	text, _ := o.read()
	return text
}

// exitStatus is the exit status of a program that ended with err (what
// exec.Cmd.Wait returned), or an error if it did not end by exiting.
func exitStatus(err error) (int, error) {
	var exit *exec.ExitError
	switch {
	case err == nil:
		return 0, nil
	case errors.As(err, &exit) && exit.Exited():
		return exit.ExitCode(), nil
	}
	return 0, err
}
