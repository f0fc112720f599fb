// Wrong: Run sleeps for the grace period instead of waiting for the workers, so it returns late when the jobs finish early and loses the jobs still running when it returns.

package shutdown

import (
	"context"
	"time"
)

// Run runs jobs from queue on workers until stop is done, and gives the
// running jobs grace to finish.
func Run(stop context.Context, queue <-chan Job, workers int, grace time.Duration) Summary {
	work, cancelWork := context.WithCancel(context.WithoutCancel(stop))
	defer cancelWork()
	var c counters
	for range workers {
		go func() {
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
		}()
	}
	<-stop.Done()
	time.Sleep(grace)
	cancelWork()
	return c.summary()
}
