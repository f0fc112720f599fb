// Package budget is the exercise of lesson 12, "Timeouts and deadlines".
//
// FetchWithin should give fetch at most d. As written it gives fetch all
// the time in the world. Make it run fetch with a context that has a
// deadline d from now, or the parent's deadline if that comes first, and
// that is cancelled when FetchWithin returns. A budget of 0 or less has
// run out already. Then:
//
//   - When the budget runs out, fetch's context ends with ErrTooSlow as its
//     cause, and the error returned wraps both what fetch returned and that
//     cause: errors.Is finds both context.DeadlineExceeded and ErrTooSlow
//     in it (or fetch's own error and ErrTooSlow, for a fetch that
//     returns an error of its own once the budget has run out).
//   - When ctx ends first, the error wraps what fetch returned and ctx's
//     cause, and does not blame the budget: errors.Is does not find
//     ErrTooSlow in it.
//   - When fetch fails on its own before its context has ended, its error
//     is returned as it is; when it succeeds, nil.
package budget

import "errors"

// ErrTooSlow is the cause of a fetch that ran out of its budget.
var ErrTooSlow = errors.New("fetch took longer than its budget")
