package failfast

import (
	"context"
	"errors"
	"sync"
	"testing"
	"testing/synctest"
	"time"
)

const hint = "\nHint: go run ./lessons hint 14"

// inBubble runs f in a synctest bubble, as synctest.Test does. If the
// test then fails with synctest's report of goroutines left behind, which
// ends the test with a panic, it says what that means.
func inBubble(t *testing.T, f func(*testing.T)) {
	returned := false
	t.Cleanup(func() {
		if !returned && !t.Failed() {
			t.Log("the test fails with \"deadlock: main bubble goroutine has exited but blocked goroutines remain\": goroutines started by your code were still waiting when the test ended, leaked (the stacks below show where they wait); want every goroutine to have returned" + hint)
		}
	})
	synctest.Test(t, f)
	returned = true
}

var (
	errUnreachable = errors.New("orders: database unreachable")
	errShutdown    = errors.New("server shutting down")
)

func failsAfter25ms(ctx context.Context) error {
	time.Sleep(25 * time.Millisecond)
	return errUnreachable
}

// slow takes 100ms, unless its context ends first: then it returns its
// context's error, context.Canceled.
func slow(ctx context.Context) error {
	select {
	case <-time.After(100 * time.Millisecond):
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// stubborn ignores its context and takes 50ms.
func stubborn(ctx context.Context) error {
	time.Sleep(50 * time.Millisecond)
	return nil
}

// A watcher is a slow task that records the context it was given and the
// cause it saw if that context ended (nil if it did not).
type watcher struct {
	mu    sync.Mutex
	ctx   context.Context
	cause error
}

func (w *watcher) task(ctx context.Context) error {
	w.mu.Lock()
	w.ctx = ctx
	w.mu.Unlock()
	err := slow(ctx)
	if err != nil {
		w.mu.Lock()
		w.cause = context.Cause(ctx)
		w.mu.Unlock()
	}
	return err
}

func (w *watcher) seen() (context.Context, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.ctx, w.cause
}

func TestTheFirstFailureStopsTheOthers(t *testing.T) {
	inBubble(t, func(t *testing.T) {
		var w watcher
		start := time.Now()
		err := FirstError(context.Background(), slow, failsAfter25ms, w.task, slow)
		if took := time.Since(start); took != 25*time.Millisecond {
			t.Errorf("one task failed at 25ms, and FirstError returned after %v; want 25ms: the failure must cancel the others"+hint, took)
		}
		if err != errUnreachable {
			t.Errorf("one task failed with %q, and the others then returned context.Canceled; FirstError returned %v; want the first failure"+hint, errUnreachable, err)
		}
		if _, cause := w.seen(); cause != nil && cause != errUnreachable {
			t.Errorf("one task failed with %q, and another saw its context end with cause %v; want the failure as the cause"+hint, errUnreachable, cause)
		}
	})
}

func TestWaitForEveryTask(t *testing.T) {
	inBubble(t, func(t *testing.T) {
		start := time.Now()
		err := FirstError(context.Background(), failsAfter25ms, stubborn, slow)
		if took := time.Since(start); took != 50*time.Millisecond {
			t.Errorf("one task failed at 25ms, another ignored its context and returned at 50ms, and FirstError returned after %v; want 50ms: cancelled is not finished, wait for every task"+hint, took)
		}
		if err != errUnreachable {
			t.Errorf("FirstError returned %v; want the first failure, %q"+hint, err, errUnreachable)
		}
	})
}

func TestTheParentIsCancelled(t *testing.T) {
	inBubble(t, func(t *testing.T) {
		const at = 10*time.Millisecond + 500*time.Microsecond
		parent, cancel := context.WithCancelCause(context.Background())
		defer cancel(nil)
		time.AfterFunc(at, func() { cancel(errShutdown) })
		var w watcher
		start := time.Now()
		err := FirstError(parent, slow, w.task)
		if took := time.Since(start); took != at {
			t.Errorf("the parent context was cancelled at %v, and FirstError returned after %v; want %v: the tasks' context is a child of ctx"+hint, at, took, at)
		}
		if !errors.Is(err, context.Canceled) {
			t.Errorf("the parent context was cancelled, the tasks returned context.Canceled, and FirstError returned %v; want context.Canceled"+hint, err)
		}
		if _, cause := w.seen(); cause != nil && cause != errShutdown {
			t.Errorf("the parent context was cancelled with cause %q, and a task saw cause %v; want the parent's"+hint, errShutdown, cause)
		}
	})
}

func TestAllSucceed(t *testing.T) {
	inBubble(t, func(t *testing.T) {
		var w watcher
		start := time.Now()
		if err := FirstError(context.Background(), slow, w.task); err != nil {
			t.Errorf("two successful tasks: FirstError returned %v; want nil"+hint, err)
		}
		if took := time.Since(start); took != 100*time.Millisecond {
			t.Errorf("two tasks of 100ms: FirstError returned after %v; want 100ms"+hint, took)
		}
		if ctx, _ := w.seen(); ctx == nil || ctx.Err() == nil {
			t.Errorf("two successful tasks: FirstError returned, and the context it gave them was still live; want it cancelled by the time FirstError returns" + hint)
		}
	})
}
