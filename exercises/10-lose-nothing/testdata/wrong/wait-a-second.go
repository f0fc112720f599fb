// Wrong: Run sleeps a second after the stop, long enough for the jobs here, instead of waiting for the workers to return.

package shutdown

import (
	"context"
	"time"
)

// Run runs jobs from queue on workers until stop is done, gives the
// running jobs grace to finish, and waits long enough for them.
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
	time.AfterFunc(grace, cancelWork)
	time.Sleep(time.Second)
	return c.summary()
}
