package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"

	"example.com/cancellation/internal/golden"
	"example.com/cancellation/internal/scriptcmd"
)

// The commands the scripts of each folder of testdata have beyond
// testscript's own, with backgroundCmds for testdata/cli. The lists in
// testdata/README.md are generated from these tables.
var (
	scenarioCmds = []scriptcmd.Command{
		{
			Usage: "scenario NAME",
			Doc:   "play scenario NAME in a `testing/synctest` bubble, its lines stamped with virtual time on stdout, and write the events it recorded (package `internal/event`), which its figure draws, to the file `events`",
			Run:   cmdScenario,
		},
		{
			Usage: "behaviour stdout|events GOLDEN",
			Doc:   "fail, when the output or the events differ from GOLDEN, saying first what changed in behaviour (which step, which time), then the line diff",
			Run:   cmdBehaviour,
		},
	}
	commandCmds = []scriptcmd.Command{
		{
			Usage: "[!] lessons [ARGS...]",
			Doc:   "run the lessons command in the test process, with the script's environment, folder and streams; only the commands that read no stdin and start nothing (list, show, answer, help, hint)",
			Run:   cmdLessons,
		},
		{
			Usage: "exitcode N PROG [ARGS...]",
			Doc:   "run PROG as `exec` does, and fail unless it exits with status N",
			Run:   cmdExitCode,
		},
		{
			Usage: "summary FILE",
			Doc:   "the graceful shutdown's last line in FILE is its summary, and it adds up (accepted = completed + cancelled, lost = 0); the lines after the stop go to `afterstop.txt`",
			Run:   cmdSummary,
		},
		{
			Usage: "sourcemain",
			Doc:   "the last command printed a real-time run of the source lesson's main: check what the clock cannot change (the steps in order, the stop right after the last step done)",
			Run:   cmdSourceMain,
		},
	}
	toolCmds = []scriptcmd.Command{
		{
			Usage: "stackreport MODULE",
			Doc:   "rewrite stdout, a race report or a goroutine dump, into the parts that depend neither on the machine nor on the Go release: MODULE's own frames, addresses as 0x…, goroutines numbered in order, no times",
			Run:   cmdStackReport,
		},
	}
)

// TestScriptCommandsListed: testdata/README.md lists the commands of each
// folder's scripts as the tables above say. go generate ./... writes the
// lists; this test only checks them.
func TestScriptCommandsListed(t *testing.T) {
	for name, table := range map[string][]scriptcmd.Command{
		"scenarios commands": scenarioCmds,
		"cli commands":       append(commandCmds[:len(commandCmds):len(commandCmds)], backgroundCmds...),
		"tools commands":     toolCmds,
	} {
		golden.Section(t, "../testdata/README.md", name, scriptcmd.List(table), golden.CLI)
	}
}

// TestLiveScriptsAreBounded: a script that starts a program in the
// background is live (its name ends in golden.LiveSuffix), so that
// regeneration never runs it. A live script checks with patterns, never
// cmp against a golden file, and runs its programs with start and exits,
// whose waits have a bound, never with exec or wait, which wait for ever.
func TestLiveScriptsAreBounded(t *testing.T) {
	scripts, err := filepath.Glob("../testdata/cli/*.txtar")
	if err != nil {
		t.Fatal(err)
	}
	for _, file := range scripts {
		a, err := txtar.ParseFile(file)
		if err != nil {
			t.Fatal(err)
		}
		live := strings.HasSuffix(file, golden.LiveSuffix)
		for i, line := range strings.Split(string(a.Comment), "\n") {
			cmd := scriptCommand(line)
			switch {
			case live && (cmd == "cmp" || cmd == "exec" || cmd == "wait"):
				t.Errorf("%s:%d: %q in a live script: check with patterns, run with start and exits", file, i+1, cmd)
			case !live && cmd == "start":
				t.Errorf("%s:%d: a background program: the script is live, and its name must end in %s", file, i+1, golden.LiveSuffix)
			}
		}
	}
}

// scriptCommand is the command of a script's line: its first word after
// any "!" and [condition]s, or "" for a comment or a blank line.
func scriptCommand(line string) string {
	for _, w := range strings.Fields(line) {
		switch {
		case strings.HasPrefix(w, "#"):
			return ""
		case w == "!" || strings.HasPrefix(w, "["):
			continue
		}
		return w
	}
	return ""
}
