package ctxversion

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"sync"
	"time"
)

// SignalError is the cause of a context that a signal ended, in
// NotifyOnce and NotifyTwice. Its message is the one signal.NotifyContext
// gives its own cause since Go 1.26, such as "interrupt signal received";
// unlike that one, whose type is unexported, it says which signal it was
// (errors.As). As for NotifyContext's cause, errors.Is(err,
// context.Canceled) is true.
type SignalError struct {
	Signal os.Signal
}

// Error returns "<signal> signal received", as in "terminated signal
// received" for SIGTERM.
func (e *SignalError) Error() string { return e.Signal.String() + " signal received" }

// Is reports whether target is context.Canceled: a signal cancelled the
// context.
func (e *SignalError) Is(target error) bool { return target == context.Canceled }

// NotifyOnce is signal.NotifyContext for a program that shuts down at the
// first of sigs and lets a second one kill it. The returned context is
// done at the first signal, with a *SignalError as its cause, or when
// parent is done, or stop is called. At the first signal NotifyOnce stops
// catching sigs before it marks the context done: whoever sees ctx done
// can count on the next signal having its default effect, which for
// SIGINT (Ctrl-C) and SIGTERM is to end the process at once. So an
// impatient user's second Ctrl-C works, however long the shutdown takes.
//
// signal.NotifyContext keeps catching the signals until its stop is
// called: a program that calls stop only when main returns (defer stop())
// swallows every signal that comes during its shutdown. Calling stop at
// once when the context is done (context.AfterFunc(ctx, stop)) leaves a
// moment in which a second signal is still swallowed; NotifyOnce has none.
//
// Another channel given the same signals with signal.Notify keeps catching
// them; with no sigs at all, NotifyOnce catches every signal, as
// signal.Notify does. Call stop when the work is done; it is safe to call
// from multiple goroutines, and more than once.
func NotifyOnce(parent context.Context, sigs ...os.Signal) (ctx context.Context, stop context.CancelFunc) {
	ctx, cancel := context.WithCancelCause(parent)
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, sigs...)
	go func() {
		select {
		case sig := <-ch:
			signal.Stop(ch) // first: the next signal has its default effect
			cancel(&SignalError{Signal: sig})
		case <-ctx.Done():
			signal.Stop(ch)
		}
	}()
	return ctx, func() {
		signal.Stop(ch)
		cancel(context.Canceled)
	}
}

// NotifyTwice is for a program that shuts down gracefully at the first of
// sigs and hurries at the second: stop is done at the first signal, or when
// parent is done; hurry at the second signal, with a cause that wraps
// ErrHurried and the *SignalError. They fit Pool.Run(stop, hurry).
// Parent's end does not hurry.
//
// From the call until the second signal, NotifyTwice catches sigs, so
// neither signal ends the process; after the second it stops catching
// them, so a third has its default effect (for SIGINT and SIGTERM: the
// process ends). Work that ignores its cancellation can still hold the
// program up: bound the shutdown with ExitAfter.
//
// Call release when the work is done: it stops catching the signals and
// ends both contexts (cause context.Canceled) if they are not done yet.
// It is safe to call from multiple goroutines; only the first call has an
// effect.
func NotifyTwice(parent context.Context, sigs ...os.Signal) (stop, hurry context.Context, release func()) {
	stop, cancelStop := context.WithCancelCause(parent)
	hurry, cancelHurry := context.WithCancelCause(context.WithoutCancel(parent))
	ch := make(chan os.Signal, 2)
	signal.Notify(ch, sigs...)
	released := make(chan struct{})
	go func() {
		select {
		case sig := <-ch:
			cancelStop(&SignalError{Signal: sig})
		case <-released:
			return
		}
		select {
		case sig := <-ch:
			signal.Stop(ch) // first: a third signal has its default effect
			cancelHurry(fmt.Errorf("%w: %w", ErrHurried, &SignalError{Signal: sig}))
		case <-released:
		}
	}()
	var once sync.Once
	return stop, hurry, func() {
		once.Do(func() {
			signal.Stop(ch)
			close(released)
			cancelStop(context.Canceled)
			cancelHurry(context.Canceled)
		})
	}
}

// ExitAfter calls exit if d passes after ctx is done and stop has not been
// called by then: the hard deadline of a shutdown, for work that ignores
// its cancellation. A program's main calls it with the context its signal
// handling ends, and os.Exit(1) in exit, and calls stop when its shutdown
// has finished:
//
//	ctx, stopSignals := ctxversion.NotifyOnce(context.Background(), os.Interrupt)
//	defer stopSignals()
//	defer ctxversion.ExitAfter(ctx, 10*time.Second, func() { os.Exit(1) })()
//
// exit runs on a goroutine of its own. stop returns true if it stopped
// exit from being called, false if exit has been called (it may still be
// running). stop is safe to call from multiple goroutines. While it waits
// for a ctx of the context package, ExitAfter has no goroutine running;
// for a Context of another kind without an AfterFunc method,
// context.AfterFunc starts one at once, which waits for ctx's Done until
// stop is called.
func ExitAfter(ctx context.Context, d time.Duration, exit func()) (stop func() bool) {
	var (
		mu      sync.Mutex // guards the following
		stopped bool
		fired   bool
		timer   *time.Timer
	)
	stopWatch := context.AfterFunc(ctx, func() {
		mu.Lock()
		defer mu.Unlock()
		if stopped {
			return
		}
		timer = time.AfterFunc(d, func() {
			mu.Lock()
			fire := !stopped
			fired = fire
			mu.Unlock()
			if fire {
				exit()
			}
		})
	})
	return func() bool {
		stopWatch()
		mu.Lock()
		defer mu.Unlock()
		if fired {
			return false
		}
		stopped = true
		if timer != nil {
			timer.Stop()
		}
		return true
	}
}
