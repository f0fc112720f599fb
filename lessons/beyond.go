package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"example.com/cancellation/internal/course"
)

// runBeyond plays a lesson whose stories live in the beyond module (real
// servers and drivers that the course's own module does not build): it
// builds the command its "run-beyond:" header names, in the course's
// beyond/ folder, and runs it with the header's arguments. Ctrl-C reaches
// the command as an interrupt, so that it stops the servers it started;
// it has a bound to do so, then is killed.
func runBeyond(ctx context.Context, l course.Lesson, w, errw io.Writer, width int) error {
	root, err := courseRoot()
	if err != nil {
		return err
	}
	dir := filepath.Join(root, "beyond")
	pkg, args := l.Beyond[0], l.Beyond[1:]
	for _, line := range wrapLine(fmt.Sprintf("Lesson %d, %s: go run %s %s, in beyond/ (real time)", l.Number, l.Title, pkg, strings.Join(args, " ")), width, "  ") {
		fmt.Fprintln(w, line)
	}
	tmp, err := os.MkdirTemp("", "lessons-beyond-*")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	bin := filepath.Join(tmp, filepath.Base(pkg))
	build := exec.CommandContext(ctx, "go", "build", "-o", bin, pkg)
	build.Dir = dir
	done := sayIfSlow(w, "(building the beyond module's command: the first time, a few minutes: gRPC and the database drivers are large)")
	out, err := build.CombinedOutput()
	done()
	if ctx.Err() != nil {
		return ctx.Err()
	}
	if err != nil {
		first, _, _ := strings.Cut(strings.TrimSpace(string(out)), "\n")
		return fmt.Errorf("run: building %s in beyond/: %s", pkg, first)
	}
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Dir = dir
	cmd.Stdout, cmd.Stderr = w, errw
	cmd.Cancel = func() error {
		if err := cmd.Process.Signal(os.Interrupt); err != nil {
			return cmd.Process.Kill() // no interrupt to send (Windows)
		}
		return nil
	}
	cmd.WaitDelay = 20 * time.Second // its servers' own bounds, and some
	err = cmd.Run()
	if ctx.Err() != nil {
		return ctx.Err()
	}
	if err != nil {
		return fmt.Errorf("run: %s %s: %w", filepath.Base(pkg), strings.Join(args, " "), err)
	}
	return nil
}
