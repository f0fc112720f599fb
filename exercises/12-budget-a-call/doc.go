// Package budget is the exercise of lesson 12, "Timeouts and deadlines".
//
// FetchWithin should give fetch at most d, and say so when it ran out: the
// error must satisfy both errors.Is(err, ErrTooSlow) and
// errors.Is(err, context.DeadlineExceeded). As written it gives fetch all
// the time in the world. A parent with less time left than d still wins.
package budget

import "errors"

// ErrTooSlow is the cause of a fetch that ran out of its budget.
var ErrTooSlow = errors.New("fetch took longer than its budget")
