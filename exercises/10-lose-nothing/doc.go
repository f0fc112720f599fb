// Package shutdown is the exercise of lesson 10, "Graceful shutdown".
//
// Run has workers take jobs from queue and run them, until stop is done;
// then it shuts down. As written, it gets all three parts of a graceful
// shutdown wrong. Make Run:
//
//   - Accept no job once stop is done. A worker that finishes a job after
//     the stop, or starts when stop is already done, takes no other, even
//     though the queue always has one ready: every time, not most times.
//   - Give the jobs running at the stop grace to finish. Their context is
//     not done at the stop: it is cancelled exactly grace after it, and a
//     job that ends before then completes. It keeps stop's values.
//   - Return only when every worker has returned, at the instant the last
//     job ends (at the stop, if none is running), with a Summary in which
//     every accepted job is counted as completed (it returned nil) or
//     cancelled (it returned an error): none is lost.
//
// Every worker takes a new job as soon as it is free; a worker waiting for
// a job when stop is done returns at once. The queue is never closed: the
// stop is the only end.
package shutdown

import (
	"context"
	"fmt"
	"sync/atomic"
)

// A Job does a piece of work. It returns nil when it completed, or its
// context's error when it was cancelled.
type Job func(ctx context.Context) error

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

// counters are updated by the workers.
type counters struct{ accepted, completed, cancelled atomic.Int64 }

// run runs job with ctx and counts how it ended.
func (c *counters) run(ctx context.Context, job Job) {
	if job(ctx) != nil {
		c.cancelled.Add(1)
	} else {
		c.completed.Add(1)
	}
}

func (c *counters) summary() Summary {
	return Summary{int(c.accepted.Load()), int(c.completed.Load()), int(c.cancelled.Load())}
}
