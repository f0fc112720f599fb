package ctxversion

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"sync"
	"time"
)

// InterruptedError reports that the end of a context interrupted an
// operation that cannot watch a context itself: a Read blocked on a
// connection, a child process.
//
// Its message is "<Op> interrupted: <cause> (<Err>)", without the
// parenthesis if Err is nil (the operation had not started). It wraps the
// context's error, the cause given to context.WithCancelCause (if any)
// and the operation's own error, so errors.Is finds each of them:
// context.Canceled or context.DeadlineExceeded, your cause, and
// os.ErrDeadlineExceeded or the *exec.ExitError underneath.
type InterruptedError struct {
	Op     string // what was interrupted: "read", "process"
	Err    error  // the operation's own error; nil if it had not started
	CtxErr error  // ctx.Err() when the operation returned
	Cause  error  // context.Cause(ctx) when the operation returned
}

// Error returns "<Op> interrupted: <cause> (<Err>)".
func (e *InterruptedError) Error() string {
	if e.Err == nil {
		return fmt.Sprintf("%s interrupted: %v", e.Op, e.Cause)
	}
	return fmt.Sprintf("%s interrupted: %v (%v)", e.Op, e.Cause, e.Err)
}

// Unwrap returns the context's error, the cause if it is a different
// error, and the operation's own error if there is one.
func (e *InterruptedError) Unwrap() []error {
	errs := []error{e.CtxErr}
	if e.Cause != nil && e.Cause != e.CtxErr {
		errs = append(errs, e.Cause)
	}
	if e.Err != nil {
		errs = append(errs, e.Err)
	}
	return errs
}

func interrupted(ctx context.Context, op string, err error) error {
	return &InterruptedError{Op: op, Err: err, CtxErr: ctx.Err(), Cause: context.Cause(ctx)}
}

// InterruptReads makes the end of ctx interrupt every Read on conn, the one
// blocked now and any to come: when ctx is done it sets conn's read
// deadline to the present, so that Read returns an error wrapping
// os.ErrDeadlineExceeded. A context cannot wake a Read by itself; a
// deadline can, and net.Conn promises that it also wakes a Read already
// blocked.
//
// Call stop when the reads are over. It returns true if it stopped the
// interrupt before it happened. It returns false if the interrupt has
// happened, and then it waits until the deadline is set, so a caller that
// resets the deadline afterwards (conn.SetReadDeadline(time.Time{})) is
// not overtaken by a late interrupt. Only the first call has an effect,
// and every call returns what the first returned; stop is safe to call
// from multiple goroutines.
//
// After an interrupt the connection is still open: reset its read deadline
// and it reads again. Closing it instead (context.AfterFunc(ctx, func() {
// conn.Close() })) also wakes the Read, but ends the connection for good,
// and the Read's error (one wrapping net.ErrClosed on TCP,
// io.ErrClosedPipe on a net.Pipe) does not say why: ask ctx.Err().
func InterruptReads(ctx context.Context, conn net.Conn) (stop func() bool) {
	done := make(chan struct{})
	stopInterrupt := context.AfterFunc(ctx, func() {
		defer close(done)
		conn.SetReadDeadline(time.Now())
	})
	// context.AfterFunc's stop returns false both when f has started and
	// when f was already stopped: only the first call can tell them apart.
	return sync.OnceValue(func() bool {
		if stopInterrupt() {
			return true
		}
		<-done // the interrupt has started: let it finish
		return false
	})
}

// ReadContext reads from conn into p, as conn.Read does, but gives up when
// ctx is done, even in the middle of a Read that would block forever.
//
// If ctx is done before the call, it reads nothing and returns 0 and an
// *InterruptedError. If ctx ends while the Read is blocked, it returns what
// the Read returns (0 bytes) and an *InterruptedError with Op "read" whose
// Err is the Read's own error (a timeout wrapping os.ErrDeadlineExceeded),
// so errors.Is(err, context.Canceled), or DeadlineExceeded, or your cause,
// holds. A Read that completes with data is returned as it is, even if ctx
// ended meanwhile; and a deadline error that ctx did not cause (ctx not
// done) is returned as it is too.
//
// After an interrupt the read deadline of conn is in the past: to read on
// with another context, first call conn.SetReadDeadline(time.Time{}).
// ReadContext does not restore a deadline of your own, which it overwrote.
func ReadContext(ctx context.Context, conn net.Conn, p []byte) (int, error) {
	if ctx.Err() != nil {
		return 0, interrupted(ctx, "read", nil)
	}
	stop := InterruptReads(ctx, conn)
	n, err := conn.Read(p)
	if !stop() && errors.Is(err, os.ErrDeadlineExceeded) {
		return n, interrupted(ctx, "read", err)
	}
	return n, err
}
