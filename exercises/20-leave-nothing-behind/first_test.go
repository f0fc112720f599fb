package first

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"runtime"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"
)

const hint = "\nHint: go run ./lessons hint 20"

// inBubble runs f in a synctest bubble, as synctest.Test does. If the
// test then fails with synctest's report of goroutines left behind, which
// ends the test with a panic, it says what that means.
func inBubble(t *testing.T, f func(*testing.T)) {
	returned := false
	t.Cleanup(func() {
		if !returned && !t.Failed() {
			t.Log("the test fails with \"deadlock: main bubble goroutine has exited but blocked goroutines remain\": goroutines started by First were still waiting when the test ended, leaked (the stacks below show where they wait); want every one to return" + hint)
		}
	})
	synctest.Test(t, f)
	returned = true
}

// leftBehind returns the goroutines that First started and that are still
// there, each as its header (with its state) and the function it is in. It
// finds them as goleak does: in the stacks of every goroutine.
func leftBehind() []string {
	first := runtime.FuncForPC(reflect.ValueOf(First).Pointer()).Name() // its package path, and ".First"
	buf := make([]byte, 1<<16)
	for {
		n := runtime.Stack(buf, true)
		if n < len(buf) {
			buf = buf[:n]
			break
		}
		buf = make([]byte, 2*len(buf))
	}
	var left []string
	for i, g := range strings.Split(string(buf), "\n\n") {
		if i == 0 || !strings.Contains(g, first) {
			continue // the caller's own, or not First's
		}
		lines := strings.Split(g, "\n")
		left = append(left, lines[0]+" "+lines[1])
	}
	return left
}

// noneLeft waits until every replica has long answered, then fails the
// test if goroutines that First started are still there.
func noneLeft(t *testing.T) {
	t.Helper()
	time.Sleep(time.Second)
	synctest.Wait()
	if left := leftBehind(); len(left) > 0 {
		t.Errorf("a second after the slowest replica answered, %d goroutine(s) that First started were still there: leaked, each waiting for what will never come:\n\t%s\nwant none: a replica that answers late must be able to leave its answer and return"+hint,
			len(left), strings.Join(left, "\n\t"))
	}
}

// A replica of the tests answers name after a while, and says when its
// context was done, if it was.
type replica struct {
	name     string
	after    time.Duration
	stubborn bool  // ignores its context
	fails    error // if not nil, it answers this error instead of name

	mu          sync.Mutex
	stoppedAt   time.Duration // when its context was done; 0 if it was not
	sawValue    any           // ctx.Value(valueKey{})
	sawDeadline time.Time     // ctx.Deadline(), the zero time if none
}

func (r *replica) ask(start time.Time) Replica {
	return func(ctx context.Context) (string, error) {
		r.mu.Lock()
		r.sawValue = ctx.Value(valueKey{})
		r.sawDeadline, _ = ctx.Deadline()
		r.mu.Unlock()
		if r.stubborn {
			time.Sleep(r.after)
			return r.answer()
		}
		select {
		case <-time.After(r.after):
			return r.answer()
		case <-ctx.Done():
			r.mu.Lock()
			r.stoppedAt = time.Since(start)
			r.mu.Unlock()
			return "", ctx.Err()
		}
	}
}

// answer is what the replica answers when it is done.
func (r *replica) answer() (string, error) {
	if r.fails != nil {
		return "", r.fails
	}
	return r.name, nil
}

// saw returns the value and the deadline the replica's context had.
func (r *replica) saw() (any, time.Time) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.sawValue, r.sawDeadline
}

func (r *replica) stopped() time.Duration {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.stoppedAt
}

// three returns replicas a, b and c, which answer after 30, 10 and 20ms.
func three(stubborn bool) []*replica {
	return []*replica{
		{name: "a", after: 30 * time.Millisecond, stubborn: stubborn},
		{name: "b", after: 10 * time.Millisecond, stubborn: stubborn},
		{name: "c", after: 20 * time.Millisecond, stubborn: stubborn},
	}
}

func ask(start time.Time, rs []*replica) []Replica {
	var asks []Replica
	for _, r := range rs {
		asks = append(asks, r.ask(start))
	}
	return asks
}

func TestFirstAnswerWins(t *testing.T) {
	inBubble(t, func(t *testing.T) {
		start := time.Now()
		got, err := First(context.Background(), ask(start, three(false))...)
		if took := time.Since(start); got != "b" || err != nil || took != 10*time.Millisecond {
			t.Errorf("First returned %q, %v after %v; want \"b\", <nil> after 10ms: the first answer, the moment it comes"+hint, got, err, took)
		}
		noneLeft(t)
	})
}

func TestTheOthersAreCancelled(t *testing.T) {
	inBubble(t, func(t *testing.T) {
		start := time.Now()
		rs := three(false)
		First(context.Background(), ask(start, rs)...)
		synctest.Wait() // the others have done what they do when told to stop
		for _, r := range []*replica{rs[0], rs[2]} {
			switch at := r.stopped(); {
			case at == 0:
				t.Errorf("replica %s, still working when First had its answer at 10ms, was never told to stop: its context was not done; want it cancelled when First returns: nobody wants its answer"+hint, r.name)
			case at != 10*time.Millisecond:
				t.Errorf("replica %s was told to stop at %v; want 10ms, when First returned with the first answer"+hint, r.name, at)
			}
		}
		noneLeft(t)
	})
}

// TestNoGoroutineLeftBehind: replicas that ignore their context answer
// at 10, 20 and 30ms, whatever First does.
func TestNoGoroutineLeftBehind(t *testing.T) {
	inBubble(t, func(t *testing.T) {
		start := time.Now()
		got, _ := First(context.Background(), ask(start, three(true))...)
		if got != "b" {
			t.Errorf("First returned %q; want \"b\", the first answer"+hint, got)
		}
		noneLeft(t)
	})
}

var errCallerBudget = errors.New("the caller's budget ran out")

// TestFirstReturnsWhenTheCallerGivesUp: the caller's ctx runs out at 5ms,
// before any answer; with a cause too (context.WithTimeoutCause), First
// returns ctx's error, context.DeadlineExceeded, not the cause.
func TestFirstReturnsWhenTheCallerGivesUp(t *testing.T) {
	for _, cause := range []error{nil, errCallerBudget} {
		t.Run(fmt.Sprintf("cause %v", cause), func(t *testing.T) {
			inBubble(t, func(t *testing.T) {
				start := time.Now()
				ctx, cancel := context.WithTimeoutCause(context.Background(), 5*time.Millisecond, cause)
				defer cancel()
				got, err := First(ctx, ask(start, three(true))...)
				if took := time.Since(start); got != "" || !errors.Is(err, context.DeadlineExceeded) || took != 5*time.Millisecond {
					t.Errorf("the caller's ctx ran out at 5ms (cause %v), before any answer (the first comes at 10ms), and First returned %q, %v after %v; want \"\", context deadline exceeded (ctx's error), after 5ms"+hint, cause, got, err, took)
				}
				noneLeft(t)
			})
		})
	}
}

var errDown = errors.New("replica a: disk full")

// TestAFailureIsAnAnswer: the first answer is an error, at 5ms, and First
// returns it as it comes: an answer is what a replica returns, error or
// not.
func TestAFailureIsAnAnswer(t *testing.T) {
	inBubble(t, func(t *testing.T) {
		start := time.Now()
		rs := three(false)
		rs[0].after, rs[0].fails = 5*time.Millisecond, errDown
		got, err := First(context.Background(), ask(start, rs)...)
		if took := time.Since(start); got != "" || !errors.Is(err, errDown) || took != 5*time.Millisecond {
			t.Errorf("replica a failed at 5ms with %q, b answered at 10ms, c at 20ms; First returned %q, %v after %v; want \"\", %v after 5ms: the first answer, as its replica gave it, even an error"+hint, errDown, got, err, took, errDown)
		}
		noneLeft(t)
	})
}

// TestAnEmptyAnswerIsAnAnswer: the first answer is "" with no error.
func TestAnEmptyAnswerIsAnAnswer(t *testing.T) {
	inBubble(t, func(t *testing.T) {
		start := time.Now()
		rs := three(false)
		rs[0].name, rs[0].after = "", 5*time.Millisecond
		got, err := First(context.Background(), ask(start, rs)...)
		if took := time.Since(start); got != "" || err != nil || took != 5*time.Millisecond {
			t.Errorf("replica a answered \"\" (and no error) at 5ms, b answered at 10ms; First returned %q, %v after %v; want \"\", <nil> after 5ms: the first answer, as its replica gave it"+hint, got, err, took)
		}
		noneLeft(t)
	})
}

// TestATie: replicas a and b answer at the same instant, 10ms, and c at
// 20ms, round after round: First returns a's answer or b's, and nothing
// of it is left behind.
func TestATie(t *testing.T) {
	for _, stubborn := range []bool{false, true} {
		for round := range 50 {
			inBubble(t, func(t *testing.T) {
				start := time.Now()
				rs := three(stubborn)
				rs[0].after = 10 * time.Millisecond
				got, err := First(context.Background(), ask(start, rs)...)
				if took := time.Since(start); got != "a" && got != "b" || err != nil || took != 10*time.Millisecond {
					t.Fatalf("round %d: replicas a and b answered at the same instant, 10ms, c at 20ms (ignoring their context: %v); First returned %q, %v after %v; want \"a\" or \"b\", <nil> after 10ms: either is the first"+hint, round, stubborn, got, err, took)
				}
				noneLeft(t)
			})
		}
	}
}

// TestNoReplicas: with no replica to ask, no answer will ever come, and
// First says so at once, with an error.
func TestNoReplicas(t *testing.T) {
	inBubble(t, func(t *testing.T) {
		start := time.Now()
		type answer struct {
			s   string
			err error
		}
		answered := make(chan answer, 1)
		go func() {
			s, err := First(context.Background())
			answered <- answer{s, err}
		}()
		select {
		case a := <-answered:
			if took := time.Since(start); a.err == nil || took != 0 {
				t.Errorf("no replicas: First returned %q, %v after %v; want an error at once: no answer will come"+hint, a.s, a.err, took)
			}
		case <-time.After(time.Second):
			t.Errorf("no replicas: First had not returned a second later; want an error at once: no answer will come, and the caller's ctx may never be done" + hint)
		}
	})
}

type valueKey struct{}

// TestTheReplicasGetTheCallersContext: the replicas' context keeps the
// caller's values and deadline.
func TestTheReplicasGetTheCallersContext(t *testing.T) {
	inBubble(t, func(t *testing.T) {
		const value = "the caller's request ID"
		start := time.Now()
		ctx, cancel := context.WithTimeout(context.WithValue(context.Background(), valueKey{}, value), time.Second)
		defer cancel()
		deadline, _ := ctx.Deadline()
		rs := three(false)
		First(ctx, ask(start, rs)...)
		for _, r := range rs {
			v, d := r.saw()
			if v != value || !d.Equal(deadline) {
				got := "no deadline"
				if !d.IsZero() {
					got = "a deadline " + d.Sub(start).String() + " away"
				}
				t.Errorf("the caller's ctx carried the value %q and a deadline 1s away; replica %s's context had the value %v and %s; want the caller's: the replicas' context is a child of ctx"+hint, value, r.name, v, got)
			}
		}
		noneLeft(t)
	})
}
