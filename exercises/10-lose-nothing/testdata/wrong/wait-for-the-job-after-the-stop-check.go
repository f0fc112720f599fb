// Wrong: a worker checks the stop and then waits for a job alone, so a worker waiting on an empty queue never sees the stop.

package shutdown

import (
	"context"
	"sync"
	"time"
)

// Run runs jobs from queue on workers until stop is done, gives the
// running jobs grace to finish, and waits for them.
func Run(stop context.Context, queue <-chan Job, workers int, grace time.Duration) Summary {
	work, cancelWork := context.WithCancel(context.WithoutCancel(stop))
	defer cancelWork()
	var (
		c  counters
		wg sync.WaitGroup
	)
	for range workers {
		wg.Go(func() {
			for stop.Err() == nil {
				job := <-queue
				c.accepted.Add(1)
				c.run(work, job)
			}
		})
	}
	<-stop.Done()
	timer := time.AfterFunc(grace, cancelWork)
	defer timer.Stop()
	wg.Wait()
	return c.summary()
}
