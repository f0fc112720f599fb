package scenario

import (
	"context"
	"fmt"
	"log/slog"
	"runtime"
	"strings"
	"time"
)

// leakyWorker is lesson 15's pitfall: it waits for jobs, and never for
// ctx.Done(). When its producer stops sending without closing jobs, it
// waits forever.
func leakyWorker(ctx context.Context, jobs <-chan int, results chan<- int) {
	for j := range jobs {
		results <- 2 * j
	}
}

// worker is the fix: it waits for a job or for ctx.Done(), whichever comes
// first, and hands over each result the same way.
func worker(ctx context.Context, jobs <-chan int, results chan<- int) {
	for {
		select {
		case <-ctx.Done():
			return
		case j, ok := <-jobs:
			if !ok {
				return
			}
			select {
			case results <- 2 * j:
			case <-ctx.Done():
				return
			}
		}
	}
}

// leftIn returns the state of each goroutine that has fn, a function of
// this package, on its stack: "chan receive", say. It reads the stacks of
// every goroutine (runtime.Stack), as goleak does.
func leftIn(fn string) []string {
	buf := make([]byte, 1<<20) // room for all the stacks of this program
	buf = buf[:runtime.Stack(buf, true)]
	frame := "example.com/cancellation/internal/scenario." + fn + "("
	var states []string
	// One goroutine a paragraph, headed "goroutine 7 [chan receive]:".
	for _, g := range strings.Split(string(buf), "\n\n") {
		header, stack, _ := strings.Cut(g, "\n")
		if strings.Contains("\n"+stack, "\n"+frame) {
			_, state, _ := strings.Cut(header, "[")
			state, _, _ = strings.Cut(state, "]")
			// The state alone: not ", synctest bubble 1" nor " (durable)".
			state, _, _ = strings.Cut(state, ",")
			state, _, _ = strings.Cut(state, " (")
			states = append(states, state)
		}
	}
	return states
}

// FindingLeaks runs lesson 15's leaking worker next to its fix, cancels
// both, and looks for the goroutines left behind as goleak does: in the
// stacks of every goroutine.
func FindingLeaks(log *slog.Logger) {
	ctx, cancel := context.WithCancel(context.Background())

	// start runs work in a goroutine, gives it job 21 and reads its result.
	start := func(name string, work func(context.Context, <-chan int, chan<- int)) (jobs chan int, returned chan struct{}) {
		jobs, results, returned := make(chan int), make(chan int), make(chan struct{})
		go func() {
			defer close(returned)
			work(ctx, jobs, results)
		}()
		jobs <- 21
		log.With("lane", name).Info(fmt.Sprintf("%s: started; 21 doubled is %d",
			name, <-results),
			"event", "begin")
		return jobs, returned
	}
	leakyJobs, leakyReturned := start("leakyWorker", leakyWorker)
	jobs, returned := start("worker", worker)

	time.Sleep(CancelAfter)
	log.Info("cancel: neither worker gets another job, and jobs stays open",
		"event", "cancel")
	cancel()
	<-returned
	log.With("lane", "worker").Info(fmt.Sprintf("worker: returned (%v)", ctx.Err()),
		"event", "end", "err", ctx.Err())
	close(jobs)

	const later = 100 * time.Millisecond
	time.Sleep(later)
	log.Info(fmt.Sprintf("%v after the cancel: goroutines in leakyWorker %q, in worker %q",
		later, leftIn("leakyWorker"), leftIn("worker")))

	log.Info("closing jobs, the only other way out of leakyWorker's range")
	close(leakyJobs)
	<-leakyReturned
	log.With("lane", "leakyWorker").Info("leakyWorker: returned", "event", "end")
	log.Info(fmt.Sprintf("goroutines in leakyWorker now: %q", leftIn("leakyWorker")))
}
