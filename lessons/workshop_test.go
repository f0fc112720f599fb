//go:build unix

package main

import (
	"bufio"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"example.com/cancellation/internal/golden"
)

// planRow is a row of a plan in docs/instructors.md that runs a lesson:
// its commands, each after "go run ./lessons ".
var planRow = regexp.MustCompile("(?m)^\\| \\d+:\\d\\d \\| lesson .* \\| \\d+ \\| (`.*`) \\|$")

// TestWorkshopPlansRun runs every command of the instructors' guide's
// plans as written, in a copy of the exercises as shipped, the way a room
// would: each walk with no one pressing Enter, to its end; each watch
// until it reports the exercise failing, then, once the solution is
// saved, passing; then Ctrl-C, which ends it with status 130.
func TestWorkshopPlansRun(t *testing.T) {
	if !golden.Long() {
		t.Skipf("runs every plan's walks and watches, a -race build each: %s=1 runs it", golden.LongEnv)
	}
	guide, err := os.ReadFile("../docs/instructors.md")
	if err != nil {
		t.Fatal(err)
	}
	var commands []string
	for _, m := range planRow.FindAllStringSubmatch(string(guide), -1) {
		for _, c := range strings.Split(m[1], ", ") {
			c = strings.Trim(c, "`")
			if !slices.Contains(commands, c) {
				commands = append(commands, c)
			}
		}
	}
	if len(commands) < 10 {
		t.Fatalf("found %d commands in the plans of docs/instructors.md (%q); its plan tables changed shape", len(commands), commands)
	}
	bin := lessonsCommand(t)
	root := filepath.Dir(copyExercises(t))
	// Lessons 23 and 24's exercises, in the beyond module's own: the
	// plans may watch them too.
	beyond := filepath.Join(root, "beyond", "exercises")
	if err := os.CopyFS(beyond, os.DirFS(filepath.Join("..", "beyond", "exercises"))); err != nil {
		t.Fatal(err)
	}
	for _, c := range commands {
		t.Run(c, func(t *testing.T) {
			args := strings.Fields(c)
			switch args[0] {
			case "walk":
				runWalk(t, bin, root, args)
			case "watch":
				runWatch(t, bin, root, args)
			default:
				t.Fatalf("a plan runs %q, which this test does not know how to run", c)
			}
		})
	}
}

// runWalk runs a walk to its end with stdin closed, within a bound.
func runWalk(t *testing.T, bin, root string, args []string) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Dir = root
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go run ./lessons %s: %v\n%s", strings.Join(args, " "), err, out)
	}
}

// runWatch starts a watch, waits for it to report the exercise failing,
// saves the exercise's solution, waits for it to pass, and interrupts it.
func runWatch(t *testing.T, bin, root string, args []string) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Dir = root
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	lines := make(chan string)
	go func() {
		defer close(lines)
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			lines <- sc.Text()
		}
	}()
	var said []string
	waitFor := func(re *regexp.Regexp) []string {
		for l := range lines {
			said = append(said, l)
			if m := re.FindStringSubmatch(l); m != nil {
				return m
			}
		}
		t.Fatalf("go run ./lessons %s ended without a line matching %q (a bound of 5 minutes); it said:\n%s", strings.Join(args, " "), re, strings.Join(said, "\n"))
		return nil
	}
	m := waitFor(regexp.MustCompile(`^Exercise \d+ \((\S+)\) does not pass yet`))
	dir := filepath.Join(root, "exercises")
	if _, err := os.Stat(filepath.Join(dir, m[1])); err != nil {
		dir = filepath.Join(root, "beyond", "exercises")
	}
	solve(t, dir, m[1])
	waitFor(regexp.MustCompile(`^Exercise \d+ \(` + regexp.QuoteMeta(m[1]) + `\) passes\.$`))
	cmd.Process.Signal(syscall.SIGINT)
	for range lines { // read to the end before Wait closes the pipe
	}
	err = cmd.Wait()
	if code := cmd.ProcessState.ExitCode(); code != 130 {
		t.Errorf("after Ctrl-C, go run ./lessons %s exited with %v, want status 130", strings.Join(args, " "), err)
	}
}
