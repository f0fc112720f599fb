// Wrong: the grace timer starts when Run starts, not at the stop, so the jobs are cancelled grace after the start.

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
	timer := time.AfterFunc(grace, cancelWork)
	defer timer.Stop()
	var (
		c  counters
		wg sync.WaitGroup
	)
	for range workers {
		wg.Go(func() {
			for {
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
	wg.Wait()
	return c.summary()
}
