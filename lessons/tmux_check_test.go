package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"example.com/cancellation/internal/golden"
	"example.com/cancellation/internal/practice"
)

// copyExercises copies the course's exercises to a new folder, as
// shipped, with the reference solution as exercise.go in the exercises
// named in solved, and returns the folder.
func copyExercises(t *testing.T, solved ...string) string {
	t.Helper()
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	src, err := practice.Root(wd)
	if err != nil {
		t.Fatal(err)
	}
	dst := filepath.Join(t.TempDir(), "exercises")
	if err := os.CopyFS(dst, os.DirFS(src)); err != nil {
		t.Fatal(err)
	}
	for _, name := range solved {
		solve(t, dst, name)
	}
	return dst
}

// needTmuxAndLong skips a test that runs the exercises in a real terminal
// unless tmux is installed and the long checks were asked for.
func needTmuxAndLong(t *testing.T) string {
	t.Helper()
	if !golden.Long() {
		t.Skipf("runs every exercise's tests under -race in a terminal: %s=1 runs it", golden.LongEnv)
	}
	tmux, err := exec.LookPath("tmux")
	if err != nil {
		t.Skip("tmux is not installed: this test checks the exercises in a real terminal (apt-get install tmux)")
	}
	return tmux
}

// TestCheckFitsATerminal runs check on the shipped exercises in an 80x30
// terminal, as a learner with a small window would: no line is wider than
// the pane, and what matters stays on screen: how many pass, the next
// exercise, its first test's message, and how to get a hint, with "(and
// N more lines ...)" for what did not fit.
func TestCheckFitsATerminal(t *testing.T) {
	tmux := needTmuxAndLong(t)
	bin := lessonsCommand(t)
	dir := copyExercises(t, "02-share-the-flag", "03-check-the-token")
	// In the folder above the exercises, as in the course's root: they
	// are "exercises/" to check.
	cd := "cd " + filepath.Dir(dir) + " && "
	lines := tmuxScreen(t, tmux, 80, 30, cd+bin+" check 4", "TERM=xterm-256color")
	t.Logf("the 80x30 pane after check 4:\n%s", strings.Join(lines, "\n"))
	screen := "\n" + strings.Join(lines, "\n")
	for _, want := range []string{
		"\nExercise 4 (04-check-every-1000) does not pass yet",
		"\n  Sum of 1 items made 0 checks of the token",
		"more lines: go test -race ./04-check-every-1000, in exercises/",
		"\nStuck? go run ./lessons hint 4",
	} {
		if !strings.Contains(screen, want) {
			t.Errorf("the 80x30 pane does not show %q after check 4", want)
		}
	}
	for i, l := range lines {
		if n := utf8.RuneCountInString(l); n > 80 {
			t.Errorf("line %d is %d columns wide in an 80-column pane: %q", i+1, n, l)
		}
	}

	all := tmuxScreen(t, tmux, 80, 30, cd+bin+" check", "TERM=xterm-256color")
	t.Logf("the 80x30 pane after check:\n%s", strings.Join(all, "\n"))
	screen = "\n" + strings.Join(all, "\n")
	for _, want := range []string{"\n2/22 exercises pass", "\n  [x] 02-share-the-flag", "\nNext: exercise 4, in exercises/04-check-every-1000/exercise.go", "\n  Sum of 1 items made 0 checks of the token", "\nStuck? go run ./lessons hint 4"} {
		if !strings.Contains(screen, want) {
			t.Errorf("the 80x30 pane does not show %q after check", want)
		}
	}
}

// TestWatchFollowsTheSavedExercise is the workshop's plan: exercise 3,
// then 6, with "watch 3" open and exercises 2, 4 and 5 unsolved. Saving a
// correct exercise 3 shows it passes; saving a correct exercise 6 then
// checks 6, not 3 or the first unsolved, and never reports exercise 5's
// race.
func TestWatchFollowsTheSavedExercise(t *testing.T) {
	tmux := needTmuxAndLong(t)
	bin := lessonsCommand(t)
	dir := copyExercises(t)
	sess := startTmux(t, tmux, 80, 30, "cd "+filepath.Dir(dir)+" && "+bin+" watch 3", "TERM=xterm-256color")
	sess.waitFor(t, "Exercise 3 (03-check-the-token) does not pass yet")

	solve(t, dir, "03-check-the-token")
	screen := sess.waitFor(t, "Exercise 3 (03-check-the-token) passes.")
	t.Logf("the 80x30 pane after saving exercise 3:\n%s", screen)

	solve(t, dir, "06-wake-on-done")
	screen = sess.waitFor(t, "Exercise 6 (06-wake-on-done) passes.")
	t.Logf("the 80x30 pane after saving exercise 6:\n%s", screen)
	if !strings.Contains(screen, "Save another exercise to check it.") {
		t.Errorf("after exercise 6 passed, watch did not say it waits for the next save:\n%s", screen)
	}
	if strings.Contains(screen, "05-publish-with-atomics") || strings.Contains(screen, "data race") {
		t.Errorf("after saving exercise 6, watch reported exercise 5:\n%s", screen)
	}
}

// solve saves the reference solution of exercise name as its exercise.go,
// as a learner saves a correct answer.
func solve(t *testing.T, dir, name string) {
	t.Helper()
	sol, err := os.ReadFile(filepath.Join(dir, name, "solution.go"))
	if err != nil {
		t.Fatal(err)
	}
	sol = regexp.MustCompile(`(?m)^//go:build .*\n`).ReplaceAll(sol, nil)
	if err := os.WriteFile(filepath.Join(dir, name, "exercise.go"), sol, 0o644); err != nil {
		t.Fatal(err)
	}
}
