// Package std builds cooperative cancellation by hand, from sync/atomic and
// goroutines, the way the source lesson builds it in Rust from an
// Arc<AtomicBool>.
//
// A Token is a shared flag. The controller calls Cancel; each task calls
// IsCancelled at safe points (between steps, every CheckInterval items of a
// hot loop) and returns early when it is set. Nothing stops a task from the
// outside: cancellation is a request, and the task decides when to honour it.
//
// The rules of use:
//
//   - Share a Token by sharing its pointer. Every holder of the same *Token
//     sees the same flag, as every clone of a Rust Arc does. Copying a Token
//     value would split the flag in two; go vet's copylocks check reports
//     such copies.
//   - Check often enough: a task notices a cancel only at its next check, so
//     the time between checks bounds how late it stops.
//   - Report why you stopped: a cancelled task returns an error for which
//     errors.Is(err, ErrCancelled) holds, so callers can tell "stopped" from
//     "finished" and from "failed".
//
// A flag cannot wake a task that is sleeping or blocked; package ctxversion
// shows how context.Context and select do.
package std

import "sync/atomic"

// Token is a cancellation flag shared by a controller and its tasks.
//
// The zero Token is ready to use and not cancelled. A Token must not be
// copied after first use. All methods are safe to call from multiple
// goroutines at once.
type Token struct {
	cancelled atomic.Bool
}

// NewToken returns a new Token that is not cancelled.
func NewToken() *Token {
	return new(Token)
}

// Cancel sets the flag. Every later IsCancelled call, from any goroutine,
// reports true. Only the first call has an effect; later calls do nothing.
func (t *Token) Cancel() {
	t.cancelled.Store(true)
}

// IsCancelled reports whether Cancel has been called. It is a single atomic
// load, cheap enough to call in a hot loop.
func (t *Token) IsCancelled() bool {
	return t.cancelled.Load()
}
