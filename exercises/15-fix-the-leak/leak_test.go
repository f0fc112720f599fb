package leak

import (
	"context"
	"fmt"
	"runtime"
	"sync"
	"testing"
	"testing/synctest"
	"time"
)

const hint = "\nHint: go run ./lessons hint 15"

// stuckAfter bounds, on the real clock, how long a bubble of these tests
// may take; a right answer's takes milliseconds. A goroutine that never
// blocks (a busy loop: a break in a select leaves the select, not the
// loop around it) keeps the bubble's clock from moving, and a test that
// waits would wait for ever: this bound makes it fail instead.
const stuckAfter = 20 * time.Second

// inBubble runs f in a synctest bubble, as synctest.Test does, and ends
// the tests with a panic that says why if the bubble is still running
// stuckAfter later, on the real clock.
func inBubble(t *testing.T, f func(*testing.T)) {
	stuck := time.AfterFunc(stuckAfter, func() {
		buf := make([]byte, 1<<20)
		buf = buf[:runtime.Stack(buf, true)]
		panic(fmt.Sprintf("%s: the bubble's clock stood still for %v of real time: a goroutine runs without ever waiting (a loop around a select whose break leaves only the select?), so time cannot pass for the test; want Worker to return when jobs is closed or ctx is done%s\n\n%s",
			t.Name(), stuckAfter, hint, buf))
	})
	defer stuck.Stop()
	synctest.Test(t, f)
}

// A runningWorker is Worker running in a goroutine, and its channels.
// (The test's package-level names leave ordinary ones, such as worker,
// start or result, free for your exercise.go.)
type runningWorker struct {
	jobs, results chan int
	returned      chan struct{} // closed when Worker returns
	closeOnce     sync.Once

	mu       sync.Mutex
	panicked []any // what each Worker that panicked panicked with
}

func startWorker(ctx context.Context) *runningWorker {
	w := &runningWorker{jobs: make(chan int), results: make(chan int)}
	w.returned = w.another(ctx)
	return w
}

// another runs one more Worker on w's channels, and returns a channel
// closed when it returns. A panic in Worker is recorded, so that the test
// can say what happened instead of crashing.
func (w *runningWorker) another(ctx context.Context) chan struct{} {
	returned := make(chan struct{})
	go func() {
		defer close(returned)
		defer func() {
			if r := recover(); r != nil {
				w.mu.Lock()
				w.panicked = append(w.panicked, r)
				w.mu.Unlock()
			}
		}()
		Worker(ctx, w.jobs, w.results)
	}()
	return returned
}

// checkOwnership fails the test if a Worker that has returned closed
// results, or panicked: results belongs to whoever made it (here, the
// test), which may share it between workers and closes it once they have
// all returned.
func (w *runningWorker) checkOwnership(t *testing.T) {
	t.Helper()
	w.mu.Lock()
	panicked := w.panicked
	w.mu.Unlock()
	for _, p := range panicked {
		t.Errorf("Worker panicked: %v; want it to return: if that is \"close of closed channel\", two Workers each closed results, a channel neither of them owns"+hint, p)
	}
	select {
	case _, ok := <-w.results:
		if !ok {
			t.Errorf("Worker returned and results is closed; want it open: results is not Worker's to close (it only sends on it): its owner, who may share it with other workers, closes it once they have all returned" + hint)
		}
	default:
	}
}

func (w *runningWorker) closeJobs() { w.closeOnce.Do(func() { close(w.jobs) }) }

// hasReturned reports whether Worker has returned, once every goroutine
// has done what it can at this instant.
func (w *runningWorker) hasReturned() bool {
	synctest.Wait()
	select {
	case <-w.returned:
		return true
	default:
		return false
	}
}

// release makes a Worker that did not return when it should have return
// after all, so that the test can end: it closes jobs, and reads results
// until Worker returns.
func (w *runningWorker) release() {
	w.closeJobs()
	for {
		select {
		case <-w.returned:
			return
		case <-w.results:
		}
	}
}

// give hands job j to Worker, and fails the test if it does not take it
// within a second.
func (w *runningWorker) give(t *testing.T, j int) {
	t.Helper()
	select {
	case w.jobs <- j:
	case <-time.After(time.Second):
		w.release()
		t.Fatalf("Worker did not take job %d within a second; want it to take every job until jobs is closed or ctx is done"+hint, j)
	}
}

// take reads Worker's result for job j a little late, as a slow reader
// would, and fails the test if there is none or it is not 2*j.
func (w *runningWorker) take(t *testing.T, j int) {
	t.Helper()
	synctest.Wait() // a slow reader: Worker must wait for it
	select {
	case got := <-w.results:
		if got != 2*j {
			t.Errorf("Worker turned %d into %d; want %d"+hint, j, got, 2*j)
		}
	case <-time.After(time.Second):
		w.release()
		t.Fatalf("Worker took job %d, and handed over no result within a second, to a reader that came late; want it to wait for the reader"+hint, j)
	}
}

func TestWorkerDoublesUntilJobsCloses(t *testing.T) {
	inBubble(t, func(t *testing.T) {
		w := startWorker(context.Background())
		for _, j := range []int{21, 5, -3} {
			w.give(t, j)
			w.take(t, j)
		}
		w.closeJobs()
		if !w.hasReturned() {
			w.release()
			t.Fatal("jobs was closed, and Worker did not return; want it to return" + hint)
		}
		w.checkOwnership(t)
	})
}

func TestWorkerReturnsWhileWaitingForAJob(t *testing.T) {
	inBubble(t, func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		w := startWorker(ctx)
		w.give(t, 21)
		w.take(t, 21)
		synctest.Wait() // Worker now waits for the next job
		cancel()        // jobs stays open: only the context says stop
		if !w.hasReturned() {
			w.release()
			t.Fatal("Worker was waiting for a job, and after cancel it did not return: a leaked goroutine; want it to return the moment ctx is done" + hint)
		}
		w.checkOwnership(t)
	})
}

func TestWorkerReturnsWhileWaitingToHandOver(t *testing.T) {
	inBubble(t, func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		w := startWorker(ctx)
		w.give(t, 21)   // and nobody reads results
		synctest.Wait() // Worker now waits to hand over 42
		cancel()
		if !w.hasReturned() {
			w.release()
			t.Fatal("Worker was waiting to hand over a result that nobody read, and after cancel it did not return: a leaked goroutine; want it to return the moment ctx is done" + hint)
		}
		w.checkOwnership(t)
	})
}

func TestWorkerReturnsWhenJobsIsClosedAtOnce(t *testing.T) {
	inBubble(t, func(t *testing.T) {
		w := startWorker(context.Background())
		w.closeJobs()
		if !w.hasReturned() {
			w.release()
			t.Fatal("jobs was closed before any job, and Worker did not return; want it to return" + hint)
		}
		w.checkOwnership(t)
	})
}

// TestWorkersShareTheirChannels runs two Workers on one jobs channel and
// one results channel, as a pool of workers does: each job goes to one of
// them, and both return when jobs is closed.
func TestWorkersShareTheirChannels(t *testing.T) {
	inBubble(t, func(t *testing.T) {
		w := startWorker(context.Background())
		second := w.another(context.Background())
		for _, j := range []int{21, 5, -3, 8} {
			w.give(t, j)
			w.take(t, j)
		}
		w.closeJobs()
		synctest.Wait()
		select {
		case <-second:
		default:
			w.release()
			t.Fatal("two Workers shared jobs, jobs was closed, and the second did not return; want both to return" + hint)
		}
		if !w.hasReturned() {
			w.release()
			t.Fatal("two Workers shared jobs, jobs was closed, and the first did not return; want both to return" + hint)
		}
		w.checkOwnership(t)
	})
}

// TestWorkerHandsOverBeforeReturning closes jobs while Worker still holds
// a result nobody has read: Worker must hand it over before it returns,
// not leave it to a goroutine that outlives it.
func TestWorkerHandsOverBeforeReturning(t *testing.T) {
	inBubble(t, func(t *testing.T) {
		w := startWorker(context.Background())
		w.give(t, 21) // and nobody reads results yet
		w.closeJobs()
		if w.hasReturned() {
			w.release()
			t.Fatal("Worker took job 21, jobs was closed, and Worker returned before anyone read its result; want it to wait and hand 42 over first: a result left to a goroutine of its own outlives Worker, and whoever closes results once the Workers have returned makes that goroutine panic" + hint)
		}
		w.take(t, 21)
		if !w.hasReturned() {
			w.release()
			t.Fatal("jobs was closed, Worker handed over its last result, and it did not return; want it to return" + hint)
		}
		w.checkOwnership(t)
	})
}

// TestWorkerTakesNoJobAfterTheCancel: jobs holds five jobs, nobody reads
// results, and ctx is cancelled while Worker waits to hand over the first
// result: Worker returns, and takes none of the four others. Done 20
// times, as select picks at random among ready cases.
func TestWorkerTakesNoJobAfterTheCancel(t *testing.T) {
	inBubble(t, func(t *testing.T) {
		for round := 1; round <= 20; round++ {
			ctx, cancel := context.WithCancel(context.Background())
			jobs, results := make(chan int, 5), make(chan int)
			for j := range 5 {
				jobs <- j
			}
			returned := make(chan struct{})
			go func() {
				defer close(returned)
				Worker(ctx, jobs, results)
			}()
			synctest.Wait() // Worker took a job, and waits to hand its result over
			cancel()
			synctest.Wait()
			select {
			case <-returned:
			default:
				close(jobs)
				for range results {
				}
				t.Fatalf("round %d: Worker waited to hand over a result that nobody read, and after cancel it did not return; want it to return the moment ctx is done"+hint, round)
			}
			if left := len(jobs); left != 4 {
				t.Fatalf("round %d: Worker took 1 job of 5 and waited to hand its result over; ctx was cancelled, and it took %d more before it returned; want none: once ctx is done, Worker stops, it does not drop the result and go on"+hint, round, 4-left)
			}
		}
	})
}
