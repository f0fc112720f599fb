package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/rogpeppe/go-internal/testscript"
	"go.uber.org/goleak"

	"example.com/cancellation/internal/course"
	"example.com/cancellation/internal/event"
	"example.com/cancellation/internal/golden"
	"example.com/cancellation/internal/practice"
	"example.com/cancellation/internal/scenario"
	"example.com/cancellation/internal/scriptcmd"
	"example.com/cancellation/internal/transcript"
)

// TestMain lets scripts exec the real lessons command: testscript runs this
// test binary under the name "lessons", and it then behaves as main does.
// After the tests it fails if any goroutine they started is still running.
func TestMain(m *testing.M) {
	testscript.Main(leakChecked{m}, map[string]func(){"lessons": main})
}

// scriptParallel is how many scripts run at once unless -test.parallel
// says otherwise: they spend most of their time waiting for the programs
// they start, many of which wait on a real clock, so more than one per
// core keeps the cores busy.
const scriptParallel = 8

// moreParallel raises -test.parallel to scriptParallel, unless it was set
// on the command line.
func moreParallel() {
	set := false
	flag.Visit(func(f *flag.Flag) { set = set || f.Name == "test.parallel" })
	if !set {
		flag.Set("test.parallel", strconv.Itoa(max(scriptParallel, runtime.GOMAXPROCS(0))))
	}
}

// leakChecked runs the tests, then looks for leaked goroutines with goleak.
type leakChecked struct{ m *testing.M }

func (l leakChecked) Run() int {
	flag.Parse()
	moreParallel()
	code := l.m.Run()
	if code == 0 {
		// chroma's lexers match with regexp2, whose timeout clock is a
		// goroutine that stops by itself a second after the last match
		// (regexp2's fastclock.go): not a leak of ours.
		if err := goleak.Find(goleak.IgnoreAnyFunction("github.com/dlclark/regexp2/v2.runClock")); err != nil {
			fmt.Fprintf(os.Stderr, "goleak: %v\n", err)
			return 1
		}
	}
	return code
}

// TestScenarioTranscripts checks the golden transcripts in
// testdata/scenarios. Their "scenario" command plays a scenario inside a
// testing/synctest bubble, so time is virtual and each stamp is exact: the
// transcripts are byte-for-byte the same on every run, on any machine.
func TestScenarioTranscripts(t *testing.T) {
	testscript.RunT(scriptT{t}, testscript.Params{
		Dir:           golden.ScriptDir(t, "../testdata/scenarios", golden.Scenarios),
		UpdateScripts: golden.Regenerating(golden.Scenarios),
		Setup: func(env *testscript.Env) error {
			env.Values[testingTKey{}] = env.T().(scriptT).T
			return nil
		},
		Cmds: scriptcmd.Map(scenarioCmds),
	})
}

// TestCommand checks the lessons command itself, as a user runs it, against
// the scripts in testdata/cli. Real-time output is matched with patterns,
// in the live scripts (golden.LiveSuffix), which regeneration leaves out.
func TestCommand(t *testing.T) {
	t.Cleanup(func() {
		if t.Failed() && !golden.Regenerating(golden.CLI) {
			t.Logf("Where a script's output differs from its golden file (cmp) and the change of behaviour is intended, run %s and review git diff testdata/cli. A live script (*%s) has no golden file: its patterns say what must hold.", golden.FixCommand, golden.LiveSuffix)
		}
	})
	testscript.Run(t, testscript.Params{
		Files:         golden.Scripts(t, "../testdata/cli", golden.CLI),
		UpdateScripts: golden.Regenerating(golden.CLI),
		Setup: func(env *testscript.Env) error {
			// A binary built with -race waits a second before it exits,
			// to catch late reports; the scripts' commands need not.
			env.Setenv("GORACE", strings.TrimSpace(os.Getenv("GORACE")+" atexit_sleep_ms=0"))
			// "lessons check" runs the go command: give it this
			// machine's caches, and the course's exercises.
			out, err := exec.Command("go", "env", "GOCACHE", "GOMODCACHE", "GOPATH").Output()
			if err != nil {
				return fmt.Errorf("go env: %v", err)
			}
			vals := strings.Split(strings.TrimSpace(string(out)), "\n")
			for i, k := range []string{"GOCACHE", "GOMODCACHE", "GOPATH"} {
				env.Setenv(k, vals[i])
			}
			env.Setenv("GOTOOLCHAIN", "local")
			// The course's own folder, for a script that runs what needs
			// its source (run N -cancel-after ..., which runs go test).
			root, err := filepath.Abs("..")
			if err != nil {
				return err
			}
			env.Setenv("COURSE_ROOT", root)
			// The folder of the commands testscript makes (lessons), first
			// on its PATH: PATH=$LESSONS_BIN_DIR leaves out every other
			// program, the go command too.
			binDir, _, _ := strings.Cut(env.Getenv("PATH"), string(os.PathListSeparator))
			env.Setenv("LESSONS_BIN_DIR", binDir)
			env.Values[backgroundKey{}] = map[string]*background{}
			env.Values[envNamesKey{}] = scriptcmd.Names(env.Vars)
			return nil
		},
		Condition: func(cond string) (bool, error) {
			switch cond {
			case "race":
				ok, _ := practice.RaceSupport(context.Background())
				return ok, nil
			case "long": // COURSE_LONG=1, or regenerating these scripts
				return golden.Long() || golden.Regenerating(golden.CLI), nil
			}
			return false, fmt.Errorf("unknown condition %q", cond)
		},
		Cmds: scriptcmd.Map(commandCmds, backgroundCmds),
	})
}

// inProcess are the commands "lessons ARGS" may run in the test process:
// they read no stdin, send no signal and start no process, so the
// program's own run differs from cli's only in os.Exit. Running them here
// spares each one the start of a program, which under -race costs half a
// second; "exec lessons ..." runs the program, as the scripts of signals,
// live runs, check, walk, build and serve do.
var inProcess = []string{"", "list", "show", "answer", "help", "hint", "-h", "-help", "--help"}

// lessons ARGS: run the lessons command in this test process, as cli,
// with the script's environment, folder and streams (no stdin), and fail
// unless it exits 0 (or, with !, unless it fails). Only the commands in
// inProcess, and usage errors (exitcode 2 lessons ...), run this way.
func cmdLessons(ts *testscript.TestScript, neg bool, args []string) {
	sub := ""
	if len(args) > 0 {
		sub = args[0]
	}
	if !slices.Contains(inProcess, sub) {
		ts.Fatalf("lessons %s: run it with exec: it may read stdin, signal or start processes", sub)
	}
	code := runInProcess(ts, args)
	switch {
	case neg && code == 0:
		ts.Fatalf("lessons %s: succeeded unexpectedly", strings.Join(args, " "))
	case !neg && code != 0:
		ts.Fatalf("lessons %s: exit status %d", strings.Join(args, " "), code)
	}
}

// courseOnce is the lessons, loaded once for every in-process run.
var courseOnce = sync.OnceValues(func() ([]course.Lesson, error) { return course.Load(lessonFiles, "lessons") })

// runInProcess runs cli with args, the script's environment and folder,
// and returns its exit status. A command that should fail at once but
// does not is stopped after a bound. The embedded course is loaded once
// for every run; a script's own course ($LESSONS_COURSE) at each.
func runInProcess(ts *testscript.TestScript, args []string) int {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	s := stdio{
		in:     strings.NewReader(""),
		out:    ts.Stdout(),
		err:    ts.Stderr(),
		getenv: ts.Getenv,
		dir:    ts.MkAbs("."),
	}
	if ts.Getenv(courseEnv) == "" {
		s.load = courseOnce
	}
	return cli(ctx, args, s)
}

// exitcode N PROGRAM [ARGS...]: run PROGRAM as exec does, and fail unless it
// exits with status N. Its stdout and stderr are kept for the next commands.
// "exitcode N lessons ..." runs in the test process (runInProcess) when the
// command is in inProcess, or when N is 2: a usage error ends the command
// before it does anything.
func cmdExitCode(ts *testscript.TestScript, neg bool, args []string) {
	want, err := strconv.Atoi(args[0])
	if err != nil {
		ts.Fatalf("exitcode: %q is not a number", args[0])
	}
	got := 0
	sub := ""
	if len(args) > 2 {
		sub = args[2]
	}
	if args[1] == "lessons" && (want == 2 || slices.Contains(inProcess, sub)) {
		if got = runInProcess(ts, args[2:]); got != want {
			ts.Fatalf("lessons exited with status %d, want %d", got, want)
		}
		return
	}
	if err := ts.Exec(args[1], args[2:]...); err != nil {
		var exit *exec.ExitError
		if !errors.As(err, &exit) {
			ts.Fatalf("exitcode: %v", err)
		}
		got = exit.ExitCode()
	}
	if got != want {
		ts.Fatalf("%s exited with status %d, want %d", args[1], got, want)
	}
}

// scenario NAME: run a scenario in a synctest bubble, its lines stamped
// with virtual time, and write them to the script's stdout; write the
// events it recorded (package event), which the figures draw, to the file
// "events".
func cmdScenario(ts *testscript.TestScript, neg bool, args []string) {
	s, ok := scenario.Lookup(args[0])
	if !ok {
		ts.Fatalf("unknown scenario %q (want one of %q)", args[0], scenario.Names())
	}
	if s.Run == nil {
		ts.Fatalf("scenario %s needs real processes or signals: it has no run on the virtual clock", s.Name)
	}
	out := ts.Stdout()
	t := ts.Value(testingTKey{}).(*testing.T)
	var events []event.Event
	synctest.Test(t, func(*testing.T) {
		w := transcript.NewWriter(out)
		if err := s.Run(context.Background(), w); err != nil {
			ts.Fatalf("scenario %s: %v", s.Name, err)
		}
		events = w.Events()
	})
	if err := os.WriteFile(ts.MkAbs("events"), []byte(event.Format(events)), 0o666); err != nil {
		ts.Fatalf("%v", err)
	}
}

// behaviour stdout|events GOLDEN: fail, if the output differs from the golden
// file, with what changed in behaviour first (which step, which time,
// which line is new or gone, which order), then the line diff, then how to
// accept the change. The cmp that follows it in a script then has nothing
// to add; when go generate regenerates the scenarios, this passes and that
// cmp rewrites the golden.
func cmdBehaviour(ts *testscript.TestScript, neg bool, args []string) {
	if args[0] != "stdout" && args[0] != "events" {
		ts.Fatalf("behaviour: %q is neither stdout nor events", args[0])
	}
	if golden.Regenerating(golden.Scenarios) {
		return
	}
	got, want := ts.ReadFile(args[0]), ts.ReadFile(args[1])
	changes := transcript.Changes(want, got)
	if len(changes) == 0 {
		return
	}
	var b strings.Builder
	if args[0] == "events" {
		fmt.Fprintf(&b, "the scenario's events, which its figure draws, differ from %s:\n", args[1])
	} else {
		fmt.Fprintf(&b, "the scenario behaves differently from %s:\n", args[1])
	}
	for _, c := range changes {
		fmt.Fprintf(&b, "  - %s\n", c)
	}
	fmt.Fprintf(&b, "\nline by line (-want +got):\n%s\n", cmp.Diff(want, got))
	fmt.Fprintf(&b, "If this change of behaviour is intended, run %s and review git diff testdata/ lessons/.", golden.FixCommand)
	ts.Fatalf("%s", b.String())
}

// scriptT lets testscript run subtests as *testing.T, so that a command can
// recover the *testing.T that synctest.Test needs.
type scriptT struct{ *testing.T }

func (t scriptT) Run(name string, f func(testscript.T)) {
	t.T.Run(name, func(t *testing.T) { f(scriptT{t}) })
}

func (scriptT) Verbose() bool { return testing.Verbose() }

type testingTKey struct{}

var summaryLine = regexp.MustCompile(`(?m)^\[ *\d+ms\] accepted=(\d+) completed=(\d+) cancelled=(\d+) lost=(\d+)$`)

// summary FILE: the graceful shutdown's last line is its summary, and it
// adds up: accepted = completed + cancelled, lost = 0. It also writes the
// lines after the stop to afterstop.txt, for checks on them.
func cmdSummary(ts *testscript.TestScript, neg bool, args []string) {
	text := ts.ReadFile(args[0])
	lines := strings.Split(strings.TrimRight(text, "\n"), "\n")
	m := summaryLine.FindStringSubmatch(lines[len(lines)-1])
	if m == nil {
		ts.Fatalf("the last line of %s is not a summary:\n%s", args[0], text)
	}
	n := make([]int, 4)
	for i := range n {
		n[i], _ = strconv.Atoi(m[i+1])
	}
	if n[0] != n[1]+n[2] || n[3] != 0 {
		ts.Fatalf("summary does not add up: %s", m[0])
	}
	if _, after, ok := strings.Cut(text, "] stop ("); ok {
		ts.Check(os.WriteFile(ts.MkAbs("afterstop.txt"), []byte(after), 0o644))
	}
}

// sourcemain: the last command printed one live run of the source lesson's
// main (after a "Lesson N, ..." header). Its stamps and the step the cancel
// lands in belong to the real clock, so this checks only what does not
// depend on it (see transcript.CheckSourceMain).
func cmdSourceMain(ts *testscript.TestScript, neg bool, args []string) {
	out := ts.ReadFile("stdout")
	if _, after, ok := strings.Cut(out, "(real time)\n"); ok {
		out = after
	}
	out, _, _ = strings.Cut(out, "\n\nLesson ") // the lesson's next scenario, if any
	if err := transcript.CheckSourceMain(out, ""); err != nil {
		ts.Fatalf("sourcemain: %v\n%s", err, out)
	}
}
