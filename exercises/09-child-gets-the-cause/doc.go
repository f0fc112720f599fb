// Package childcause is the exercise of lesson 9, "Building a real token".
//
// This Token has children, but it gets two things wrong. A child cancelled
// through its parent reports ErrCancelled instead of the parent's cause,
// and a child made from an already cancelled token starts uncancelled.
// Fix Child and cancelChildren so that both follow the parent's cause.
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
