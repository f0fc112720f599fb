package merge

import (
	"context"
	"fmt"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"testing"
	"testing/synctest"
	"time"
)

const hint = "\nHint: go run ./lessons hint 19"

// stuckAfter bounds, on the real clock, how long a bubble of these tests
// may take. A goroutine that waits for a mutex is no durable wait for
// synctest: while one does, the bubble's clock stands still, and a test
// that sleeps waits for ever. waitingOnALock catches that before a test
// sleeps; this bound catches what it misses, so that such an answer fails
// in seconds rather than hangs until go test's -timeout. A right answer's
// bubble takes milliseconds.
const stuckAfter = 20 * time.Second

// inBubble runs f in a synctest bubble, as synctest.Test does. If the
// test then fails with synctest's report of goroutines left behind, which
// ends the test with a panic, it says what that means; if the bubble's
// clock stands still for stuckAfter, it ends the tests with a panic that
// says why, and where Merge's goroutines wait.
func inBubble(t *testing.T, f func(*testing.T)) {
	stuck := time.AfterFunc(stuckAfter, func() {
		buf := make([]byte, 1<<20)
		buf = buf[:runtime.Stack(buf, true)]
		panic(fmt.Sprintf("%s: the bubble's clock stood still for %v of real time: a goroutine waits for something that is no durable wait for synctest, most likely a mutex held by a goroutine that waits to send; want no lock held across a send%s\n\n%s",
			t.Name(), stuckAfter, hint, buf))
	})
	defer stuck.Stop()
	returned := false
	t.Cleanup(func() {
		if !returned && !t.Failed() {
			t.Log("the test fails with \"deadlock: main bubble goroutine has exited but blocked goroutines remain\": goroutines were still waiting when the test ended, leaked (the stacks below show where they wait); want Merge's goroutines to return once every input is closed, or once ctx is done" + hint)
		}
	})
	synctest.Test(t, f)
	returned = true
}

// source returns a channel on which the test sends values, one every
// 10ms, and which it closes just after the last.
func source(values ...int) <-chan int {
	ch := make(chan int)
	go func() {
		for _, v := range values {
			time.Sleep(10 * time.Millisecond)
			ch <- v
		}
		close(ch)
	}()
	return ch
}

// readAll reads out until it is closed, and returns the values read and
// how long after start it was closed. closed is false if out was still
// open a second after the last value, on the bubble's clock.
func readAll(start time.Time, out <-chan int) (got []int, closedAt time.Duration, closed bool) {
	for {
		select {
		case v, open := <-out:
			if !open {
				return got, time.Since(start), true
			}
			got = append(got, v)
		case <-time.After(time.Second):
			return got, 0, false
		}
	}
}

func TestMergeGivesEveryValueThenCloses(t *testing.T) {
	inBubble(t, func(t *testing.T) {
		start := time.Now()
		// a sends at 10, 20 and 30ms and is closed at 30ms; b sends at 10
		// and 20ms and is closed at 20ms.
		out := Merge(context.Background(), source(1, 2, 3), source(10, 20))
		got, closedAt, closed := readAll(start, out)
		slices.Sort(got)
		if want := []int{1, 2, 3, 10, 20}; !slices.Equal(got, want) {
			t.Errorf("read %v from out, want %v (in any order): every value of every input"+hint, got, want)
		}
		switch {
		case !closed:
			t.Errorf("out was still open a second after every input was closed, so a reader's range never ends; want it closed once the last input is closed and its values handed over" + hint)
		case closedAt != 30*time.Millisecond:
			t.Errorf("out was closed at %v, want 30ms: when the last input was closed, its last value handed over"+hint, closedAt)
		}
	})
}

// waitingOnALock lets Merge's goroutines run until each of them waits for
// something, and returns those that wait for a mutex (a sync.Mutex is no
// durable wait for synctest: while a goroutine waits for one, the
// bubble's clock stands still, and a test that sleeps waits for ever).
func waitingOnALock() []string {
	merge := runtime.FuncForPC(reflect.ValueOf(Merge).Pointer()).Name()
	buf := make([]byte, 1<<20)
	still := 0 // scans in a row in which nothing ran and the same waited for a lock
	var last []string
	for range 100000 {
		buf = buf[:runtime.Stack(buf[:cap(buf)], true)]
		var locked []string
		busy := false
		for g := range strings.SplitSeq(string(buf), "\n\n") {
			if !strings.Contains(g, merge) {
				continue
			}
			header, _, _ := strings.Cut(g, "\n") // goroutine 7 [sync.Mutex.Lock, synctest bubble 1]:
			_, state, _ := strings.Cut(header, "[")
			switch {
			case strings.HasPrefix(state, "running"), strings.HasPrefix(state, "runnable"), strings.Contains(state, "preempted"), strings.Contains(state, "GC"):
				busy = true
			case strings.HasPrefix(state, "sync.Mutex"), strings.HasPrefix(state, "sync.RWMutex"):
				locked = append(locked, header) // for a moment (the context package locks too), or for good
			}
		}
		switch {
		case busy || !slices.Equal(locked, last):
			still = 0
		case len(locked) == 0:
			return nil // everything waits, and none for a lock
		default:
			still++
			if still == 1000 {
				return locked
			}
		}
		last = locked
		runtime.Gosched()
	}
	return nil
}

// filled returns a closed channel that holds values.
func filled(values ...int) <-chan int {
	ch := make(chan int, len(values))
	for _, v := range values {
		ch <- v
	}
	close(ch)
	return ch
}

func TestMergeWaitsForASlowReader(t *testing.T) {
	inBubble(t, func(t *testing.T) {
		out := Merge(context.Background(), filled(1, 2), filled(10))
		var got []int
		for {
			if locked := waitingOnALock(); len(locked) > 0 {
				for range out { // let them go, so that the test ends
				}
				t.Fatalf("while one goroutine of Merge waited to hand a value over to a slow reader, %d other(s) waited for a mutex:\n\t%s\nwant no lock held across a send: a goroutine that waits for a lock cannot see ctx, nor can time pass for the tests' clock"+hint,
					len(locked), strings.Join(locked, "\n\t"))
			}
			time.Sleep(10 * time.Millisecond) // a slow reader: Merge must wait for it
			select {
			case v, open := <-out:
				if open {
					got = append(got, v)
					continue
				}
			case <-time.After(time.Second):
				t.Fatalf("after %v, out was neither giving a value nor closed, to a reader that reads every 10ms; want it closed once every value is handed over"+hint, got)
			}
			break
		}
		slices.Sort(got)
		if want := []int{1, 2, 10}; !slices.Equal(got, want) {
			t.Errorf("a reader that takes 10ms between reads got %v, want %v (in any order): Merge must wait for the reader, not drop values"+hint, got, want)
		}
	})
}

func TestMergeOfNoChannelsIsClosed(t *testing.T) {
	inBubble(t, func(t *testing.T) {
		got, closedAt, closed := readAll(time.Now(), Merge(context.Background()))
		if !closed || closedAt != 0 || len(got) > 0 {
			t.Errorf("Merge of no channels: read %v, closed: %v (at %v); want out closed at once, with nothing in it"+hint, got, closed, closedAt)
		}
	})
}

func TestMergeStopsWhileWaitingForValues(t *testing.T) {
	inBubble(t, func(t *testing.T) {
		start := time.Now()
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
		defer cancel()
		quiet1, quiet2 := make(chan int), make(chan int) // never sent on, never closed
		got, closedAt, closed := readAll(start, Merge(ctx, quiet1, quiet2))
		switch {
		case len(got) > 0:
			t.Errorf("read %v from inputs that sent nothing", got)
		case !closed:
			t.Errorf("ctx was done at 10ms while Merge waited for values that never came, and out was still open a second later; want Merge to stop then, and close out" + hint)
		case closedAt != 10*time.Millisecond:
			t.Errorf("out was closed at %v; want 10ms, when ctx was done"+hint, closedAt)
		}
	})
}

// TestMergeStopsWhileWaitingToHandOver gives three inputs one value each,
// and reads nothing: Merge waits to hand the values over. When ctx is
// done, it must stop waiting and close out, and close out only once
// nothing can be sent on it any more. Done 100 times, as which goroutine
// runs first after the cancel is up to the scheduler.
func TestMergeStopsWhileWaitingToHandOver(t *testing.T) {
	for run := range 100 {
		ok := t.Run(fmt.Sprint("run ", run), func(t *testing.T) {
			inBubble(t, func(t *testing.T) {
				ctx, cancel := context.WithCancel(context.Background())
				var ins []<-chan int
				for v := range 3 {
					in := make(chan int, 1)
					in <- v // and never closed
					ins = append(ins, in)
				}
				out := Merge(ctx, ins...)
				if locked := waitingOnALock(); len(locked) > 0 {
					cancel()
					for range out { // let them go, so that the test ends
					}
					t.Fatalf("while one goroutine of Merge waited to hand a value over to a reader that does not read, %d other(s) waited for a mutex:\n\t%s\nwant no lock held across a send: once ctx is done, what waits for that lock waits for ever"+hint,
						len(locked), strings.Join(locked, "\n\t"))
				}
				time.Sleep(10 * time.Millisecond) // nobody reads: Merge waits to hand over
				cancel()
				synctest.Wait() // Merge has done all it will do after the cancel
				select {
				case v, open := <-out:
					if open {
						t.Errorf("ctx was done while Merge waited to hand over a value, and out still gave %d after; want Merge to stop waiting, and close out"+hint, v)
					}
				default:
					t.Errorf("ctx was done while Merge waited to hand over values that nobody read, and out was not closed; want Merge to stop waiting, and close out" + hint)
				}
			})
		})
		if !ok {
			break
		}
	}
}

// TestMergeWithCtxDoneBeforeItStarts: a ctx that is done already, inputs
// full of values, and a reader. Which values get through is up to select,
// which picks at random among ready cases; but out must be closed, once,
// and never before a sender has stopped. Done 100 times.
func TestMergeWithCtxDoneBeforeItStarts(t *testing.T) {
	for run := range 100 {
		ok := t.Run(fmt.Sprint("run ", run), func(t *testing.T) {
			inBubble(t, func(t *testing.T) {
				ctx, cancel := context.WithCancel(context.Background())
				cancel()
				var ins []<-chan int
				for range 3 {
					ins = append(ins, filled(1, 2, 3, 4, 5, 6, 7, 8))
				}
				if got, _, closed := readAll(time.Now(), Merge(ctx, ins...)); !closed {
					t.Errorf("ctx was done before Merge began; out gave %v and was still open a second later; want it closed"+hint, got)
				}
			})
		})
		if !ok {
			break
		}
	}
}

// TestMergeTakesNothingAfterTheCancel: three inputs hold five values each,
// nobody reads out, and ctx is cancelled while Merge waits to hand the
// first values over: Merge stops, and takes none of the others from the
// inputs (a value taken and dropped is lost to whoever reads the input
// next). Done 20 times, as select picks at random among ready cases.
func TestMergeTakesNothingAfterTheCancel(t *testing.T) {
	for run := range 20 {
		ok := t.Run(fmt.Sprint("run ", run), func(t *testing.T) {
			inBubble(t, func(t *testing.T) {
				ctx, cancel := context.WithCancel(context.Background())
				var ins []chan int
				var recv []<-chan int
				for range 3 {
					in := make(chan int, 5)
					for v := range 5 {
						in <- v
					}
					ins, recv = append(ins, in), append(recv, in)
				}
				out := Merge(ctx, recv...)
				if locked := waitingOnALock(); len(locked) > 0 {
					cancel()
					for range out {
					}
					t.Fatalf("while Merge waited to hand values over to a reader that does not read, goroutines waited for a mutex:\n\t%s\nwant no lock held across a send"+hint, strings.Join(locked, "\n\t"))
				}
				cancel()
				synctest.Wait() // Merge has done all it will do after the cancel
				taken := 0
				for _, in := range ins {
					taken += 5 - len(in)
				}
				if taken > 3 {
					t.Errorf("Merge's goroutines each took a value and waited to hand it over; ctx was cancelled, and they took %d more from the inputs; want none: once ctx is done, Merge stops, it does not drop a value and go on"+hint, taken-3)
				}
				for range out { // out is closed: let the test end
				}
			})
		})
		if !ok {
			break
		}
	}
}
