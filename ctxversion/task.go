// Package ctxversion does the jobs of package std the way production Go
// does them: with a context.Context made by context.WithCancel, and a select
// on ctx.Done() wherever a task waits.
//
// The difference from a polled flag is the wake-up. Done returns a channel
// that is closed on cancellation, so a task that is waiting for its work
// (a timer, a network reply, a queue) in a select with ctx.Done() returns the
// moment the context is cancelled, not at its next check.
//
// The rules of use, as the context package gives them:
//
//   - Pass the Context as the first argument, named ctx; do not store it in
//     a struct.
//   - Always call the CancelFunc that WithCancel returns, at the latest with
//     defer, or the context's resources leak until its parent is cancelled.
//   - A cancelled task returns an error for which errors.Is(err,
//     context.Canceled) or errors.Is(err, context.DeadlineExceeded) holds;
//     context.Cause tells why.
//
// Beyond the source lesson's two jobs, the package shows what cancellation
// unlocks: Pool shuts a worker pool down gracefully (no new work, a grace
// period, every accepted job accounted for), TaskHandler scopes a task to
// an HTTP request, and AnyOf cancels work when any of several contexts
// ends.
//
// And it meets what does not cooperate: ReadContext and InterruptReads
// wake a network read that no context can (through its deadline);
// Command, GroupCommand and WaitCommand stop child processes, and theirs,
// with SIGTERM and then a kill after a grace; Serve shuts an HTTP server
// down whole; NotifyOnce, NotifyTwice and ExitAfter handle signals as
// people send them, with a hard exit deadline for work that ignores them.
package ctxversion

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"example.com/cancellation/std/saturating"
)

// StepDuration is how long one step of LongTask works.
const StepDuration = 10 * time.Millisecond

// CheckInterval is how many items CancellableSum adds between two checks of
// its context. It checks before item 0, CheckInterval, 2*CheckInterval, ...
const CheckInterval = 1000

// ErrNegativeSteps is reported by LongTask for a negative step count.
var ErrNegativeSteps = errors.New("negative step count")

// StepError reports that a task was cancelled while it waited for step Step
// (or before it began it).
//
// Its message is "cancelled at step N: " followed by the cause. It wraps
// both the context's error (context.Canceled or context.DeadlineExceeded) and
// the cause given to context.WithCancelCause, if any, so errors.Is finds
// either.
type StepError struct {
	Step  int   // the step that was not completed
	Err   error // ctx.Err() when the task stopped
	Cause error // context.Cause(ctx) when the task stopped
}

// Error returns "cancelled at step N: <cause>".
func (e *StepError) Error() string {
	return fmt.Sprintf("cancelled at step %d: %v", e.Step, e.Cause)
}

// Unwrap returns the context's error and, if it is a different error, the
// cause.
func (e *StepError) Unwrap() []error {
	if e.Cause == nil || e.Cause == e.Err {
		return []error{e.Err}
	}
	return []error{e.Err, e.Cause}
}

func stepError(ctx context.Context, step int) error {
	return &StepError{Step: step, Err: ctx.Err(), Cause: context.Cause(ctx)}
}

// LongTask does steps steps of work. Each step waits StepDuration in a select
// with ctx.Done() and then writes "Step i complete" to w.
//
// If ctx is cancelled before or during a step, LongTask returns a *StepError
// for that step at once: the wait wakes up, so the task stops without
// finishing the step. If every step is done it returns
// "completed all N steps". A negative steps is an error wrapping
// ErrNegativeSteps, and nothing is written. LongTask leaves no timer or
// goroutine behind.
func LongTask(ctx context.Context, steps int, w io.Writer) (string, error) {
	return LongTaskSteps(ctx, steps, StepDuration, w)
}

// LongTaskSteps is LongTask with steps that take step each, not
// StepDuration: the same waits, at other times ("lessons run 6 -step
// 25ms" tries it).
func LongTaskSteps(ctx context.Context, steps int, step time.Duration,
	w io.Writer) (string, error) {
	if steps < 0 {
		return "", fmt.Errorf("%w: %d", ErrNegativeSteps, steps)
	}
	timer := time.NewTimer(step)
	defer timer.Stop()
	for i := range steps {
		if ctx.Err() != nil { // already cancelled: do not start
			return "", stepError(ctx, i)
		}
		timer.Reset(step)
		select {
		case <-ctx.Done(): // woken in the middle of the step
			return "", stepError(ctx, i)
		case <-timer.C: // the work
		}
		fmt.Fprintf(w, "Step %d complete\n", i)
	}
	return fmt.Sprintf("completed all %d steps", steps), nil
}

// CancellableSum adds data in order with saturating addition, as
// std.CancellableSum does. It checks ctx before item 0 and then every
// CheckInterval items, and returns the context's error at the first check
// that finds ctx done. An empty slice needs no check and sums to (0, nil).
func CancellableSum(ctx context.Context, data []int64) (int64, error) {
	var sum int64
	for len(data) > 0 {
		if err := ctx.Err(); err != nil {
			return 0, err
		}
		chunk := data[:min(CheckInterval, len(data))]
		sum = saturating.Sum(sum, chunk)
		data = data[len(chunk):]
	}
	return sum, nil
}
