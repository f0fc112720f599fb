// Wrong: the jobs run with a context made from context.Background, which outlives the stop but drops stop's values.

package shutdown

import (
	"context"
	"sync"
	"time"
)

// Run runs jobs from queue on workers until stop is done, gives the
// running jobs grace to finish, and waits for them.
func Run(stop context.Context, queue <-chan Job, workers int, grace time.Duration) Summary {
	work, cancelWork := context.WithCancel(context.Background())
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
	<-stop.Done()
	timer := time.AfterFunc(grace, cancelWork)
	defer timer.Stop()
	wg.Wait()
	return c.summary()
}
