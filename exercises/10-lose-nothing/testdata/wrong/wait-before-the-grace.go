// Wrong: Run waits for the workers before it starts the grace timer, so a job still running when the grace period ends is never cancelled.

package shutdown

import (
	"context"
	"sync"
	"time"
)

// Run runs jobs from queue on workers until stop is done, waits for them,
// and gives them grace to finish.
func Run(stop context.Context, queue <-chan Job, workers int, grace time.Duration) Summary {
	work, cancelWork := context.WithCancel(context.WithoutCancel(stop))
	defer cancelWork()
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
	timer := time.AfterFunc(grace, cancelWork)
	defer timer.Stop()
	return c.summary()
}
