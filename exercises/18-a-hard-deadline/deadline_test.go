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
	d     = 25 * time.Millisecond // the hard deadline, after ctx is done
	never = -1                    // for a context that is never done
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
	const endAt = 10*time.Millisecond + 500*time.Microsecond
	tests := []struct {
		name      string
		endAt     time.Duration   // when ctx is done; 0: before the call; never
		stops     []time.Duration // when stop is called
		wantExits []time.Duration // when exit is called
		wantStops []bool          // what each stop returns
	}{
		{"the shutdown hangs: exit at the deadline", endAt, nil, []time.Duration{endAt + d}, nil},
		{"the shutdown ends in time", endAt, []time.Duration{30 * time.Millisecond}, nil, []bool{true}},
		{"the shutdown ends in time, and stop is called again", endAt, []time.Duration{30 * time.Millisecond, 40 * time.Millisecond}, nil, []bool{true, true}},
		{"the work ends before ctx does", endAt, []time.Duration{5 * time.Millisecond}, nil, []bool{true}},
		{"the work ends, and ctx is never done", never, []time.Duration{5 * time.Millisecond}, nil, []bool{true}},
		{"stop after the exit", endAt, []time.Duration{50 * time.Millisecond}, []time.Duration{endAt + d}, []bool{false}},
		{"stop after the exit, twice", endAt, []time.Duration{50 * time.Millisecond, 60 * time.Millisecond}, []time.Duration{endAt + d}, []bool{false, false}},
		{"ctx done before the call: exit d after it", 0, nil, []time.Duration{d}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			inBubble(t, func(t *testing.T) {
				r := run(tt.endAt, tt.stops)
				setup := fmt.Sprintf("%s (ctx done %s, d %v, stop called %s)", tt.name, when(tt.endAt), d, times(tt.stops))
				if !slices.Equal(r.exits, tt.wantExits) {
					t.Errorf("%s: exit called %s; want %s: exactly d after ctx is done, at most once, and never once stop has been called"+hint,
						setup, times(r.exits), times(tt.wantExits))
				}
				if !slices.Equal(r.stops, tt.wantStops) {
					t.Errorf("%s: stop returned %v; want %v: true if exit has not been called, false if it has"+hint, setup, r.stops, tt.wantStops)
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
			r := run(endAt, []time.Duration{endAt + d})
			switch {
			case len(r.exits) > 1 || len(r.exits) == 1 && r.exits[0] != endAt+d:
				t.Fatalf("stop called at the deadline (%v): exit called %s; want it once at %v, or never"+hint, endAt+d, times(r.exits), endAt+d)
			case r.stops[0] != (len(r.exits) == 0):
				t.Fatalf("stop called at the deadline (%v) returned %v, and exit was called %s; want true if exit was never called, false if it was"+hint, endAt+d, r.stops[0], times(r.exits))
			}
			if len(r.left) > 0 {
				t.Fatalf("stop at the deadline: %d goroutine(s) of ExitAfter still running; want none left:\n%s"+hint, len(r.left), strings.Join(r.left, "\n"))
			}
		})
	}
}

// A result is what one run of ExitAfter did.
type result struct {
	exits []time.Duration // when exit was called
	stops []bool          // what each stop returned, in order
	left  []string        // the goroutines of ExitAfter still running at the end, before ctx is cancelled
}

// run calls ExitAfter with a context that ends at endAt, calls stop at each
// of stops, and records what happens for a second of virtual time, and
// what is still running then.
func run(endAt time.Duration, stops []time.Duration) result {
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
		r  result
	)
	stop := ExitAfter(ctx, d, func() {
		mu.Lock()
		defer mu.Unlock()
		r.exits = append(r.exits, time.Since(start))
	})
	defer stop() // at the end, whatever happened: so that the test ends
	for _, at := range stops {
		time.Sleep(at - time.Since(start))
		r.stops = append(r.stops, stop()) // from this goroutine: in order
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
		for _, d := range file.Decls {
			if fn, ok := d.(*ast.FuncDecl); ok && fn.Recv == nil {
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
