package ctxversion

import (
	"context"
	"errors"
	"os/exec"
	"time"
)

// Command returns exec.CommandContext(ctx, name, arg...) set up to stop
// politely. When ctx is done, its Cancel asks the process to stop: on unix
// it sends SIGTERM, which the process may catch to clean up and exit. If
// the process has not exited grace later, Wait kills it (Cmd.WaitDelay);
// WaitDelay also bounds how long Wait goes on reading output pipes that
// the process's own children still hold. Where there is no signal a
// process can be sent to ask it to stop (Windows: os.Process.Signal
// supports only os.Kill there), Cancel kills it at once, as
// exec.CommandContext does by default.
//
// A plain exec.CommandContext kills at once (SIGKILL): no cleanup. Its
// Wait, with no WaitDelay, waits for the output pipes to close, which a
// grandchild can keep open for ever.
//
// The signal reaches the process only, not the processes it started: see
// GroupCommand. Call WaitCommand rather than cmd.Wait to learn whether the
// context stopped the process.
func Command(ctx context.Context, grace time.Duration, name string, arg ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, name, arg...)
	cmd.Cancel = func() error { return terminate(cmd) }
	cmd.WaitDelay = grace
	return cmd
}

// GroupCommand is Command for a process and everything it starts. On unix
// the process leads a new process group (SysProcAttr.Setpgid), and when ctx
// is done the SIGTERM goes to the whole group; then, once the leader has
// exited or been killed after grace, WaitCommand kills (SIGKILL) whatever
// is left of the group: the others' grace ends with the leader. A process
// that moves itself to another group or session (a daemon) escapes this,
// and so does everything the process leaves running when it ends without
// a cancel. On other systems GroupCommand is Command: the children of the
// process are not stopped.
func GroupCommand(ctx context.Context, grace time.Duration, name string, arg ...string) *exec.Cmd {
	cmd := Command(ctx, grace, name, arg...)
	newGroup(cmd)
	return cmd
}

// WaitCommand waits for cmd, which was made by Command or GroupCommand and
// started, as cmd.Wait does, and says whether ctx (the context given to
// Command) stopped it.
//
// What cmd.Wait returns after the context ended depends on how the process
// went: if it died of the signal or of the kill, an *exec.ExitError
// ("signal: terminated", "signal: killed") that knows nothing of the
// context; if it caught the signal and exited with status 0, the context's
// error, context.Canceled or context.DeadlineExceeded (not its cause); if
// it exited with another status, an *exec.ExitError for it. WaitCommand
// makes these uniform: if ctx is done when Wait returns an error, the
// error is an *InterruptedError with Op "process", which wraps the
// context's error, its cause and Wait's own error. A nil error, a process
// that finished in time, is returned as it is.
//
// If ctx ends after the process has exited but before Wait has reaped it,
// cmd.Wait may report the context's error even after an exit 0: exec still
// sends the signal, which the exited process takes without error, and its
// watch of the context races with Wait (TestCommandExitedBeforeTheCancel
// sees both outcomes). WaitCommand cannot tell that apart from a real
// interrupt, nor a process that failed on its own just before ctx ended:
// wait for a process as soon as it may exit.
func WaitCommand(ctx context.Context, cmd *exec.Cmd) error {
	err := cmd.Wait()
	if ctx.Err() == nil {
		return err
	}
	killGroup(cmd)
	if err == nil {
		return nil
	}
	if errors.Is(err, ctx.Err()) {
		err = nil // Wait's error is the context's: nothing more to say
	}
	return interrupted(ctx, "process", err)
}
