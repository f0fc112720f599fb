// Package shutdown is the exercise of lesson 10, "Graceful shutdown".
//
// Run hands jobs to workers until stop is done, but then returns at once,
// while jobs are still running: cancelled is not finished, and those jobs
// are lost from the summary. Make Run wait for every worker before it
// returns, so that every accepted job is counted as completed or
// cancelled.
package shutdown

import (
	"context"
	"fmt"
	"sync/atomic"
	"time"
)

// Summary counts what happened to the jobs.
type Summary struct {
	Accepted, Completed, Cancelled int
}

// Lost is the accepted jobs that were neither completed nor cancelled.
func (s Summary) Lost() int { return s.Accepted - s.Completed - s.Cancelled }

// String returns "accepted=N completed=C cancelled=K lost=L".
func (s Summary) String() string {
	return fmt.Sprintf("accepted=%d completed=%d cancelled=%d lost=%d", s.Accepted, s.Completed, s.Cancelled, s.Lost())
}

// Job works 3 steps of 10ms, checking ctx between steps.
func Job(ctx context.Context) error {
	for range 3 {
		if err := ctx.Err(); err != nil {
			return err
		}
		time.Sleep(10 * time.Millisecond)
	}
	return nil
}

// counters are updated by the workers.
type counters struct{ accepted, completed, cancelled atomic.Int64 }

func (c *counters) summary() Summary {
	return Summary{int(c.accepted.Load()), int(c.completed.Load()), int(c.cancelled.Load())}
}
