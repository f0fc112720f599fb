// Package checktoken is the exercise of lesson 3, "Checking between steps".
//
// LongTask does its steps without ever looking at its token. Make it check
// the token before each step and, when it is cancelled, return at once
// with an error whose message is "cancelled at step N" (N the step not
// done) and for which errors.Is(err, ErrCancelled) holds.
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
