//go:build unix

package scenario

import (
	"bufio"
	"context"
	"fmt"
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
		_, out, err := startReady(cmd) // "ready"
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
		err = ctxversion.WaitCommand(stop, cmd)
		child.Info(fmt.Sprintf("child that %s: %v", c.name, err),
			"event", "end", "err", err)
	}
	return ctx.Err()
}

// ProcessGroupLive stops a child that started a child of its own: with
// Command the SIGTERM reaches the child only, and the grandchild runs on,
// orphaned; with GroupCommand it reaches the whole process group.
func ProcessGroupLive(ctx context.Context, log *slog.Logger) error {
	for _, group := range []bool{false, true} {
		command, name := ctxversion.Command, "Command"
		if group {
			command, name = ctxversion.GroupCommand, "GroupCommand"
		}
		stop, cancel := context.WithCancel(ctx)
		cmd := command(stop, 100*time.Millisecond, "sh", "-c", `sleep 60 & echo $!; wait`)
		first, out, err := startReady(cmd) // the pid of sleep
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
		if !group && syscall.Kill(sleep, 0) == nil {
			log.Info(fmt.Sprintf("%s: sleep still runs, orphaned; killing it by hand",
				name))
			syscall.Kill(sleep, syscall.SIGKILL)
		}
		for range lines(out) { // the end of the output: every holder has exited
		}
		log.Info(fmt.Sprintf("%s: sleep is gone: nothing holds the output pipe", name))
	}
	return ctx.Err()
}

// startReady starts cmd and waits for the first line of its output, which
// says that the child is ready. It returns that line and the rest.
func startReady(cmd *exec.Cmd) (first string, rest *bufio.Reader, err error) {
	pipe, err := cmd.StdoutPipe()
	if err != nil {
		return "", nil, err
	}
	if err := cmd.Start(); err != nil {
		return "", nil, err
	}
	rest = bufio.NewReader(pipe)
	first, err = rest.ReadString('\n')
	if err != nil {
		cmd.Process.Kill()
		cmd.Wait()
		return "", nil, fmt.Errorf("%s: no first line: %w", cmd, err)
	}
	return strings.TrimSuffix(first, "\n"), rest, nil
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
