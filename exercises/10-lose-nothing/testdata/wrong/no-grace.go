// Wrong: the jobs run with the stop context itself, so the stop cancels them at once instead of giving them the grace period.

package shutdown

import (
	"context"
	"sync"
	"time"
)

// Run runs jobs from queue on workers until stop is done, and waits for
// them.
func Run(stop context.Context, queue <-chan Job, workers int, grace time.Duration) Summary {
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
					c.run(stop, job)
				}
			}
		})
	}
	wg.Wait()
	return c.summary()
}
