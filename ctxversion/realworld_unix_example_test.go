//go:build unix

package ctxversion_test

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"syscall"
	"time"

	"example.com/cancellation/ctxversion"
)

// A child that cleans up on SIGTERM: the shell runs its trap (between
// two of its 10ms sleeps), says so and exits 0, and WaitCommand says that
// the context stopped it.
func ExampleCommand() {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	cmd := ctxversion.Command(ctx, 5*time.Second, "sh", "-c",
		`trap 'echo cleaning up; exit 0' TERM; echo ready; while :; do sleep 0.01; done`)
	out, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		fmt.Println(err)
		return
	}
	r := bufio.NewReader(out)
	ready, _ := r.ReadString('\n')
	fmt.Print(ready)
	cancel() // SIGTERM
	rest, _ := io.ReadAll(r)
	fmt.Print(string(rest))
	fmt.Println(ctxversion.WaitCommand(ctx, cmd))
	// Output:
	// ready
	// cleaning up
	// process interrupted: context canceled
}

// The cause of a context ended by a signal names the signal.
func ExampleNotifyOnce() {
	ctx, stop := ctxversion.NotifyOnce(context.Background(), syscall.SIGUSR1)
	defer stop()
	syscall.Kill(os.Getpid(), syscall.SIGUSR1) // as kill -USR1 <pid> would
	<-ctx.Done()
	fmt.Println(context.Cause(ctx))
	// Output: user defined signal 1 signal received
}
