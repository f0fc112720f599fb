package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// lessonsCommand returns the path of a "lessons" command: this test
// binary under that name, which TestMain runs as main.
func lessonsCommand(t *testing.T) string {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(t.TempDir(), "lessons")
	if err := os.Symlink(exe, bin); err != nil {
		t.Skipf("cannot link the test binary as lessons: %v", err)
	}
	return bin
}

// tmuxRun runs shell command line in a new 80x50 tmux pane, on a server
// of its own, with the environment env, and returns what the pane shows
// once line has ended, its history included, each line as the program
// wrote it (-J joins the lines the terminal wrapped, so that a line wider
// than the pane shows as one).
func tmuxRun(t *testing.T, tmux, line string, env ...string) []string {
	t.Helper()
	return runInTmux(t, tmux, 80, 50, line, env...).lines(t, "-J", "-S", "-", "-E", "-")
}

// tmuxScreen runs line in a cols x rows pane and returns what the screen
// shows when it has ended: the visible rows only, as a learner sees them.
func tmuxScreen(t *testing.T, tmux string, cols, rows int, line string, env ...string) []string {
	t.Helper()
	return runInTmux(t, tmux, cols, rows, line, env...).lines(t)
}

// runInTmux starts line in a new cols x rows pane and returns once it has
// ended (it says so with wait-for -S); the pane stays open to be read.
func runInTmux(t *testing.T, tmux string, cols, rows int, line string, env ...string) *tmuxSession {
	t.Helper()
	s := startTmux(t, tmux, cols, rows, line+"; tmux -S $TMUX_SOCK wait-for -S done", env...)
	s.run(t, "wait-for", "done")
	return s
}

// tmuxSession is a command running in a tmux pane of a server of its own.
type tmuxSession struct {
	tmux, sock string
	ctx        context.Context
}

// startTmux starts line in a new cols x rows pane; the pane stays open
// after it ends, to be read. $TMUX_SOCK is the server's socket. Every tmux
// command the test runs is bounded, generously: a first -race build of
// the exercises on a loaded machine can run inside the pane.
func startTmux(t *testing.T, tmux string, cols, rows int, line string, env ...string) *tmuxSession {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	t.Cleanup(cancel)
	s := &tmuxSession{tmux: tmux, sock: filepath.Join(t.TempDir(), "tmux.sock"), ctx: ctx}
	t.Cleanup(func() { exec.Command(tmux, "-S", s.sock, "kill-server").Run() })
	args := []string{"new-session", "-d", "-x", strconv.Itoa(cols), "-y", strconv.Itoa(rows), "-e", "TMUX_SOCK=" + s.sock}
	for _, e := range env {
		args = append(args, "-e", e)
	}
	s.run(t, append(args, line+"; sleep 600")...)
	return s
}

// run runs one tmux command on the session's server and returns its
// output; an error fails the test.
func (s *tmuxSession) run(t *testing.T, args ...string) string {
	t.Helper()
	out, err := exec.CommandContext(s.ctx, s.tmux, append([]string{"-S", s.sock, "-f", os.DevNull}, args...)...).CombinedOutput()
	if err != nil {
		t.Fatalf("tmux %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// lines captures the pane (capture-pane -p with args) and returns its
// lines, trailing spaces trimmed.
func (s *tmuxSession) lines(t *testing.T, args ...string) []string {
	t.Helper()
	var lines []string
	for _, l := range strings.Split(s.run(t, append([]string{"capture-pane", "-p"}, args...)...), "\n") {
		lines = append(lines, strings.TrimRight(l, " "))
	}
	return lines
}

// waitFor polls the pane until it shows want, and returns the screen; it
// fails after the session's bound, not a time the test expects anything
// to take.
func (s *tmuxSession) waitFor(t *testing.T, want string) string {
	t.Helper()
	tick := time.NewTicker(100 * time.Millisecond)
	defer tick.Stop()
	for {
		screen := s.run(t, "capture-pane", "-p")
		if strings.Contains(screen, want) {
			return screen
		}
		select {
		case <-tick.C:
		case <-s.ctx.Done():
			t.Fatalf("the pane never showed %q; it shows:\n%s", want, screen)
		}
	}
}

// TestShowInTmux shows lesson 3 in a real terminal, 80 columns wide, as a
// learner sees it: the prose fits the terminal (its own width: $COLUMNS,
// set wide here, must not win), no markdown link is left, the links are
// listed, and the output goes through $PAGER on a terminal (a pager that
// cannot start prints directly).
func TestShowInTmux(t *testing.T) {
	tmux, err := exec.LookPath("tmux")
	if err != nil {
		t.Skip("tmux is not installed: this test shows a lesson in a real terminal (apt-get install tmux)")
	}
	bin := lessonsCommand(t)

	lines := tmuxRun(t, tmux, bin+" show 3", "PAGER=cat", "COLUMNS=200", "TERM=xterm-256color")
	text := "\n" + strings.Join(lines, "\n")
	for i, l := range lines {
		if n := utf8.RuneCountInString(l); n > 80 {
			t.Errorf("line %d is %d columns wide in an 80-column terminal: %q", i+1, n, l)
		}
		if strings.Contains(l, "](../") {
			t.Errorf("line %d has a raw markdown link: %q", i+1, l)
		}
	}
	for _, want := range []string{"Checking between steps", "\nexercises/03-check-the-token: make LongTask", "\nFigure: Timeline: "} {
		if !strings.Contains(text, want) {
			t.Errorf("the pane does not show %q; it shows:\n%s", want, text)
		}
	}

	// On a terminal, show pages through $PAGER: here one that marks each
	// line it passes on.
	paged := tmuxRun(t, tmux, bin+" show 3", "PAGER=sed -e s/^/>/", "TERM=xterm-256color")
	if got := "\n" + strings.Join(paged, "\n"); !strings.Contains(got, "\n>Checking between steps\n") || !strings.Contains(got, "\n>exercises/03-check-the-token: make LongTask") {
		t.Errorf("show on a terminal did not go through $PAGER; the pane shows:\n%s", got)
	}
	// A pager that cannot start: the lesson is printed directly.
	direct := tmuxRun(t, tmux, bin+" show 3", "PAGER=/no/such/pager", "TERM=xterm-256color")
	if got := "\n" + strings.Join(direct, "\n"); !strings.Contains(got, "\nexercises/03-check-the-token: make LongTask") {
		t.Errorf("show with a pager that cannot start printed nothing; the pane shows:\n%s", got)
	}
}

// TestWalkTakesSingleKeys walks lesson 3 in a real terminal with single
// keys, as an instructor with a clicker does: Space goes on, b goes back,
// q quits, no Enter needed; each prompt names its section; and lines still
// start at the left edge (raw mode is on only while walk waits for a key).
func TestWalkTakesSingleKeys(t *testing.T) {
	tmux, err := exec.LookPath("tmux")
	if err != nil {
		t.Skip("tmux is not installed: this test walks a lesson in a real terminal (apt-get install tmux)")
	}
	bin := lessonsCommand(t)
	s := startTmux(t, tmux, 80, 30, bin+" walk -color=never 3", "TERM=xterm-256color")
	s.waitFor(t, "-- 1/")
	s.run(t, "send-keys", "Space")
	screen := s.waitFor(t, "-- 2/")
	if !strings.Contains(screen, "The task") {
		t.Errorf("Space did not show the next section, The task:\n%s", screen)
	}
	s.run(t, "send-keys", "b")
	s.waitFor(t, "-- 1/")
	s.run(t, "send-keys", "q")
	screen = s.waitFor(t, "(stopped at your request)")
	t.Logf("the pane after Space, b and q:\n%s", screen)
	for i, l := range strings.Split(screen, "\n") {
		if trimmed := strings.TrimLeft(l, " "); trimmed != l && (strings.HasPrefix(trimmed, "-- ") || strings.HasPrefix(trimmed, "Checking between steps") || strings.HasPrefix(trimmed, "(stopped")) {
			t.Errorf("line %d does not start at the left edge (raw mode left on while printing?): %q", i+1, l)
		}
	}
}
