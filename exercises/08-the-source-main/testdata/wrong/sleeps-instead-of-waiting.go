// Wrong: after cancel it sleeps a millisecond instead of waiting for the task, then reads the task's error, which the task goroutine writes at the same time.

package sourcemain

import (
	"context"
	"fmt"
	"io"
	"time"
)

// Main is the source lesson's main, with context.
func Main(w io.Writer) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var err error
	go func() { _, err = LongTask(ctx, 10, w) }()
	time.Sleep(35 * time.Millisecond)
	fmt.Fprintln(w, "Cancelling...")
	cancel()
	time.Sleep(time.Millisecond) // give the task time to stop
	fmt.Fprintf(w, "Cancelled: %v\n", err)

	msg, err := LongTask(context.Background(), 3, w)
	if err != nil {
		msg = "error: " + err.Error()
	}
	fmt.Fprintf(w, "Result: %s\n", msg)
}
