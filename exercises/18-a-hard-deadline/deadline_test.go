package harddeadline

import (
	"context"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"
)

const hint = "\nHint: go run ./lessons hint 18"

const (
	hardDeadline = 25 * time.Millisecond // ExitAfter's d: the hard deadline, after ctx is done
	never        = -1                    // for a context that is never done
)

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

// TestExitAfter runs ExitAfter with a fake exit, on the virtual clock. ctx
// ends at 10.5ms (off the millisecond grid) unless the case says
// otherwise, and the deadline is 25ms after that: 35.5ms.
func TestExitAfter(t *testing.T) {
	const (
		endAt    = 10*time.Millisecond + 500*time.Microsecond
		deadline = endAt + hardDeadline
	)
	ms := func(n int) time.Duration { return time.Duration(n) * time.Millisecond }
	tests := []struct {
		name      string
		endAt     time.Duration   // when ctx is done; 0: before the call; never
		stops     []time.Duration // when stop is called
		wantExits []time.Duration // when exit is called
		wantStops []bool          // what each stop returns
	}{
		{name: "the shutdown hangs: exit at the deadline", endAt: endAt, wantExits: []time.Duration{deadline}},
		{name: "the shutdown ends in time", endAt: endAt, stops: []time.Duration{ms(30)}, wantStops: []bool{true}},
		{name: "the shutdown ends in time, and stop is called again", endAt: endAt, stops: []time.Duration{ms(30), ms(40)}, wantStops: []bool{true, true}},
		{name: "the work ends before ctx does", endAt: endAt, stops: []time.Duration{ms(5)}, wantStops: []bool{true}},
		{name: "the work ends, and ctx is never done", endAt: never, stops: []time.Duration{ms(5)}, wantStops: []bool{true}},
		{name: "stop after the exit", endAt: endAt, stops: []time.Duration{ms(50)}, wantExits: []time.Duration{deadline}, wantStops: []bool{false}},
		{name: "stop after the exit, twice", endAt: endAt, stops: []time.Duration{ms(50), ms(60)}, wantExits: []time.Duration{deadline}, wantStops: []bool{false, false}},
		{name: "ctx done before the call: exit d after it", endAt: 0, wantExits: []time.Duration{hardDeadline}},
		{name: "ctx done before the call, and the shutdown ends in time, stop called twice", endAt: 0, stops: []time.Duration{ms(5), ms(10)}, wantStops: []bool{true, true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			inBubble(t, func(t *testing.T) {
				r := runExitAfter(tt.endAt, tt.stops)
				setup := fmt.Sprintf("%s (ctx done %s, d %v, stop called %s)", tt.name, when(tt.endAt), hardDeadline, times(tt.stops))
				if !slices.Equal(r.exits, tt.wantExits) {
					t.Errorf("%s: exit called %s; want %s: exactly d after ctx is done, at most once, and never once stop has been called"+hint,
						setup, times(r.exits), times(tt.wantExits))
				}
				if !slices.Equal(r.stops, tt.wantStops) {
					t.Errorf("%s: stop returned %v; want %v: true if exit has not been called, false if it has"+hint, setup, r.stops, tt.wantStops)
				}
				if len(r.leftAfterStop) > 0 {
					t.Errorf("%s: stop returned true at %v, and then %d goroutine(s) of ExitAfter were still running; want none left once stop has returned:\n%s"+hint, setup, r.leftAfterStopAt, len(r.leftAfterStop), strings.Join(r.leftAfterStop, "\n"))
				}
				if len(r.left) > 0 {
					t.Errorf("%s: after the last stop or exit, %d goroutine(s) of ExitAfter still running; want none left:\n%s"+hint, setup, len(r.left), strings.Join(r.left, "\n"))
				}
			})
		})
	}
}

// TestStopAtTheDeadline calls stop at the very instant of the deadline,
// 35.5ms: whichever wins, stop's answer must match what happened.
func TestStopAtTheDeadline(t *testing.T) {
	const endAt = 10*time.Millisecond + 500*time.Microsecond
	for range 20 {
		inBubble(t, func(t *testing.T) {
			r := runExitAfter(endAt, []time.Duration{endAt + hardDeadline})
			switch {
			case len(r.exits) > 1 || len(r.exits) == 1 && r.exits[0] != endAt+hardDeadline:
				t.Fatalf("stop called at the deadline (%v): exit called %s; want it once at %v, or never"+hint, endAt+hardDeadline, times(r.exits), endAt+hardDeadline)
			case r.stops[0] != (len(r.exits) == 0):
				t.Fatalf("stop called at the deadline (%v) returned %v, and exit was called %s; want true if exit was never called, false if it was"+hint, endAt+hardDeadline, r.stops[0], times(r.exits))
			}
			if len(r.left) > 0 {
				t.Fatalf("stop at the deadline: %d goroutine(s) of ExitAfter still running; want none left:\n%s"+hint, len(r.left), strings.Join(r.left, "\n"))
			}
		})
	}
}

// TestStopWhileExitRuns calls stop while exit is running: exit has been
// called, so stop says false, and it says so at once, without waiting for
// exit to return (a real exit may flush logs and run hooks for a while).
// The test's exit waits until the test lets it return; the test watches
// stop's goroutine until it returns or blocks, whatever the schedule.
func TestStopWhileExitRuns(t *testing.T) {
	inBubble(t, func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		exiting, release := make(chan struct{}), make(chan struct{})
		stop := ExitAfter(ctx, hardDeadline, func() {
			close(exiting)
			<-release
		})
		<-exiting // d after the call
		answer := make(chan bool, 1)
		go stopDuringExit(stop, answer)
		for {
			select {
			case ok := <-answer:
				close(release)
				if ok {
					t.Errorf("stop called while exit was running returned true; want false: exit has been called, even if it has not returned yet" + hint)
				}
				synctest.Wait()
				return
			default:
			}
			if state, blocked := stopBlocked(); blocked {
				t.Errorf("stop called while exit was running waited (%s) instead of returning false at once; want it to return at once: do not call exit while holding what stop needs"+hint, state)
				close(release)
				<-answer
				return
			}
			runtime.Gosched()
		}
	})
}

// stopDuringExit calls stop and sends what it returned.
func stopDuringExit(stop func() bool, answer chan<- bool) { answer <- stop() }

// stopBlocked reports whether the goroutine of stopDuringExit is waiting
// for something (a mutex, a channel, a sleep), and what.
func stopBlocked() (state string, blocked bool) {
	buf := make([]byte, 1<<20)
	buf = buf[:runtime.Stack(buf, true)]
	for _, g := range strings.Split(string(buf), "\n\n") {
		if !strings.Contains(g, ".stopDuringExit(") {
			continue
		}
		header, _, _ := strings.Cut(g, "\n") // goroutine 7 [sync.Mutex.Lock]:
		_, state, _ = strings.Cut(header, "[")
		state, _, _ = strings.Cut(state, "]")
		state, _, _ = strings.Cut(state, ",")
		switch {
		case state == "running", state == "runnable", strings.Contains(state, "GC"), strings.Contains(state, "preempted"):
			return state, false
		}
		return state, true
	}
	return "", false
}

// A record is what one run of ExitAfter did.
type record struct {
	exits           []time.Duration // when exit was called
	stops           []bool          // what each stop returned, in order
	leftAfterStop   []string        // ExitAfter's goroutines still running just after a stop returned true
	leftAfterStopAt time.Duration   // when that was
	left            []string        // the goroutines of ExitAfter still running at the end, before ctx is cancelled
}

// runExitAfter calls ExitAfter with a context that ends at endAt, calls
// stop at each of stops, and records what happens for a second of virtual time, and what is still
// running then.
func runExitAfter(endAt time.Duration, stops []time.Duration) record {
	start := time.Now()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	switch {
	case endAt == 0:
		cancel()
	case endAt > 0:
		time.AfterFunc(endAt, cancel)
	}
	var (
		mu sync.Mutex
		r  record
	)
	stop := ExitAfter(ctx, hardDeadline, func() {
		mu.Lock()
		defer mu.Unlock()
		r.exits = append(r.exits, time.Since(start))
	})
	defer stop() // at the end, whatever happened: so that the test ends
	for _, at := range stops {
		time.Sleep(at - time.Since(start))
		ok := stop() // from this goroutine: in order
		r.stops = append(r.stops, ok)
		if ok && r.leftAfterStop == nil {
			synctest.Wait() // what stop ended has returned
			r.leftAfterStop, r.leftAfterStopAt = leftRunning(), time.Since(start)
		}
	}
	time.Sleep(time.Second - time.Since(start)) // long after anything should happen
	synctest.Wait()
	r.left = leftRunning() // before the deferred stop and cancel, which could release them
	mu.Lock()
	defer mu.Unlock()
	return r
}

// leftRunning returns the stacks of the goroutines that run code of the
// package under test, other than this file's: goroutines that ExitAfter
// started and left behind.
func leftRunning() []string {
	fn := runtime.FuncForPC(reflect.ValueOf(ExitAfter).Pointer()).Name()
	pkg := strings.TrimSuffix(fn, "ExitAfter") // "example.com/.../18-a-hard-deadline."
	testCode := testFuncs()
	buf := make([]byte, 1<<20)
	buf = buf[:runtime.Stack(buf, true)]
	var left []string
	for _, g := range strings.Split(string(buf), "\n\n") {
		for _, line := range strings.Split(g, "\n") {
			name, ok := strings.CutPrefix(strings.TrimPrefix(line, "created by "), pkg)
			if !ok {
				continue
			}
			name, _, _ = strings.Cut(name, ".")
			name, _, _ = strings.Cut(name, "(")
			if !slices.Contains(testCode, name) {
				left = append(left, indent(g))
				break
			}
		}
	}
	return left
}

// testFuncs returns the names of the functions declared in this
// package's test files, whose frames are the tests' own.
func testFuncs() []string {
	files, _ := filepath.Glob("*_test.go")
	var names []string
	for _, f := range files {
		file, err := parser.ParseFile(token.NewFileSet(), f, nil, parser.SkipObjectResolution)
		if err != nil {
			panic(err)
		}
		for _, decl := range file.Decls {
			if fn, ok := decl.(*ast.FuncDecl); ok && fn.Recv == nil {
				names = append(names, fn.Name.Name)
			}
		}
	}
	return names
}

// when says when ctx is done, in words.
func when(at time.Duration) string {
	switch {
	case at == 0:
		return "before the call"
	case at < 0:
		return "never"
	}
	return "at " + at.String()
}

// times says at which instants something happened, in words.
func times(ts []time.Duration) string {
	if len(ts) == 0 {
		return "never"
	}
	s := make([]string, len(ts))
	for i, t := range ts {
		s[i] = t.String()
	}
	return "at " + strings.Join(s, ", ")
}

func indent(s string) string {
	return "\t" + strings.ReplaceAll(s, "\n", "\n\t")
}

// TestNoTimeAtAll gives ExitAfter a d of 0 or less: the hard deadline is
// the very instant ctx is done.
func TestNoTimeAtAll(t *testing.T) {
	const endAt = 10*time.Millisecond + 500*time.Microsecond
	for _, d := range []time.Duration{0, -time.Second} {
		inBubble(t, func(t *testing.T) {
			start := time.Now()
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			time.AfterFunc(endAt, cancel)
			var (
				mu    sync.Mutex
				exits []time.Duration
			)
			stop := ExitAfter(ctx, d, func() {
				mu.Lock()
				exits = append(exits, time.Since(start))
				again := len(exits) > 1
				mu.Unlock()
				if again {
					// As os.Exit, a second call does not return: with no
					// time at all, a loop that calls exit again would
					// otherwise spin at one instant, and the test never end.
					runtime.Goexit()
				}
			})
			time.Sleep(time.Second)
			synctest.Wait()
			stopped := stop()
			mu.Lock()
			defer mu.Unlock()
			if !slices.Equal(exits, []time.Duration{endAt}) || stopped {
				t.Errorf("d %v, ctx done at %v: exit called %s, and stop at 1s returned %v; want exit called once at %v, the instant ctx is done, since a d of 0 or less leaves no time at all, and stop then false"+hint,
					d, endAt, times(exits), stopped, endAt)
			}
		})
	}
}

// TestStopsAtOnce calls stop from two goroutines at the same instant,
// before the deadline and after it, many times over: both must get the
// same true answer before, the same false answer after, and the race
// detector must find nothing.
func TestStopsAtOnce(t *testing.T) {
	const endAt = 10*time.Millisecond + 500*time.Microsecond
	tests := []struct {
		name   string
		stopAt time.Duration
		want   bool
	}{
		{"before the deadline", 20 * time.Millisecond, true},
		{"after the deadline", 50 * time.Millisecond, false},
	}
	for _, tt := range tests {
		for range 20 {
			inBubble(t, func(t *testing.T) {
				start := time.Now()
				ctx, cancel := context.WithCancel(context.Background())
				defer cancel()
				time.AfterFunc(endAt, cancel)
				stop := ExitAfter(ctx, hardDeadline, func() {})
				var answers [2]bool
				var wg sync.WaitGroup
				for i := range answers {
					wg.Go(func() {
						time.Sleep(tt.stopAt - time.Since(start))
						answers[i] = stop()
					})
				}
				wg.Wait()
				if answers != [2]bool{tt.want, tt.want} {
					t.Fatalf("%s: ctx done at %v, deadline %v; stop called from two goroutines at %v returned %v; want %v from both: stop must be safe to call from several goroutines at once"+hint,
						tt.name, endAt, endAt+hardDeadline, tt.stopAt, answers, tt.want)
				}
			})
		}
	}
}

// ownCtx is a context whose Done channel is its own, not the context
// package's, as some libraries' contexts are: context.AfterFunc watches it
// from a goroutine, which its stop function ends.
type ownCtx struct {
	context.Context
	done chan struct{}
}

func (c *ownCtx) Done() <-chan struct{} { return c.done }

// TestACtxOfItsOwn: with a ctx that is never done and whose Done channel
// is its own, stop must leave nothing waiting for ctx: the test ends in a
// panic ("blocked goroutines remain") if anything still waits when it
// returns.
func TestACtxOfItsOwn(t *testing.T) {
	inBubble(t, func(t *testing.T) {
		ctx := &ownCtx{Context: context.Background(), done: make(chan struct{})}
		stop := ExitAfter(ctx, hardDeadline, func() { t.Error("exit called, with a ctx that is never done" + hint) })
		time.Sleep(5 * time.Millisecond)
		if !stop() {
			t.Errorf("stop at 5ms, with a ctx that is never done, returned false; want true: exit was never called" + hint)
		}
		synctest.Wait() // what stop ended has returned
	})
}
