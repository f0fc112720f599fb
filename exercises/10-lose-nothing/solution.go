//go:build solution

package shutdown

import (
	"context"
	"sync"
)

// Run runs Job on workers until stop is done, waits for every worker, and
// returns the summary.
func Run(stop context.Context, workers int) Summary {
	var c counters
	jobs := make(chan struct{})
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for range jobs {
				if Job(stop) != nil {
					c.cancelled.Add(1)
				} else {
					c.completed.Add(1)
				}
			}
		})
	}
	for {
		select {
		case jobs <- struct{}{}:
			c.accepted.Add(1)
		case <-stop.Done():
			close(jobs)
			wg.Wait() // cancelled is not finished: wait for every worker
			return c.summary()
		}
	}
}
