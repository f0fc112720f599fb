package wake

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"
)

const hint = "\nHint: go run ./lessons hint 6"

// The tests run Wait on the virtual clock of testing/synctest, where a
// wake-up is exact: a Wait that is woken by ctx.Done() returns at the very
// instant of the cancel, while one that sleeps a little and looks again
// returns at its next look. The cancels come at odd instants (5.0005ms) so
// that no polling period hits them by chance.

// spyContext is a context that records whether anyone asked for its Done
// channel: a Wait that only polls ctx.Err() never does.
type spyContext struct {
	context.Context
	doneCalled atomic.Bool
}

func (s *spyContext) Done() <-chan struct{} {
	s.doneCalled.Store(true)
	return s.Context.Done()
}

// call runs Wait(ctx, d) and returns what it returned and the virtual time
// it took. It fails the test if Wait has not returned an hour later, or if
// it leaves a goroutine of its own running behind it.
func call(t *testing.T, what string, ctx context.Context, d time.Duration) (error, time.Duration) {
	t.Helper()
	start := time.Now()
	var err error
	returned := make(chan struct{})
	go func() {
		defer close(returned)
		err = Wait(ctx, d)
	}()
	select {
	case <-returned:
	case <-time.After(time.Hour):
		t.Fatalf("%s: Wait(ctx, %v) had not returned an hour later; want it to return when d has passed, or at once when ctx is done"+hint, what, d)
	}
	took := time.Since(start)
	synctest.Wait() // let any goroutine that is on its way out finish
	if left := leftBehind(); len(left) > 0 {
		t.Fatalf("%s: Wait returned after %v, but left %d goroutine(s) of its own still running:\n%s\nwant everything Wait starts to be finished when it returns"+hint,
			what, took, len(left), strings.Join(left, "\n"))
	}
	// A timer that Wait armed and did not stop fires later, at d: sleep
	// past it and look again.
	time.Sleep(d - time.Since(start) + time.Nanosecond)
	synctest.Wait()
	if left := leftBehind(); len(left) > 0 {
		t.Fatalf("%s: Wait returned after %v, and at %v, when d had passed, %d goroutine(s) of its own were running:\n%s\nwant nothing Wait starts to run after it returns: stop the timers it armed"+hint,
			what, took, d, len(left), strings.Join(left, "\n"))
	}
	return err, took
}

// leftBehind describes the goroutines still alive that were started by the
// code of this package outside the tests.
func leftBehind() []string {
	pkg := reflect.TypeFor[spyContext]().PkgPath() + "."
	buf := make([]byte, 1<<20)
	buf = buf[:runtime.Stack(buf, true)]
	var left []string
	for _, g := range strings.Split(string(buf), "\n\n") {
		header, _, _ := strings.Cut(g, "\n")
		for line := range strings.SplitSeq(g, "\n") {
			fn, ok := strings.CutPrefix(line, "created by "+pkg)
			if !ok {
				// a timer's callback, which the time package runs
				fn, ok = strings.CutPrefix(line, pkg)
				ok = ok && strings.HasPrefix(fn, "Wait")
			}
			if ok && !strings.HasPrefix(fn, "Test") {
				left = append(left, fmt.Sprintf("  %s %s", strings.TrimSuffix(header, ":"), strings.TrimSpace(line)))
			}
		}
	}
	return left
}

func TestCancelWakesTheWait(t *testing.T) {
	tests := []struct {
		name     string
		d        time.Duration
		cancelAt time.Duration
	}{
		{"cancelled 5.0005ms into a 1s wait", time.Second, 5*time.Millisecond + 500*time.Nanosecond},
		{"cancelled 37.123ms into a 50ms wait", 50 * time.Millisecond, 37*time.Millisecond + 123*time.Microsecond},
		{"cancelled 1ns into an hour's wait", time.Hour, time.Nanosecond},
	}
	for _, tt := range tests {
		synctest.Test(t, func(t *testing.T) {
			parent, cancel := context.WithCancel(context.Background())
			defer cancel()
			ctx := &spyContext{Context: parent}
			time.AfterFunc(tt.cancelAt, cancel)
			err, took := call(t, tt.name, ctx, tt.d)
			if took != tt.cancelAt {
				t.Errorf("%s: Wait returned after %v; want %v, the instant of the cancel"+hint, tt.name, took, tt.cancelAt)
			}
			if err != context.Canceled {
				t.Errorf("%s: Wait returned %v; want ctx.Err(), which is %v"+hint, tt.name, err, context.Canceled)
			}
			if !ctx.doneCalled.Load() {
				t.Errorf("%s: Wait never called ctx.Done(); want it to wait on the Done channel, which wakes it, rather than to poll ctx.Err()"+hint, tt.name)
			}
		})
	}
}

func TestDeadlineWakesTheWait(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		const deadline = 3*time.Millisecond + 300*time.Nanosecond
		ctx, cancel := context.WithTimeout(context.Background(), deadline)
		defer cancel()
		err, took := call(t, "a context with a 3.0003ms timeout", ctx, time.Second)
		if took != deadline || err != context.DeadlineExceeded {
			t.Errorf("a context with a 3.0003ms timeout: Wait(ctx, 1s) returned %v after %v; want ctx.Err(), %v, after 3.0003ms"+hint, err, took, context.DeadlineExceeded)
		}
	})
}

func TestReturnsCtxErrNotTheCause(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		errLoggedOut := errors.New("user logged out")
		ctx, cancel := context.WithCancelCause(context.Background())
		defer cancel(nil)
		time.AfterFunc(7*time.Millisecond+500*time.Microsecond, func() { cancel(errLoggedOut) })
		err, took := call(t, "cancelled with a cause", ctx, time.Second)
		if took != 7*time.Millisecond+500*time.Microsecond || err != context.Canceled {
			t.Errorf("cancelled with the cause %q at 7.5ms: Wait(ctx, 1s) returned %v after %v; want ctx.Err(), %v, after 7.5ms"+hint, errLoggedOut, err, took, context.Canceled)
		}
	})
}

// TestAlreadyCancelled: a ctx done before the call wins, whatever d: with
// a d of 0 or less too, when the time is up at once as well (50 calls
// each, as select picks at random among ready cases).
func TestAlreadyCancelled(t *testing.T) {
	for _, d := range []time.Duration{time.Second, 0, -time.Second} {
		t.Run(d.String(), func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				ctx, cancel := context.WithCancel(context.Background())
				cancel()
				for range 50 {
					err, took := call(t, "an already cancelled context", ctx, d)
					if took != 0 || err != context.Canceled {
						t.Fatalf("an already cancelled context: Wait(ctx, %v) returned %v after %v; want %v at once (after 0s): a ctx done already wins, whatever d"+hint, d, err, took, context.Canceled)
					}
				}
			})
		})
	}
}

func TestWaitWithoutCancel(t *testing.T) {
	tests := []struct {
		name string
		ctx  func() (context.Context, context.CancelFunc)
		d    time.Duration
	}{
		{"context.Background()", func() (context.Context, context.CancelFunc) { return context.Background(), func() {} }, 10 * time.Millisecond},
		{"a context nobody cancels", func() (context.Context, context.CancelFunc) { return context.WithCancel(context.Background()) }, 12*time.Millisecond + 500*time.Microsecond},
		{"a context with a later deadline", func() (context.Context, context.CancelFunc) {
			return context.WithTimeout(context.Background(), time.Second)
		}, 20*time.Millisecond + time.Microsecond},
		{"a context cancelled after d", func() (context.Context, context.CancelFunc) {
			ctx, cancel := context.WithCancel(context.Background())
			time.AfterFunc(20*time.Millisecond, cancel)
			return ctx, cancel
		}, 10 * time.Millisecond},
		{"context.Background(), no time at all", func() (context.Context, context.CancelFunc) { return context.Background(), func() {} }, 0},
		{"a context nobody cancels, a negative d", func() (context.Context, context.CancelFunc) { return context.WithCancel(context.Background()) }, -time.Second},
	}
	for _, tt := range tests {
		synctest.Test(t, func(t *testing.T) {
			ctx, cancel := tt.ctx()
			defer cancel()
			err, took := call(t, tt.name, ctx, tt.d)
			if want := max(tt.d, 0); took != want || err != nil {
				t.Errorf("%s: Wait(ctx, %v) returned %v after %v; want nil after exactly %v"+hint, tt.name, tt.d, err, took, want)
			}
		})
	}
}
