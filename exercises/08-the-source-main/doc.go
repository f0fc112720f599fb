// Package sourcemain is the exercise of lesson 8, "The source's main, both
// ways".
//
// Write Main, the source lesson's main with context, writing to w:
//
//  1. Start LongTask(ctx, 10, w) on a goroutine of its own, with a context
//     made by context.WithCancel.
//  2. Main itself sleeps 35ms, prints "Cancelling...", cancels the context,
//     waits for the task to return, and then prints "Cancelled: " and the
//     task's error.
//  3. Then run a 3-step task that nobody cancels, and print "Result: " and
//     its result.
//
// LongTask is given; it wakes up the moment its context is cancelled. The
// test runs Main on the virtual clock of testing/synctest and wants exactly
// these lines, at these instants, with "Cancelling...", "Cancelled: ..."
// and "Result: ..." written by Main's own goroutine and the first task's
// step lines by another:
//
//	[10ms] Step 0 complete
//	[20ms] Step 1 complete
//	[30ms] Step 2 complete
//	[35ms] Cancelling...
//	[35ms] Cancelled: cancelled at step 3: context canceled
//	[45ms] Step 0 complete
//	[55ms] Step 1 complete
//	[65ms] Step 2 complete
//	[65ms] Result: completed all 3 steps
//
// Main returns at 65ms, leaving no goroutine behind. It runs under the race
// detector: reading the task's error before the task has finished is a data
// race, and fails the test even when the line looks right.
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
