// Wrong: a job is counted as cancelled when its context is done after it returns, not when it returned an error, so a job that finishes its work and returns nil after the grace is counted as cancelled, and one that fails on its own in time as completed.

package shutdown

import (
	"context"
	"sync"
	"time"
)

// Run runs jobs from queue on workers until stop is done. Then it accepts
// no new job, gives the running jobs grace to finish, cancels those still
// running, and waits for every worker before it returns the summary.
func Run(stop context.Context, queue <-chan Job, workers int, grace time.Duration) Summary {
	// The jobs' context outlives the stop: it is cancelled only by us.
	work, cancelWork := context.WithCancel(context.WithoutCancel(stop))
	defer cancelWork()

	var (
		c  counters
		wg sync.WaitGroup
	)
	for range workers {
		wg.Go(func() {
			for {
				// select picks at random among ready cases, and the queue
				// is always ready: look at the stop on its own first.
				if stop.Err() != nil {
					return
				}
				select {
				case <-stop.Done():
					return
				case job := <-queue:
					c.accepted.Add(1)
					if job(work); work.Err() != nil {
						c.cancelled.Add(1)
					} else {
						c.completed.Add(1)
					}
				}
			}
		})
	}

	<-stop.Done()
	timer := time.AfterFunc(grace, cancelWork) // the grace period starts at the stop
	defer timer.Stop()
	wg.Wait() // cancelled is not finished: wait for every worker
	return c.summary()
}
