package main

import (
	"context"
	"errors"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"strings"
)

// pageOut writes text to w. When w is a terminal it goes through a pager:
// $PAGER, or "less -R" if PAGER is unset (with LESS=FRX, as git sets it,
// unless LESS is set: a text shorter than the screen is printed and the
// pager quits). An empty PAGER, or cat, prints directly, and so does a
// pager that cannot start.
func pageOut(ctx context.Context, w, stderr io.Writer, text string) error {
	f, ok := w.(*os.File)
	if !ok || !isTerminal(f) {
		_, err := io.WriteString(w, text)
		return err
	}
	pager, set := os.LookupEnv("PAGER")
	if !set {
		pager = "less -R"
	}
	args := strings.Fields(pager)
	if len(args) == 0 || args[0] == "cat" {
		_, err := io.WriteString(w, text)
		return err
	}
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Stdout, cmd.Stderr = f, stderr
	if _, ok := os.LookupEnv("LESS"); !ok {
		cmd.Env = append(os.Environ(), "LESS=FRX")
	}
	in, err := cmd.StdinPipe()
	if err == nil {
		err = cmd.Start()
	}
	if err != nil {
		_, err := io.WriteString(w, text)
		return err
	}
	// While the pager runs the terminal is its: a Ctrl-C is for it (less
	// stops a search), and this process must not die of one and hand the
	// terminal back to the shell while the pager still reads it. It goes
	// only if the go command that ran it has gone (watchParent).
	signals := make(chan os.Signal, 1)
	signal.Notify(signals, os.Interrupt)
	defer signal.Stop(signals)
	done := make(chan struct{})
	defer close(done)
	go func() {
		select {
		case <-ctx.Done():
			if errors.Is(context.Cause(ctx), errParentGone) {
				cmd.Process.Kill()
			}
		case <-done:
		}
	}()
	io.WriteString(in, text) // fails if the reader quit the pager early: that is fine
	in.Close()
	cmd.Wait() // the pager's own status is not the lesson's
	return nil
}
