package anyof

import (
	"context"
	"errors"
	"sync"
	"testing"
	"testing/synctest"
	"time"
)

const hint = "\nHint: go run ./lessons hint 13"

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
	errShutdown  = errors.New("server shutting down")
	errLoggedOut = errors.New("user logged out")
)

// endsAt is an instant off any round grid: a context that is polled, not
// watched, is seen done later than that.
const endsAt = 5*time.Millisecond + 500*time.Microsecond

// doneAfter waits up to a second for ctx to be done, and returns how long
// that took, or false if it never was.
func doneAfter(ctx context.Context) (time.Duration, bool) {
	start := time.Now()
	select {
	case <-ctx.Done():
		return time.Since(start), true
	case <-time.After(time.Second):
		return 0, false
	}
}

// checkEnded checks that ctx was done after endsAt, with want as its cause.
func checkEnded(t *testing.T, which string, ctx context.Context, want error) {
	t.Helper()
	took, done := doneAfter(ctx)
	switch {
	case !done:
		t.Fatalf("the %s context ended after %v, and AnyOf's context was still live a second later; want it done as soon as either is"+hint, which, endsAt)
	case took != endsAt:
		t.Errorf("the %s context ended after %v, and AnyOf's context was done after %v; want it done at that instant (a watch wakes; a poll is late)"+hint, which, endsAt, took)
	}
	if got := context.Cause(ctx); got != want {
		t.Errorf("the %s context ended with cause %q, and AnyOf's context has cause %v; want the same cause"+hint, which, want, got)
	}
}

func TestTheSecondEndsIt(t *testing.T) {
	inBubble(t, func(t *testing.T) {
		session, logout := context.WithCancelCause(context.Background())
		defer logout(nil)
		server, shutdown := context.WithCancelCause(context.Background())
		time.AfterFunc(endsAt, func() { shutdown(errShutdown) })
		ctx, cancel := AnyOf(session, server)
		defer cancel()
		checkEnded(t, "second", ctx, errShutdown)
	})
}

func TestTheFirstEndsIt(t *testing.T) {
	inBubble(t, func(t *testing.T) {
		session, logout := context.WithCancelCause(context.Background())
		time.AfterFunc(endsAt, func() { logout(errLoggedOut) })
		server, shutdown := context.WithCancelCause(context.Background())
		defer shutdown(nil)
		ctx, cancel := AnyOf(session, server)
		defer cancel()
		checkEnded(t, "first", ctx, errLoggedOut)
	})
}

type valueKey struct{}

// TestTheFirstsValuesAndDeadline: a carries a value and a deadline, and
// AnyOf's context has both, as a child of a has.
func TestTheFirstsValuesAndDeadline(t *testing.T) {
	inBubble(t, func(t *testing.T) {
		const want = "request 42"
		deadline := time.Now().Add(time.Hour)
		session, logout := context.WithDeadline(context.WithValue(context.Background(), valueKey{}, want), deadline)
		defer logout()
		server, shutdown := context.WithCancel(context.Background())
		defer shutdown()
		ctx, cancel := AnyOf(session, server)
		defer cancel()
		if got := ctx.Value(valueKey{}); got != want {
			t.Errorf("the first context carries the value %q, and AnyOf's context has %v; want the same: AnyOf's context carries the first's values"+hint, want, got)
		}
		if got, ok := ctx.Deadline(); !ok || !got.Equal(deadline) {
			t.Errorf("the first context has a deadline an hour away, and AnyOf's context has the deadline %v (set: %v); want the first's"+hint, got, ok)
		}
	})
}

func TestTheSecondHadEndedAlready(t *testing.T) {
	inBubble(t, func(t *testing.T) {
		server, shutdown := context.WithCancelCause(context.Background())
		shutdown(errShutdown)
		ctx, cancel := AnyOf(context.Background(), server)
		defer cancel()
		synctest.Wait()
		if got := context.Cause(ctx); ctx.Err() == nil || got != errShutdown {
			t.Errorf("the second context had ended (cause %q) before AnyOf was called, and AnyOf's context has Err() = %v, cause %v; want it done at once, with that cause"+hint, errShutdown, ctx.Err(), got)
		}
	})
}

func TestNeitherEnds(t *testing.T) {
	inBubble(t, func(t *testing.T) {
		session, logout := context.WithCancel(context.Background())
		defer logout()
		server, shutdown := context.WithCancel(context.Background())
		defer shutdown()
		ctx, cancel := AnyOf(session, server)
		time.Sleep(time.Second)
		if ctx.Err() != nil {
			t.Fatalf("neither context ended, and after a second AnyOf's context is done (%v); want it live"+hint, context.Cause(ctx))
		}
		cancel()
		if ctx.Err() != context.Canceled {
			t.Errorf("AnyOf's cancel function returned, and its context has Err() = %v; want context.Canceled: cancel must cancel it"+hint, ctx.Err())
		}
	})
}

// watched is a context whose Done channel is its own, not one of the
// context package's: watching it takes a goroutine. Once ended, it
// records whether anything still asked it why.
type watched struct {
	context.Context // Background, for Deadline and Value
	done            chan struct{}
	mu              sync.Mutex
	ended           bool
	asked           int // calls to Err or Value once ended
}

func newWatched() *watched { return &watched{Context: context.Background(), done: make(chan struct{})} }

func (w *watched) Done() <-chan struct{} { return w.done }

func (w *watched) Err() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.ended {
		w.asked++
		return context.Canceled
	}
	return nil
}

func (w *watched) Value(key any) any {
	w.mu.Lock()
	if w.ended {
		w.asked++
	}
	w.mu.Unlock()
	return w.Context.Value(key)
}

func (w *watched) end() {
	w.mu.Lock()
	w.ended = true
	w.mu.Unlock()
	close(w.done)
}

func (w *watched) timesAsked() int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.asked
}

// TestCancelStopsTheWatch ends the second context after AnyOf's cancel has
// returned: nothing may be left watching it by then.
func TestCancelStopsTheWatch(t *testing.T) {
	inBubble(t, func(t *testing.T) {
		server := newWatched()
		_, cancel := AnyOf(context.Background(), server)
		cancel()
		synctest.Wait()
		server.end()
		synctest.Wait()
		if n := server.timesAsked(); n > 0 {
			t.Errorf("AnyOf's cancel function returned, and when the second context ended after that, something still watching it asked for its error (%d times); want cancel to stop watching it"+hint, n)
		}
	})
}

// TestNothingLeftBehind calls AnyOf's cancel while neither context has
// ended, and never ends them. A goroutine left watching either of them
// stays blocked, and the test fails with "deadlock: main bubble goroutine
// has exited but blocked goroutines remain".
func TestNothingLeftBehind(t *testing.T) {
	inBubble(t, func(t *testing.T) {
		session, server := newWatched(), newWatched()
		_, cancel := AnyOf(session, server)
		cancel()
	})
}

// TestTheSecondEndingJustAfterCancel ends the second context just after
// AnyOf's cancel has returned, before anything else has run: the context
// stays cancelled by cancel, and nothing is left waiting.
func TestTheSecondEndingJustAfterCancel(t *testing.T) {
	inBubble(t, func(t *testing.T) {
		server := newWatched()
		ctx, cancel := AnyOf(context.Background(), server)
		cancel()
		server.end()
		synctest.Wait()
		if got := context.Cause(ctx); ctx.Err() != context.Canceled || got != context.Canceled {
			t.Errorf("AnyOf's cancel function returned, then the second context ended, and AnyOf's context has Err() = %v, cause %v; want context.Canceled for both: the end of b after cancel must not reach it"+hint, ctx.Err(), got)
		}
	})
}
