package leak

import (
	"context"
	"testing"
	"testing/synctest"
)

const hint = "\nHint: go run ./lessons hint 15"

func TestWorkerReturnsWhenCancelled(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		jobs, results := make(chan int), make(chan int)
		returned := make(chan struct{})
		go func() {
			Worker(ctx, jobs, results)
			close(returned)
		}()
		jobs <- 21
		if got := <-results; got != 42 {
			t.Errorf("Worker turned 21 into %d; want 42"+hint, got)
		}
		cancel() // jobs stays open: only the context says stop
		synctest.Wait()
		select {
		case <-returned:
		default:
			close(jobs) // release it, so that the test can end
			<-returned
			t.Fatal("after cancel, Worker was still waiting for a job: a leaked goroutine; want it to return when ctx is done" + hint)
		}
	})
}

func TestWorkerReturnsWhenJobsCloses(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		jobs, results := make(chan int), make(chan int)
		close(jobs)
		Worker(context.Background(), jobs, results) // must return
	})
}
