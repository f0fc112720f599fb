//go:build !solution

package shutdown

import (
	"context"
	"time"
)

// Run runs jobs from queue on workers until stop is done, and returns the
// summary.
func Run(stop context.Context, queue <-chan Job, workers int, grace time.Duration) Summary {
	var c counters
	for range workers {
		go func() {
			for {
				// TODO: when stop is done and a job is ready, which case wins?
				select {
				case <-stop.Done():
					return
				case job := <-queue:
					c.accepted.Add(1)
					c.run(stop, job) // TODO: the stop cancels the running jobs at once: no grace
				}
			}
		}()
	}
	<-stop.Done()
	// TODO: cancelled is not finished: the workers may still be running.
	return c.summary()
}
