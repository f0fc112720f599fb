// Package sourcemain is the exercise of lesson 8, "The source's main, both
// ways".
//
// Write Main, the source lesson's main with context: start LongTask with 10
// steps on its own goroutine, sleep 35ms, print "Cancelling...", cancel,
// wait for the task and print "Cancelled: <its error>"; then run a 3-step
// task that nobody cancels and print "Result: <its result>". LongTask is
// given.
package sourcemain

import (
	"context"
	"fmt"
	"io"
	"time"
)

// LongTask does steps steps of 10ms, each a wait that a cancel interrupts,
// and writes "Step i complete" after each.
func LongTask(ctx context.Context, steps int, w io.Writer) (string, error) {
	for i := range steps {
		select {
		case <-ctx.Done():
			return "", fmt.Errorf("cancelled at step %d: %w", i, ctx.Err())
		case <-time.After(10 * time.Millisecond):
		}
		fmt.Fprintf(w, "Step %d complete\n", i)
	}
	return fmt.Sprintf("completed all %d steps", steps), nil
}
