package ctxversion_test

import (
	"context"
	"errors"
	"os"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"example.com/cancellation/ctxversion"
)

// The misuses a user tries with the stop functions the lessons offer as
// patterns: calling them twice, from several goroutines at once, and after
// the context has ended. Each must return (none may wait for ever), and
// say the same as the first call where its doc says so.

// callConcurrently calls f from n goroutines at once, and returns what
// each returned; inside a bubble, it fails if any call blocks for good.
func callConcurrently[T any](t *testing.T, n int, f func() T) []T {
	t.Helper()
	results := make([]T, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() { results[i] = f() })
	}
	wg.Wait()
	return results
}

func TestExitAfterStopMisuse(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		// Stopped before the deadline, three times at once, then again.
		ctx, cancel := context.WithCancel(t.Context())
		exited := 0
		stop := ctxversion.ExitAfter(ctx, 10*time.Millisecond, func() { exited++ })
		cancel()
		for _, got := range callConcurrently(t, 3, stop) {
			if !got {
				t.Error("a stop before the deadline = false, want true")
			}
		}
		if !stop() {
			t.Error("a later stop = false, want true: exit was never called")
		}
		time.Sleep(time.Second)
		if exited != 0 {
			t.Errorf("exit called %d times after stop", exited)
		}

		// Stopped after exit: every call says so.
		ctx, cancel = context.WithCancel(t.Context())
		stop = ctxversion.ExitAfter(ctx, 10*time.Millisecond, func() { exited++ })
		cancel()
		time.Sleep(20 * time.Millisecond)
		synctest.Wait()
		for _, got := range callConcurrently(t, 3, stop) {
			if got {
				t.Error("a stop after exit = true, want false")
			}
		}
		if exited != 1 {
			t.Errorf("exit called %d times, want 1", exited)
		}
	})
}

func TestAnyOfCancelMisuse(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		a, cancelA := context.WithCancel(t.Context())
		b, cancelB := context.WithCancelCause(t.Context())
		ctx, cancel := ctxversion.AnyOf(a, b)
		cancelB(os.ErrDeadlineExceeded)
		synctest.Wait()
		callConcurrently(t, 3, func() struct{} { cancel(); return struct{}{} })
		cancel()
		if got := context.Cause(ctx); !errors.Is(got, os.ErrDeadlineExceeded) {
			t.Errorf("cause after b ended, then cancel three times at once and again: %v, want b's cause", got)
		}
		cancelA()
	})
}

func TestNotifyStopsMisuse(t *testing.T) {
	ctx, stop := ctxversion.NotifyOnce(t.Context(), os.Interrupt)
	callConcurrently(t, 3, func() struct{} { stop(); return struct{}{} })
	stop()
	if !errors.Is(context.Cause(ctx), context.Canceled) {
		t.Errorf("NotifyOnce's cause after stop = %v, want context.Canceled", context.Cause(ctx))
	}

	parent, cancelParent := context.WithCancel(t.Context())
	stopCtx, hurry, release := ctxversion.NotifyTwice(parent, os.Interrupt)
	cancelParent() // the parent ends first: stop is done, hurry is not
	<-stopCtx.Done()
	if hurry.Err() != nil {
		t.Errorf("hurry ended with its parent: %v", context.Cause(hurry))
	}
	callConcurrently(t, 3, func() struct{} { release(); return struct{}{} })
	release()
	if !errors.Is(context.Cause(hurry), context.Canceled) {
		t.Errorf("NotifyTwice's hurry after release = %v, want context.Canceled", context.Cause(hurry))
	}
}

// TestPoolWithNoWorkers: a Pool's zero number of workers runs nothing,
// and Run still returns at the stop.
func TestPoolWithNoWorkers(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		stop, cancel := context.WithTimeout(t.Context(), 10*time.Millisecond)
		defer cancel()
		got := ctxversion.Pool{}.Run(stop, context.Background())
		if got != (ctxversion.Summary{}) {
			t.Errorf("a Pool with no workers: %+v, want nothing accepted", got)
		}
	})
}
