package eventwait

import (
	"context"
	"fmt"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"testing/synctest"
	"time"
)

const hint = "\nHint: go run ./lessons hint 21"

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

// Instants off any round grid: a WaitFor that polls, instead of waking,
// returns later than these.
const (
	setAt      = 5*time.Millisecond + 123457*time.Nanosecond
	waitLength = 10*time.Millisecond + 123457*time.Nanosecond
)

// callWaitFor calls WaitFor(ctx, d) in a goroutine and waits for it up to a
// second. It returns what WaitFor returned and after how long, or
// returned=false if it was still waiting after a second. Once WaitFor has
// returned, it fails the test if a goroutine that WaitFor started is still
// there.
func callWaitFor(t *testing.T, ctx context.Context, d time.Duration) (got bool, took time.Duration, returned bool) {
	t.Helper()
	start := time.Now()
	answer := make(chan bool, 1)
	go func() { answer <- WaitFor(ctx, d) }()
	select {
	case got = <-answer:
		took = time.Since(start)
	case <-time.After(time.Second):
		return false, 0, false
	}
	synctest.Wait() // what WaitFor started has returned, or waits
	if left := leftByWaitFor(); len(left) > 0 {
		t.Errorf("WaitFor(ctx, %v) returned %v after %v, and left %d goroutine(s) it started still running, each waiting:\n\t%s\nwant nothing left running once it returns"+hint,
			d, got, took, len(left), strings.Join(left, "\n\t"))
		return got, took, true
	}
	// A timer that WaitFor armed and did not stop fires later, at d:
	// sleep past it and look again.
	time.Sleep(d - time.Since(start) + time.Nanosecond)
	synctest.Wait()
	if left := leftByWaitFor(); len(left) > 0 {
		t.Errorf("WaitFor(ctx, %v) returned %v after %v, and at %v, when d had passed, %d goroutine(s) it started were running, each waiting:\n\t%s\nwant nothing of WaitFor to run once it returns: stop the timers it armed"+hint,
			d, got, took, d, len(left), strings.Join(left, "\n\t"))
	}
	return got, took, true
}

// leftByWaitFor returns the goroutines, other than the caller's, in whose
// stack WaitFor is, each as its header and its first frame: goroutines it
// started.
func leftByWaitFor() []string {
	name := runtime.FuncForPC(reflect.ValueOf(WaitFor).Pointer()).Name()
	buf := make([]byte, 1<<14)
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
		if i == 0 || !strings.Contains(g, name) {
			continue // the caller's own, or not WaitFor's
		}
		lines := strings.Split(g, "\n")
		left = append(left, lines[0]+" "+lines[1])
	}
	return left
}

// said says what WaitFor did, for a failure message.
func said(got bool, took time.Duration, returned bool) string {
	if !returned {
		return "was still waiting after 1s"
	}
	return fmt.Sprintf("returned %v after %v", got, took)
}

func TestSetDuringTheWait(t *testing.T) {
	inBubble(t, func(t *testing.T) {
		ctx, set := context.WithCancel(context.Background())
		defer set()
		time.AfterFunc(setAt, set)
		got, took, returned := callWaitFor(t, ctx, waitLength)
		if !returned || !got || took != setAt {
			t.Fatalf("set after %v of a %v wait: WaitFor %s; want true after %v, the moment ctx is done"+hint,
				setAt, waitLength, said(got, took, returned), setAt)
		}
	})
}

// TestCtxReachesItsOwnDeadline: ctx is done when its own deadline passes,
// at setAt, during a longer wait: that is ctx done too, and WaitFor says
// true then.
func TestCtxReachesItsOwnDeadline(t *testing.T) {
	inBubble(t, func(t *testing.T) {
		ctx, cancel := context.WithTimeout(context.Background(), setAt)
		defer cancel()
		got, took, returned := callWaitFor(t, ctx, waitLength)
		if !returned || !got || took != setAt {
			t.Fatalf("ctx reached its own deadline after %v of a %v wait: WaitFor %s; want true after %v: ctx is done, whatever ended it"+hint,
				setAt, waitLength, said(got, took, returned), setAt)
		}
	})
}

func TestTimeout(t *testing.T) {
	inBubble(t, func(t *testing.T) {
		ctx, set := context.WithCancel(context.Background())
		defer set() // after the test: a WaitFor still waiting returns now
		got, took, returned := callWaitFor(t, ctx, waitLength)
		if !returned || got || took != waitLength {
			t.Fatalf("never set: WaitFor(ctx, %v) %s; want false after exactly %v"+hint,
				waitLength, said(got, took, returned), waitLength)
		}
	})
}

func TestAlreadySet(t *testing.T) {
	inBubble(t, func(t *testing.T) {
		ctx, set := context.WithCancel(context.Background())
		set()
		for try := 1; try <= 100; try++ {
			for _, d := range []time.Duration{waitLength, 0, -time.Second} {
				got, took, returned := callWaitFor(t, ctx, d)
				if !returned || !got || took != 0 {
					t.Fatalf("set before the call (try %d of 100): WaitFor(ctx, %v) %s; want true at once, whatever d, even 0 or less"+hint,
						try, d, said(got, took, returned))
				}
			}
		}
	})
}

func TestNoTimeAtAll(t *testing.T) {
	inBubble(t, func(t *testing.T) {
		ctx, set := context.WithCancel(context.Background())
		defer set()
		for _, d := range []time.Duration{0, -time.Second} {
			got, took, returned := callWaitFor(t, ctx, d)
			if !returned || got || took != 0 {
				t.Fatalf("never set: WaitFor(ctx, %v) %s; want false at once"+hint, d, said(got, took, returned))
			}
		}
	})
}
