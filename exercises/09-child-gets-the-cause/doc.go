// Package childcause is the exercise of lesson 9, "Building a real token".
//
// This Token has children, but it gets two things wrong. A child cancelled
// through its parent reports ErrCancelled instead of the parent's cause,
// and a child made from an already cancelled token starts uncancelled.
// Fix Child and cancelChildren so that both follow the parent's cause:
//
//   - When a token is cancelled with a cause, every child, grandchild and
//     so on has that cause by the time CancelWithCause returns, except one
//     already cancelled with a cause of its own, which keeps it (the first
//     cause wins) and passes it down to its own children.
//   - Child of a cancelled token returns a new token that is already
//     cancelled with the parent's cause. The parent does not keep it among
//     its children: nothing would ever cancel it through them.
//   - Child and CancelWithCause may be called at the same time from
//     different goroutines: look at the parent's cause and children only
//     while holding its lock (the tests run under the race detector), so
//     that a child made during the cancel either is among the children the
//     cancel walks or sees the parent cancelled. Either way it ends with the
//     parent's cause.
//   - Cancelling a child leaves its parent and its siblings alone.
package childcause

import (
	"errors"
	"sync"
)

// ErrCancelled is the cause recorded by Cancel.
var ErrCancelled = errors.New("cancelled")

// Token is a cancellation token with children and a cause.
type Token struct {
	mu       sync.Mutex
	cause    error // nil until cancelled
	children map[*Token]struct{}
}

// Cancel cancels t with ErrCancelled.
func (t *Token) Cancel() { t.CancelWithCause(ErrCancelled) }

// CancelWithCause cancels t and its children. The first cause wins.
func (t *Token) CancelWithCause(cause error) {
	t.mu.Lock()
	if t.cause != nil {
		t.mu.Unlock()
		return
	}
	t.cause = cause
	children := t.children
	t.children = nil
	t.mu.Unlock()
	cancelChildren(children, cause)
}

// Cause returns why t was cancelled, or nil.
func (t *Token) Cause() error {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.cause
}
