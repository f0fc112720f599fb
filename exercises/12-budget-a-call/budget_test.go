package budget

import (
	"context"
	"errors"
	"testing"
	"testing/synctest"
	"time"
)

const hint = "\nHint: go run ./lessons hint 12"

var (
	errCallerGaveUp = errors.New("the caller gave up")
	errShutdown     = errors.New("server shutting down")
	errNotFound     = errors.New("report not found")
)

// A fetch records what FetchWithin gave it.
type fetch struct {
	start    time.Time
	ctx      context.Context
	deadline time.Duration // since start, when ctx has one
	hasDL    bool
}

func newFetch() *fetch { return &fetch{start: time.Now()} }

func (f *fetch) record(ctx context.Context) {
	f.ctx = ctx
	var dl time.Time
	dl, f.hasDL = ctx.Deadline()
	f.deadline = dl.Sub(f.start)
}

// slow takes 100ms unless its context ends first; then it returns its
// context's error.
func (f *fetch) slow(ctx context.Context) error {
	f.record(ctx)
	select {
	case <-time.After(100 * time.Millisecond):
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// notFound fails on its own after 5ms.
func (f *fetch) notFound(ctx context.Context) error {
	f.record(ctx)
	time.Sleep(5 * time.Millisecond)
	return errNotFound
}

// check reports what FetchWithin gave fetch, if it is not a context with
// the deadline want that FetchWithin cancelled before it returned.
func (f *fetch) check(t *testing.T, what string, want time.Duration) {
	t.Helper()
	if f.ctx == nil {
		t.Fatalf("%s: FetchWithin never called fetch; want it called"+hint, what)
	}
	switch {
	case !f.hasDL:
		t.Errorf("%s: fetch's context had no deadline; want one %v after the call"+hint, what, want)
	case f.deadline != want:
		t.Errorf("%s: fetch's context had a deadline %v after the call; want %v after it"+hint, what, f.deadline, want)
	}
	if f.ctx.Err() == nil {
		t.Errorf("%s: FetchWithin returned, and the context it gave fetch was still live; want it cancelled by the time FetchWithin returns"+hint, what)
	}
}

func TestBudgetRunsOut(t *testing.T) {
	tests := []struct {
		what   string
		budget time.Duration
	}{
		{"a 100ms fetch with a 30ms budget", 30 * time.Millisecond},
		{"a 100ms fetch with a budget of 0: no time at all", 0},
		{"a 100ms fetch with a budget of -1s: no time at all", -time.Second},
	}
	for _, tt := range tests {
		synctest.Test(t, func(t *testing.T) {
			what := tt.what
			f := newFetch()
			err := FetchWithin(context.Background(), tt.budget, f.slow)
			if took, want := time.Since(f.start), max(tt.budget, 0); took != want {
				t.Errorf("%s returned after %v; want %v"+hint, what, took, want)
			}
			if !errors.Is(err, ErrTooSlow) || !errors.Is(err, context.DeadlineExceeded) {
				t.Errorf("%s returned the error %v; want one in which errors.Is finds both ErrTooSlow and context.DeadlineExceeded"+hint, what, err)
			}
			f.check(t, what, tt.budget)
			if f.ctx != nil && context.Cause(f.ctx) != ErrTooSlow {
				t.Errorf("%s: the cause of fetch's context is %v; want ErrTooSlow"+hint, what, context.Cause(f.ctx))
			}
		})
	}
}

// TestDoneAtTheBudget has fetch succeed at the very instant its budget
// runs out: by the time it returns, its context has ended, but it did
// its work, and a fetch that succeeds is a success.
func TestDoneAtTheBudget(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		const what = "a fetch that succeeds after exactly 30ms, with a 30ms budget"
		f := newFetch()
		err := FetchWithin(context.Background(), 30*time.Millisecond, func(ctx context.Context) error {
			f.record(ctx)
			time.Sleep(30 * time.Millisecond)
			synctest.Wait() // the budget's timer has fired too: ctx has ended
			return nil
		})
		if err != nil {
			t.Errorf("%s: FetchWithin returned %v; want nil: fetch succeeded, even if its context ended at that instant"+hint, what, err)
		}
		f.check(t, what, 30*time.Millisecond)
	})
}

func TestAShorterParentWins(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		const what = "a parent with 10ms left (cause: the caller gave up), a 30ms budget, a 100ms fetch"
		parent, cancel := context.WithTimeoutCause(context.Background(), 10*time.Millisecond, errCallerGaveUp)
		defer cancel()
		f := newFetch()
		err := FetchWithin(parent, 30*time.Millisecond, f.slow)
		if took := time.Since(f.start); took != 10*time.Millisecond {
			t.Errorf("%s: FetchWithin returned after %v; want 10ms"+hint, what, took)
		}
		if errors.Is(err, ErrTooSlow) {
			t.Errorf("%s: FetchWithin returned %v; want an error that does not blame the budget: the parent's deadline came first"+hint, what, err)
		}
		if !errors.Is(err, errCallerGaveUp) || !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("%s: FetchWithin returned %v; want an error in which errors.Is finds both context.DeadlineExceeded and the parent's cause"+hint, what, err)
		}
		f.check(t, what, 10*time.Millisecond)
	})
}

func TestTheParentIsCancelled(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		const what = "a parent cancelled after 5.5ms (cause: server shutting down), a 30ms budget, a 100ms fetch"
		const at = 5*time.Millisecond + 500*time.Microsecond
		parent, cancel := context.WithCancelCause(context.Background())
		defer cancel(nil)
		time.AfterFunc(at, func() { cancel(errShutdown) })
		f := newFetch()
		err := FetchWithin(parent, 30*time.Millisecond, f.slow)
		if took := time.Since(f.start); took != at {
			t.Errorf("%s: FetchWithin returned after %v; want %v"+hint, what, took, at)
		}
		if errors.Is(err, ErrTooSlow) {
			t.Errorf("%s: FetchWithin returned %v; want an error that does not blame the budget: the parent was cancelled"+hint, what, err)
		}
		if !errors.Is(err, errShutdown) || !errors.Is(err, context.Canceled) {
			t.Errorf("%s: FetchWithin returned %v; want an error in which errors.Is finds both context.Canceled and the parent's cause"+hint, what, err)
		}
		f.check(t, what, 30*time.Millisecond)
	})
}

func TestFastEnough(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		const what = "a 100ms fetch with a 1s budget"
		f := newFetch()
		err := FetchWithin(context.Background(), time.Second, f.slow)
		if err != nil {
			t.Errorf("%s returned %v; want nil"+hint, what, err)
		}
		if took := time.Since(f.start); took != 100*time.Millisecond {
			t.Errorf("%s returned after %v; want 100ms"+hint, what, took)
		}
		f.check(t, what, time.Second)
	})
}

func TestFailsOnItsOwn(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		const what = "a fetch that fails with \"report not found\" after 5ms, with a 30ms budget"
		f := newFetch()
		err := FetchWithin(context.Background(), 30*time.Millisecond, f.notFound)
		if err != errNotFound {
			t.Errorf("%s: FetchWithin returned %v; want fetch's own error as it is: the budget had not run out"+hint, what, err)
		}
		f.check(t, what, 30*time.Millisecond)
	})
}

// TestLateWithAnErrorOfItsOwn: a fetch that pays no heed to its context
// and fails with an error of its own after 50ms, with a 30ms budget: the
// budget ran out first, so the error says so too.
func TestLateWithAnErrorOfItsOwn(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		const what = "a fetch that ignores its context and fails with \"report not found\" after 50ms, with a 30ms budget"
		f := newFetch()
		err := FetchWithin(context.Background(), 30*time.Millisecond, func(ctx context.Context) error {
			f.record(ctx)
			time.Sleep(50 * time.Millisecond)
			return errNotFound
		})
		if !errors.Is(err, errNotFound) || !errors.Is(err, ErrTooSlow) {
			t.Errorf("%s: FetchWithin returned %v; want an error in which errors.Is finds both fetch's error and ErrTooSlow: the budget had run out"+hint, what, err)
		}
		f.check(t, what, 30*time.Millisecond)
	})
}
