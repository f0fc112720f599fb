//go:build unix

package ctxversion_test

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"runtime"
	"syscall"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"example.com/cancellation/ctxversion"
)

// TestSignalCause sends this process real signals. Since Go 1.26
// context.Cause of a signal.NotifyContext context describes the signal;
// NotifyOnce's cause says the same, and which signal it was.
func TestSignalCause(t *testing.T) {
	ctx, stop := signal.NotifyContext(t.Context(), syscall.SIGUSR1)
	defer stop()
	if err := syscall.Kill(os.Getpid(), syscall.SIGUSR1); err != nil {
		t.Fatal(err)
	}
	<-ctx.Done()
	cause := context.Cause(ctx)
	if got, want := cause.Error(), "user defined signal 1 signal received"; got != want {
		t.Errorf("NotifyContext: Cause = %q, want %q", got, want)
	}
	if !errors.Is(cause, context.Canceled) || ctx.Err() != context.Canceled {
		t.Errorf("NotifyContext: Cause %v, Err %v; want both context.Canceled (%s: Go 1.26.0's NotifyContext gave a cause that is not context.Canceled, golang/go#77639; a later 1.26 release mended it)", cause, ctx.Err(), runtime.Version())
	}

	ctx, stop = ctxversion.NotifyOnce(t.Context(), syscall.SIGUSR2)
	defer stop()
	if err := syscall.Kill(os.Getpid(), syscall.SIGUSR2); err != nil {
		t.Fatal(err)
	}
	<-ctx.Done()
	cause = context.Cause(ctx)
	var sigErr *ctxversion.SignalError
	if !errors.As(cause, &sigErr) || sigErr.Signal != syscall.SIGUSR2 {
		t.Errorf("NotifyOnce: Cause = %#v, want a *SignalError for SIGUSR2", cause)
	}
	if got, want := cause.Error(), "user defined signal 2 signal received"; got != want {
		t.Errorf("NotifyOnce: Cause = %q, want %q", got, want)
	}
	if !errors.Is(cause, context.Canceled) {
		t.Errorf("NotifyOnce: errors.Is(%v, context.Canceled) = false", cause)
	}
}

// The child processes of the signal tests. Each says "ready" once its
// signal handling is in place, and a line for each signal it sees.
var (
	// The trap: NotifyContext's stop is deferred to the end of main, so
	// a second SIGTERM during the shutdown is caught and dropped. Nothing
	// else here catches SIGTERM. The test writes a line on stdin after
	// each SIGTERM it sends, and the child reads two, so it goes on only
	// once the second has been sent: had that one not been caught, the
	// runtime would have ended the child as the signal came, before the
	// child woke from its read. (Reading one line, the first SIGTERM's,
	// let a child that called stop at once print and exit 0 in about half
	// the runs.)
	_ = childMode("notify-context", func() {
		ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM)
		defer stop()
		fmt.Println("ready")
		<-ctx.Done()
		fmt.Printf("shutting down: %v\n", context.Cause(ctx))
		in := bufio.NewReader(os.Stdin)
		in.ReadString('\n') // after the first SIGTERM
		in.ReadString('\n') // after the second
		fmt.Println("second SIGTERM caught and dropped: the shutdown goes on")
	})
	_ = childMode("notify-once", func() {
		ctx, stop := ctxversion.NotifyOnce(context.Background(), syscall.SIGTERM)
		defer stop()
		fmt.Println("ready")
		<-ctx.Done()
		fmt.Printf("shutting down: %v\n", context.Cause(ctx))
		time.Sleep(childBlocks) // a long shutdown
		fmt.Println("the shutdown ended")
	})
	_ = childMode("notify-twice", func() {
		stop, hurry, release := ctxversion.NotifyTwice(context.Background(), syscall.SIGTERM)
		defer release()
		fmt.Println("ready")
		<-stop.Done()
		fmt.Printf("shutting down: %v\n", context.Cause(stop))
		<-hurry.Done()
		fmt.Printf("hurrying: %v\n", context.Cause(hurry))
		time.Sleep(childBlocks) // hurrying, still slow
		fmt.Println("the shutdown ended")
	})
	// A worker that ignores its context, and a hard deadline.
	_ = childMode("exit-after", func() {
		ctx, stop := ctxversion.NotifyOnce(context.Background(), syscall.SIGTERM)
		defer stop()
		defer ctxversion.ExitAfter(ctx, 50*time.Millisecond, func() {
			fmt.Println("hard deadline: exit status 1")
			os.Exit(1)
		})()
		fmt.Println("ready")
		<-ctx.Done()
		fmt.Printf("shutting down: %v\n", context.Cause(ctx))
		time.Sleep(childBlocks) // the worker that does not stop
		fmt.Println("the shutdown ended")
	})
)

// TestSecondSignal sends SIGTERMs to real child processes, one at a time,
// each after the child has said what the one before did, and records how
// the child ends.
func TestSecondSignal(t *testing.T) {
	tests := []struct {
		name     string
		mode     string
		signals  int
		wantOut  []string
		wantWait string // what cmd.Wait returned
	}{
		{
			name:    "NotifyContext stopped only at the end: the second is dropped",
			mode:    "notify-context",
			signals: 2,
			wantOut: []string{
				"shutting down: terminated signal received",
				"second SIGTERM caught and dropped: the shutdown goes on",
			},
			wantWait: "<nil>",
		},
		{
			name:     "NotifyOnce: the second kills",
			mode:     "notify-once",
			signals:  2,
			wantOut:  []string{"shutting down: terminated signal received"},
			wantWait: "signal: terminated",
		},
		{
			name:    "NotifyTwice: the second hurries, the third kills",
			mode:    "notify-twice",
			signals: 3,
			wantOut: []string{
				"shutting down: terminated signal received",
				"hurrying: told to hurry: second signal: terminated signal received",
			},
			wantWait: "signal: terminated",
		},
		{
			name:     "ExitAfter: a worker that ignores the stop, and the hard deadline",
			mode:     "exit-after",
			signals:  1,
			wantOut:  []string{"shutting down: terminated signal received", "hard deadline: exit status 1"},
			wantWait: "exit status 1",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cmd := exec.Command(testBinary(t))
			stdin, err := cmd.StdinPipe()
			if err != nil {
				t.Fatal(err)
			}
			c := startChild(t, cmd, tt.mode)
			defer cmd.Process.Kill() // if the test fails early
			if got := c.line(t); got != "ready" {
				t.Fatalf("child said %q, want \"ready\"", got)
			}
			var out []string
			for i := range tt.signals {
				if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
					t.Fatalf("SIGTERM %d: %v", i+1, err)
				}
				// Sent, so after the signal: a child that waits for it
				// learns that the signal did not end it.
				io.WriteString(stdin, "signalled\n")
				if i < len(tt.wantOut) {
					out = append(out, c.line(t)) // what the child made of it
				}
			}
			out = append(out, c.rest(t)...)
			stdin.Close()
			err = wait(t, cmd.Wait)
			if diff := cmp.Diff(tt.wantOut, out); diff != "" {
				t.Errorf("the child's output after \"ready\" (-want +got):\n%s", diff)
			}
			if got := fmt.Sprint(err); got != tt.wantWait {
				t.Errorf("cmd.Wait = %s, want %s", got, tt.wantWait)
			}
		})
	}
}
