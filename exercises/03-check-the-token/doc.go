// Package checktoken is the exercise of lesson 3, "Checking between steps".
//
// LongTask does its steps without ever looking at its token. Make it check
// the token before each step, and only there:
//
//   - If the token is cancelled when step N is due, LongTask returns at once,
//     without doing step N, the result "" and an error for which
//     errors.Is(err, ErrCancelled) holds and whose message names step N
//     as "step N" (and no other step): "cancelled at step 3", or
//     "cancelled at step 3: cancelled", as you like. The caller tells a
//     cancel by errors.Is, and the message tells a person where it stopped.
//   - A step that has started always runs to its end and writes its line: a
//     cancel during step N is seen at the check before step N+1, so the task
//     stops one step late. A cancel during the last step is seen by no
//     check: the task completes.
//   - A token cancelled before the task starts stops it at step 0, with
//     nothing written. A task of 0 steps has no step to check before: it
//     completes at once, whatever its token says.
//   - If every step is done, LongTask returns "completed all N steps" and a
//     nil error, as it does now.
//
// The tests cancel the token at many instants on the virtual clock of
// testing/synctest, and compare the lines written, the result, the error and
// the instant LongTask returns with the above.
package checktoken

import (
	"errors"
	"sync/atomic"
	"time"
)

// StepDuration is how long one step works.
const StepDuration = 10 * time.Millisecond

// ErrCancelled is what errors.Is must find in a cancelled task's error.
var ErrCancelled = errors.New("cancelled")

// Token is a cancellation flag.
type Token struct{ cancelled atomic.Bool }

// Cancel sets the flag.
func (t *Token) Cancel() { t.cancelled.Store(true) }

// IsCancelled reports whether Cancel has been called.
func (t *Token) IsCancelled() bool { return t.cancelled.Load() }
