// Package std builds cooperative cancellation by hand, from sync/atomic,
// sync and goroutines, the way the source lesson builds it in Rust from an
// Arc<AtomicBool>, and then grows it into a real token: one that wakes
// waiters and has children, as tokio-util's CancellationToken does, and
// also says why it was cancelled and runs callbacks, as Go's own context
// does.
//
// A Token is a shared flag. The controller calls Cancel; each task calls
// IsCancelled at safe points (between steps, every CheckInterval items of a
// hot loop) and returns early when it is set. Nothing stops a task from the
// outside: cancellation is a request, and the task decides when to honour it.
// A task that waits can wait on Done instead, and is woken at once.
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
//     "finished" and from "failed". Cause says why the token was cancelled.
//   - Cancel every Child you make, when its work is done: a child that is
//     never cancelled stays registered with its parent until the parent is
//     cancelled, as a context.WithCancel whose cancel is never called does.
package std

import (
	"errors"
	"sync"
	"sync/atomic"
)

// ErrCancelled is the cause recorded by Cancel, and the error a task reports
// when it stops because its token was cancelled. Test for it with
// errors.Is.
var ErrCancelled = errors.New("cancelled")

// closedChan is the Done channel of every token cancelled before anyone
// asked for its channel.
var closedChan = func() chan struct{} {
	c := make(chan struct{})
	close(c)
	return c
}()

// Token is a cancellation flag shared by a controller and its tasks, with a
// channel that closes on cancel, a cause, children and callbacks.
//
// The zero Token is ready to use and not cancelled. A Token must not be
// copied after first use. All methods are safe to call from multiple
// goroutines at once.
type Token struct {
	// cancelled is set once, under mu, after cause. Every check of every
	// task reads it, perhaps in a hot loop on another core; so it has a
	// cache line of its own (of 64 bytes: see cacheLine), and the writes that the mutex and the fields
	// below see (each Child, OnCancel, Done's first call) do not evict it
	// from the pollers' caches (false sharing). BenchmarkPollUnderTraffic
	// measures what that buys.
	cancelled atomic.Bool
	_         [cacheLine - 4]byte

	// done is made on the first call of Done, under mu, and closed on
	// cancel; once made, Done reads it without the lock.
	done atomic.Pointer[chan struct{}]

	mu        sync.Mutex // protects the fields below
	cause     error      // set once, before cancelled; read without mu once cancelled is set
	parent    *Token     // nil once cancelled
	children  map[*Token]struct{}
	callbacks map[*callback]struct{}
}

// cacheLine is the size of a cache line on the machines the course is
// measured on: amd64. There a Token (120 bytes) is allocated in Go's
// 128-byte size class, so every Token starts on a 64-byte boundary and the
// flag's line holds the flag and its padding alone
// (TestFlagHasACacheLineOfItsOwn). On 128-byte lines (Apple's arm64 cores;
// Go's runtime pads to 128 bytes on arm64) the flag shares its line with
// the fields below it, and the padding buys less.
const cacheLine = 64

// NewToken returns a new Token that is not cancelled.
func NewToken() *Token {
	return new(Token)
}

// Cancel cancels t with the cause ErrCancelled. See CancelWithCause.
func (t *Token) Cancel() {
	t.CancelWithCause(ErrCancelled)
}

// CancelWithCause cancels t: it sets the flag, closes Done, cancels every
// child of t with the same cause, and starts the functions registered with
// OnCancel. Only the first call has an effect: the first cause wins. A nil
// cause is recorded as ErrCancelled. A token cancelled by itself is
// detached from its parent, which then no longer holds it.
func (t *Token) CancelWithCause(cause error) {
	if cause == nil {
		cause = ErrCancelled
	}
	t.cancel(cause, true)
}

// cancel does the work of CancelWithCause. detach says whether to remove t
// from its parent's children; a parent cancelling its children does not
// need that, since it drops them all.
func (t *Token) cancel(cause error, detach bool) {
	t.mu.Lock()
	if t.cancelled.Load() {
		t.mu.Unlock()
		return
	}
	t.cause = cause
	t.cancelled.Store(true)
	if d := t.done.Load(); d == nil {
		t.done.Store(&closedChan)
	} else {
		close(*d)
	}
	parent, children, callbacks := t.parent, t.children, t.callbacks
	t.parent, t.children, t.callbacks = nil, nil, nil
	t.mu.Unlock()

	// No lock is held from here on: children and callbacks may do anything,
	// including cancelling t's parent or making new tokens.
	if detach && parent != nil {
		parent.removeChild(t)
	}
	for child := range children {
		child.cancel(cause, false)
	}
	for cb := range callbacks {
		cb.start()
	}
}

func (t *Token) removeChild(child *Token) {
	t.mu.Lock()
	delete(t.children, child)
	t.mu.Unlock()
}

// IsCancelled reports whether t has been cancelled. It is a single atomic
// load, cheap enough to call in a hot loop.
func (t *Token) IsCancelled() bool {
	return t.cancelled.Load()
}

// Done returns a channel that is closed when t is cancelled, so a task can
// wait for its work and for the cancel in one select. Every call returns the
// same channel. The first call makes it, under the lock; every later call is
// one atomic load, as context's Done is.
func (t *Token) Done() <-chan struct{} {
	if d := t.done.Load(); d != nil {
		return *d // the fast path: no lock once the channel exists
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if d := t.done.Load(); d != nil {
		return *d // made by another goroutine since the load above
	}
	d := make(chan struct{})
	t.done.Store(&d)
	return d
}

// Cause returns why t was cancelled: the first cause given to
// CancelWithCause, ErrCancelled after Cancel, or the parent's cause if t was
// cancelled through its parent. It returns nil while t is not cancelled. It
// takes no lock: the cause is set before the flag, and never again.
func (t *Token) Cause() error {
	if !t.cancelled.Load() {
		return nil
	}
	return t.cause
}

// Child returns a new token that is cancelled when t is, with t's cause.
// Cancelling the child leaves t and the child's siblings alone. A child of
// a cancelled token starts cancelled.
func (t *Token) Child() *Token {
	child := new(Token)
	t.mu.Lock()
	if t.cancelled.Load() {
		cause := t.cause
		t.mu.Unlock()
		child.cancel(cause, false)
		return child
	}
	child.parent = t
	if t.children == nil {
		t.children = make(map[*Token]struct{})
	}
	t.children[child] = struct{}{}
	t.mu.Unlock()
	return child
}

// OnCancel arranges for f to run, once, in its own goroutine, after t is
// cancelled; at once if t is already cancelled. It works like
// context.AfterFunc.
//
// Calling stop prevents f from running if it has not started yet, and
// reports whether it did so: true means f will never run; false means f has
// started (or stop was already called). stop does not wait for f.
func (t *Token) OnCancel(f func()) (stop func() bool) {
	cb := &callback{f: f}
	t.mu.Lock()
	if t.cancelled.Load() {
		t.mu.Unlock()
		cb.start()
	} else {
		if t.callbacks == nil {
			t.callbacks = make(map[*callback]struct{})
		}
		t.callbacks[cb] = struct{}{}
		t.mu.Unlock()
	}
	return func() bool {
		t.mu.Lock()
		delete(t.callbacks, cb) // so a token that is never cancelled does not grow
		t.mu.Unlock()
		return cb.claimed.CompareAndSwap(false, true)
	}
}

// callback is a function registered with OnCancel. Whoever claims it first,
// the cancel (to run it) or stop (to prevent it), wins.
type callback struct {
	f       func()
	claimed atomic.Bool
}

func (cb *callback) start() {
	if cb.claimed.CompareAndSwap(false, true) {
		go cb.f()
	}
}
