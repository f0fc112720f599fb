package std

import (
	"errors"
	"fmt"
	"io"
	"time"

	"example.com/cancellation/std/saturating"
)

// StepDuration is how long one step of LongTask works.
const StepDuration = 10 * time.Millisecond

// CheckInterval is how many items CancellableSum adds between two checks of
// its token. It checks before item 0, CheckInterval, 2*CheckInterval, ...
const CheckInterval = 1000

// ErrNegativeSteps is reported by LongTask for a negative step count.
var ErrNegativeSteps = errors.New("negative step count")

// StepError reports that a task was cancelled before it did step Step.
// errors.Is(err, ErrCancelled) holds for every StepError, and errors.Is also
// finds the token's cause through it.
type StepError struct {
	Step  int   // the first step that was not done
	Cause error // the token's Cause when the task stopped
}

// Error returns "cancelled at step N".
func (e *StepError) Error() string {
	return fmt.Sprintf("cancelled at step %d", e.Step)
}

// Is reports whether target is ErrCancelled.
func (e *StepError) Is(target error) bool {
	return target == ErrCancelled
}

// Unwrap returns the cause, so that errors.Is and errors.As see it.
func (e *StepError) Unwrap() error {
	return e.Cause
}

// LongTask does steps steps of work, checking t before each one. Each step
// takes StepDuration and then writes "Step i complete" to w.
//
// If t is cancelled when a step is due, LongTask returns a *StepError naming
// that step. A cancel that arrives during a step is seen only at the next
// check, so the task stops at most one step late. If every step is done it
// returns "completed all N steps". A negative steps is an error wrapping
// ErrNegativeSteps, and nothing is written.
func LongTask(t *Token, steps int, w io.Writer) (string, error) {
	return LongTaskSteps(t, steps, StepDuration, w)
}

// LongTaskSteps is LongTask with steps that take step each, not
// StepDuration: the same checks, at other times ("lessons run 3 -step
// 25ms" tries it).
func LongTaskSteps(t *Token, steps int, step time.Duration,
	w io.Writer) (string, error) {
	if steps < 0 {
		return "", fmt.Errorf("%w: %d", ErrNegativeSteps, steps)
	}
	for i := range steps {
		if t.IsCancelled() {
			return "", &StepError{Step: i, Cause: t.Cause()}
		}
		time.Sleep(step) // the work
		fmt.Fprintf(w, "Step %d complete\n", i)
	}
	return fmt.Sprintf("completed all %d steps", steps), nil
}

// CancellableSum adds data in order with saturating addition (a sum that
// would overflow stays at math.MaxInt64 or math.MinInt64). It checks t before
// item 0 and then every CheckInterval items, and returns (0, false) at the
// first check that finds t cancelled. An empty slice needs no check and sums
// to (0, true).
func CancellableSum(t *Token, data []int64) (int64, bool) {
	return CancellableSumEvery(t, data, CheckInterval)
}

// CancellableSumEvery is CancellableSum with the check interval as a
// parameter: it checks t before item 0 and then every every items. The
// benchmarks measure other intervals with it, and "lessons run 4 -every
// 100" tries one. every must be at least 1.
func CancellableSumEvery(t *Token, data []int64, every int) (int64, bool) {
	var sum int64
	for len(data) > 0 {
		if t.IsCancelled() {
			return 0, false
		}
		chunk := data[:min(every, len(data))]
		sum = saturating.Sum(sum, chunk) // a tight loop with no checks
		data = data[len(chunk):]
	}
	return sum, true
}

// WakingLongTask is LongTask with a wait that a cancel interrupts: each
// step waits StepDuration in a select with t.Done(), as ctxversion.LongTask
// does with ctx.Done(). A cancel during a step stops the task at once,
// without finishing the step.
func WakingLongTask(t *Token, steps int, w io.Writer) (string, error) {
	if steps < 0 {
		return "", fmt.Errorf("%w: %d", ErrNegativeSteps, steps)
	}
	timer := time.NewTimer(StepDuration)
	defer timer.Stop()
	for i := range steps {
		if t.IsCancelled() { // already cancelled: do not start
			return "", &StepError{Step: i, Cause: t.Cause()}
		}
		timer.Reset(StepDuration)
		select {
		case <-t.Done(): // woken in the middle of the step
			return "", &StepError{Step: i, Cause: t.Cause()}
		case <-timer.C: // the work
		}
		fmt.Fprintf(w, "Step %d complete\n", i)
	}
	return fmt.Sprintf("completed all %d steps", steps), nil
}
