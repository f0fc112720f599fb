// Package handler is the exercise of lesson 11, "Request scoping".
//
// Handler runs a 100-step task for each request, but with a context that
// nothing cancels, so it works on after its client has gone. Make it use
// the request's context, so that the task stops the moment the client
// gives up, and the handler returns then (not before the task has ended),
// having logged how the task ended with report. A request that stays open
// runs its task to the end.
package handler

import (
	"context"
	"fmt"
	"io"
	"time"
)

// Task does 100 steps of 10ms (a second), stopping early when ctx is done.
func Task(ctx context.Context) error {
	for i := range 100 {
		select {
		case <-ctx.Done():
			return fmt.Errorf("stopped at step %d: %w", i, ctx.Err())
		case <-time.After(10 * time.Millisecond):
		}
	}
	return nil
}

// report writes how a request's task ended.
func report(log io.Writer, err error) {
	if err != nil {
		fmt.Fprintf(log, "handler: %v\n", err)
		return
	}
	fmt.Fprintln(log, "handler: completed")
}
