// Wrong: with a grace of 0 no timer is started, as if 0 meant no limit, so the jobs running at the stop are never cancelled and Run waits for them to finish.

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
					c.run(work, job)
				}
			}
		})
	}

	<-stop.Done()
	if grace > 0 { // no grace period: nothing to time
		timer := time.AfterFunc(grace, cancelWork) // the grace period starts at the stop
		defer timer.Stop()
	}
	wg.Wait() // cancelled is not finished: wait for every worker
	return c.summary()
}
