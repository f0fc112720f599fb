//go:build unix

package scenario

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/exec"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"time"

	"example.com/cancellation/ctxversion"
)

// ChildProcessLive stops three real child processes (sh scripts) through a
// context, with ctxversion.Command: SIGTERM, then a kill after 250ms of
// grace. One cleans up and exits 0, one dies of the signal, one ignores it
// and is killed. It says what WaitCommand returned for each.
//
// A shell runs a trap only between commands: the one that cleans up
// sleeps in steps of 10ms so that its trap runs soon. (A "sleep 60 &
// wait" with "kill $!" in the trap would answer at once, but the kill can
// reach the background shell before it has become sleep, while it still
// catches SIGTERM as its parent did, and the sleep then runs on.)
func ChildProcessLive(ctx context.Context, log *slog.Logger) error {
	children := []struct{ name, script string }{
		{"cleans up", `trap 'echo cleaning up; exit 0' TERM; echo ready; while :; do sleep 0.01; done`},
		{"dies of it", `echo ready; exec sleep 60`},
		{"ignores it", `trap '' TERM; echo ready; exec sleep 60`},
	}
	for _, c := range children {
		child := log.With("lane", c.name)
		stop, cancel := context.WithCancel(ctx)
		cmd := ctxversion.Command(stop, 250*time.Millisecond, "sh", "-c", c.script)
		_, pipe, out, err := startReady(cmd) // "ready": its trap is set
		if err != nil {
			cancel()
			return err
		}
		child.Info(fmt.Sprintf("child that %s: started (pid %d); sending SIGTERM",
			c.name, cmd.Process.Pid),
			"event", "begin")
		cancel()
		for line := range lines(out) {
			child.Info(fmt.Sprintf("child that %s says: %s", c.name, line))
		}
		pipe.Close()
		err = ctxversion.WaitCommand(stop, cmd)
		child.Info(fmt.Sprintf("child that %s: %v", c.name, err),
			"event", "end", "err", err)
	}
	return ctx.Err()
}

// ProcessGroupLive stops a child that started a child of its own: with
// Command the SIGTERM reaches the child only, and the grandchild runs on,
// orphaned; with GroupCommand it reaches the whole process group. Whether
// the grandchild still runs is read from the output pipe they share: its
// end comes when every process holding it has exited.
func ProcessGroupLive(ctx context.Context, log *slog.Logger) error {
	for _, group := range []bool{false, true} {
		command, name := ctxversion.Command, "Command"
		if group {
			command, name = ctxversion.GroupCommand, "GroupCommand"
		}
		stop, cancel := context.WithCancel(ctx)
		cmd := command(stop, 100*time.Millisecond, "sh", "-c", `sleep 60 & echo $!; wait`)
		first, pipe, out, err := startReady(cmd) // the pid of sleep
		if err != nil {
			cancel()
			return err
		}
		sleep, _ := strconv.Atoi(first)
		child := log.With("lane", name)
		child.Info(fmt.Sprintf("%s: sh (pid %d) started sleep (pid %d); sending SIGTERM",
			name, cmd.Process.Pid, sleep),
			"event", "begin")
		cancel()
		err = ctxversion.WaitCommand(stop, cmd)
		child.Info(fmt.Sprintf("%s: sh: %v", name, err), "event", "end", "err", err)
		if !closedWithin(pipe, out, time.Second) {
			log.Info(name + ": sleep still runs, orphaned; killing it by hand")
			syscall.Kill(sleep, syscall.SIGKILL)
			if !closedWithin(pipe, out, 5*time.Second) {
				pipe.Close()
				return fmt.Errorf("%s: the output pipe is still open 5s after sleep (pid %d) was killed", name, sleep)
			}
		}
		pipe.Close()
		log.Info(name + ": sleep is gone: nothing holds the output pipe")
	}
	return ctx.Err()
}

// startReady starts cmd with its output on a pipe and waits for the first
// line, which says that the child is ready. It returns that line, the
// pipe, and a reader of the rest. Unlike cmd.StdoutPipe's, the pipe is
// ours, and cmd.Wait does not close it: reading it to its end tells when
// every process that holds it (the child, and any child of the child) has
// exited. Close the pipe when done.
func startReady(cmd *exec.Cmd) (first string, pipe *os.File, rest *bufio.Reader, err error) {
	pipe, w, err := os.Pipe()
	if err != nil {
		return "", nil, nil, err
	}
	cmd.Stdout = w // an *os.File: the child writes to it directly
	err = cmd.Start()
	w.Close() // the child holds it now
	if err != nil {
		pipe.Close()
		return "", nil, nil, err
	}
	rest = bufio.NewReader(pipe)
	first, err = rest.ReadString('\n')
	if err != nil {
		cmd.Process.Kill()
		cmd.Wait()
		pipe.Close()
		return "", nil, nil, fmt.Errorf("%s: no first line: %w", cmd, err)
	}
	return strings.TrimSuffix(first, "\n"), pipe, rest, nil
}

// closedWithin reads the rest of pipe (through r) to its end, and reports
// whether the end came within d: whether by then every process that held
// the pipe had exited.
func closedWithin(pipe *os.File, r *bufio.Reader, d time.Duration) bool {
	pipe.SetReadDeadline(time.Now().Add(d))
	defer pipe.SetReadDeadline(time.Time{})
	_, err := io.Copy(io.Discard, r)
	return err == nil
}

// lines yields the lines of r until its end, without their newlines.
func lines(r *bufio.Reader) func(yield func(string) bool) {
	return func(yield func(string) bool) {
		for {
			line, err := r.ReadString('\n')
			if line != "" && !yield(strings.TrimSuffix(line, "\n")) {
				return
			}
			if err != nil {
				return
			}
		}
	}
}

// SignalsLive sends this process real signals and shows what the contexts
// make of them: the cause NotifyContext gives since Go 1.26, and
// NotifyTwice's stop and hurry. It uses SIGUSR1, which nothing else here
// listens to, so that the lessons command's own Ctrl-C is left alone.
func SignalsLive(ctx context.Context, log *slog.Logger) error {
	self := func() error { return syscall.Kill(os.Getpid(), syscall.SIGUSR1) }

	sigCtx, stopSignals := signal.NotifyContext(ctx, syscall.SIGUSR1)
	log.Info(fmt.Sprintf("NotifyContext(SIGUSR1); sending SIGUSR1 to myself (pid %d)",
		os.Getpid()))
	if err := self(); err != nil {
		stopSignals()
		return err
	}
	<-sigCtx.Done()
	log.Info(fmt.Sprintf("NotifyContext: done; its cause: %v", context.Cause(sigCtx)))
	stopSignals()

	stop, hurry, release := ctxversion.NotifyTwice(ctx, syscall.SIGUSR1)
	defer release()
	log.Info("NotifyTwice(SIGUSR1); sending SIGUSR1")
	self()
	<-stop.Done()
	log.Info(fmt.Sprintf("stop: %v", context.Cause(stop)), "event", "stop")
	log.Info("sending SIGUSR1 again")
	self()
	select {
	case <-hurry.Done():
		log.Info(fmt.Sprintf("hurry: %v", context.Cause(hurry)), "event", "cancel")
	case <-ctx.Done():
		return ctx.Err()
	}
	log.Info("a third SIGUSR1 would now end the process, as a third Ctrl-C would: not sent")
	return ctx.Err()
}
