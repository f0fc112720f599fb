package leak

import (
	"context"
	"sync"
	"testing"
	"testing/synctest"
	"time"
)

const hint = "\nHint: go run ./lessons hint 15"

// A worker is a Worker running in a goroutine, and its channels.
type worker struct {
	jobs, results chan int
	returned      chan struct{} // closed when Worker returns
	closeOnce     sync.Once
}

func start(ctx context.Context) *worker {
	w := &worker{jobs: make(chan int), results: make(chan int), returned: make(chan struct{})}
	go func() {
		Worker(ctx, w.jobs, w.results)
		close(w.returned)
	}()
	return w
}

func (w *worker) closeJobs() { w.closeOnce.Do(func() { close(w.jobs) }) }

// hasReturned reports whether Worker has returned, once every goroutine
// has done what it can at this instant.
func (w *worker) hasReturned() bool {
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
func (w *worker) release() {
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
func (w *worker) give(t *testing.T, j int) {
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
func (w *worker) take(t *testing.T, j int) {
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
	synctest.Test(t, func(t *testing.T) {
		w := start(context.Background())
		for _, j := range []int{21, 5, -3} {
			w.give(t, j)
			w.take(t, j)
		}
		w.closeJobs()
		if !w.hasReturned() {
			w.release()
			t.Fatal("jobs was closed, and Worker did not return; want it to return" + hint)
		}
	})
}

func TestWorkerReturnsWhileWaitingForAJob(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		w := start(ctx)
		w.give(t, 21)
		w.take(t, 21)
		synctest.Wait() // Worker now waits for the next job
		cancel()        // jobs stays open: only the context says stop
		if !w.hasReturned() {
			w.release()
			t.Fatal("Worker was waiting for a job, and after cancel it did not return: a leaked goroutine; want it to return the moment ctx is done" + hint)
		}
	})
}

func TestWorkerReturnsWhileWaitingToHandOver(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		w := start(ctx)
		w.give(t, 21)   // and nobody reads results
		synctest.Wait() // Worker now waits to hand over 42
		cancel()
		if !w.hasReturned() {
			w.release()
			t.Fatal("Worker was waiting to hand over a result that nobody read, and after cancel it did not return: a leaked goroutine; want it to return the moment ctx is done" + hint)
		}
	})
}

func TestWorkerReturnsWhenJobsIsClosedAtOnce(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		w := start(context.Background())
		w.closeJobs()
		if !w.hasReturned() {
			w.release()
			t.Fatal("jobs was closed before any job, and Worker did not return; want it to return" + hint)
		}
	})
}
