package failfast

import (
	"bytes"
	"context"
	"errors"
	"reflect"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
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

// rounds is how many times the tests below run their story: which of the
// tasks' goroutines runs first after an instant is up to the scheduler,
// and a mistake that shows only in some orders shows in a few rounds.
const rounds = 100

// TestTheFailureWinsEveryRound: one task fails at 25ms, and eight others
// are cancelled by it and return context.Canceled at that same instant.
// Whatever the order in which their goroutines run, FirstError returns
// the failure, and each of the others saw it as the cause. The parent
// context gives the cancelled tasks every chance to run first (see
// drivenParent).
func TestTheFailureWinsEveryRound(t *testing.T) {
	for round := 1; round <= rounds && !t.Failed(); round++ {
		inBubble(t, func(t *testing.T) {
			parent, failing := newDrivenParent()
			ws := make([]watcher, 8)
			tasks := []func(context.Context) error{func(ctx context.Context) error {
				err := failsAfter25ms(ctx)
				failing()
				return err
			}}
			for i := range ws {
				tasks = append(tasks, ws[i].task)
			}
			err := FirstError(parent, tasks...)
			if err != errUnreachable {
				t.Errorf("round %d of %d: one task failed with %q at 25ms, and the eight it cancelled returned context.Canceled; FirstError returned %v; want the failure: record it before you cancel the others, or one of them may record its context.Canceled first"+hint, round, rounds, errUnreachable, err)
			}
			for i := range ws {
				if _, cause := ws[i].seen(); cause != errUnreachable {
					t.Errorf("round %d of %d: one task failed with %q, and a task it cancelled saw the cause %v; want the failure"+hint, round, rounds, errUnreachable, cause)
					break
				}
			}
		})
	}
}

var (
	errDiskFull = errors.New("orders: disk full")
	errTimeout  = errors.New("orders: upstream timed out")
)

// TestTwoFailuresAtOnce: two tasks fail at the same instant, 25ms, with
// different errors. Either may count as the first, but only one: the one
// FirstError returns is the cause that every cancelled task saw.
func TestTwoFailuresAtOnce(t *testing.T) {
	failWith := func(err error) func(context.Context) error {
		return func(context.Context) error {
			time.Sleep(25 * time.Millisecond)
			return err
		}
	}
	for round := 1; round <= rounds && !t.Failed(); round++ {
		inBubble(t, func(t *testing.T) {
			ws := make([]watcher, 4)
			tasks := []func(context.Context) error{failWith(errDiskFull), failWith(errTimeout)}
			for i := range ws {
				tasks = append(tasks, ws[i].task)
			}
			err := FirstError(context.Background(), tasks...)
			if err != errDiskFull && err != errTimeout {
				t.Errorf("round %d of %d: two tasks failed at 25ms, with %q and %q; FirstError returned %v; want one of the two"+hint, round, rounds, errDiskFull, errTimeout, err)
				return
			}
			for i := range ws {
				if _, cause := ws[i].seen(); cause != err {
					t.Errorf("round %d of %d: two tasks failed at the same instant; FirstError returned %q, and a task they cancelled saw the cause %v; want the same error: check that no error came first and record yours in one step, under the lock"+hint, round, rounds, err, cause)
					break
				}
			}
		})
	}
}

// A drivenParent is a parent context that drives the schedule the way
// that exposes a failure recorded after the cancel. When the tasks'
// context (its child) is cancelled after failing has been called, the
// context package asks the parent, on the goroutine that cancels, for its
// cancelCtx (Value), to remove the child from it: there, the parent lets
// every other goroutine of FirstError run until it waits for something
// (a mutex, a channel) or has returned, before the cancel returns.
type drivenParent struct {
	context.Context
	done  chan struct{} // never closed: a parent that could be cancelled
	armed atomic.Bool
	fired atomic.Bool
}

func newDrivenParent() (parent context.Context, failing func()) {
	p := &drivenParent{Context: context.Background(), done: make(chan struct{})}
	return p, func() { p.armed.Store(true) }
}

func (p *drivenParent) Done() <-chan struct{} { return p.done }

func (p *drivenParent) Value(key any) any {
	if p.armed.Load() && p.fired.CompareAndSwap(false, true) {
		letTheOthersRun()
	}
	return p.Context.Value(key)
}

// letTheOthersRun yields until every goroutine running FirstError's code,
// other than this one, is waiting or gone (or, for a goroutine that never
// waits, until it has had many chances).
func letTheOthersRun() {
	first := runtime.FuncForPC(reflect.ValueOf(FirstError).Pointer()).Name()
	self := make([]byte, 64)
	self = self[:runtime.Stack(self, false)]
	me, _, _ := bytes.Cut(self, []byte(" ["))
	buf := make([]byte, 1<<20)
	for range 10000 {
		runtime.Gosched()
		buf = buf[:cap(buf)]
		buf = buf[:runtime.Stack(buf, true)]
		moving := false
		for _, g := range strings.Split(string(buf), "\n\n") {
			header, _, _ := strings.Cut(g, "\n")
			if !strings.Contains(g, first) || strings.HasPrefix(header, string(me)+" [") {
				continue
			}
			_, state, _ := strings.Cut(header, "[")
			state, _, _ = strings.Cut(state, "]")
			state, _, _ = strings.Cut(state, ",")
			if state == "running" || state == "runnable" || strings.Contains(state, "GC") || strings.Contains(state, "preempted") {
				moving = true
				break
			}
		}
		if !moving {
			return
		}
	}
}

type valueKey struct{}

// TestTheParentsValuesAndDeadline gives FirstError a ctx that carries a
// value and a deadline: the tasks' context, a child of ctx, has both.
func TestTheParentsValuesAndDeadline(t *testing.T) {
	inBubble(t, func(t *testing.T) {
		const want = "request 42"
		deadline := time.Now().Add(time.Second)
		parent, cancel := context.WithDeadline(context.WithValue(context.Background(), valueKey{}, want), deadline)
		defer cancel()
		var w watcher
		if err := FirstError(parent, w.task); err != nil {
			t.Fatalf("one task of 100ms, with a second to go: FirstError returned %v; want nil"+hint, err)
		}
		ctx, _ := w.seen()
		if got := ctx.Value(valueKey{}); got != want {
			t.Errorf("ctx carried the value %q, and the tasks' context has %v; want the same: the tasks' context is a child of ctx, not of context.Background"+hint, want, got)
		}
		if got, ok := ctx.Deadline(); !ok || !got.Equal(deadline) {
			t.Errorf("ctx had a deadline 1s away, and the tasks' context has the deadline %v (set: %v); want ctx's: the tasks' context is a child of ctx, not of context.Background"+hint, got, ok)
		}
	})
}

// TestNoTasks calls FirstError with no task at all: nothing can fail, so
// it returns nil at once.
func TestNoTasks(t *testing.T) {
	inBubble(t, func(t *testing.T) {
		start := time.Now()
		returned := make(chan error, 1)
		go func() { returned <- FirstError(context.Background()) }()
		select {
		case err := <-returned:
			if took := time.Since(start); err != nil || took != 0 {
				t.Errorf("no tasks: FirstError returned %v after %v; want nil at once"+hint, err, took)
			}
		case <-time.After(time.Second):
			t.Errorf("no tasks: FirstError had not returned a second later; want nil at once: there is no task to wait for" + hint)
		}
	})
}
