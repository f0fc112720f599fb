package ctxversion

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sync"
	"time"
)

// ErrGraceOver is the cause given to jobs still running when a Pool's grace
// period ends.
var ErrGraceOver = errors.New("shutdown grace period over")

// ErrHurried is the cause given to running jobs when a Pool is told to
// hurry, for example by a second signal.
var ErrHurried = errors.New("told to hurry: second signal")

// Summary counts what happened to the jobs of a Pool. Every accepted job is
// either completed or cancelled; Lost counts any that are neither, and a
// correct shutdown keeps it at zero.
type Summary struct {
	Accepted  int // jobs a worker took
	Completed int // jobs that ran every step
	Cancelled int // jobs abandoned when the work was cancelled
}

// Lost returns the accepted jobs that were neither completed nor cancelled.
func (s Summary) Lost() int { return s.Accepted - s.Completed - s.Cancelled }

// String returns "accepted=N completed=C cancelled=K lost=L".
func (s Summary) String() string {
	return fmt.Sprintf("accepted=%d completed=%d cancelled=%d lost=%d", s.Accepted, s.Completed, s.Cancelled, s.Lost())
}

// Pool runs numbered jobs on a fixed set of workers until it is told to
// stop, then shuts down gracefully. Job n has JobSteps(n) steps of
// StepDuration, run by LongTask.
type Pool struct {
	Workers  int              // how many jobs run at once
	Grace    time.Duration    // how long running jobs may go on after the stop
	JobSteps func(id int) int // the steps of job id
	Log      io.Writer        // where the pool says what happens; must be safe for concurrent use
}

// Run hands jobs 1, 2, 3, ... to the workers, each as soon as a worker is
// free, until stop is done. Then it accepts no new job, gives the running
// jobs Grace to finish, cancels those still running (cause ErrGraceOver),
// and waits for every worker before it returns the summary. If hurry is done
// during the grace period, Run cancels the running jobs at once (cause
// ErrHurried).
func (p Pool) Run(stop, hurry context.Context) Summary {
	// The jobs' context outlives the stop: it is cancelled only by us.
	work, cancelWork := context.WithCancelCause(context.WithoutCancel(stop))
	defer cancelWork(nil)

	var (
		mu      sync.Mutex // guards summary
		summary Summary
		workers sync.WaitGroup
	)
	jobs := make(chan int) // unbuffered: a job is accepted when a worker takes it
	for range p.Workers {
		workers.Go(func() {
			for id := range jobs {
				_, err := LongTask(work, p.JobSteps(id), io.Discard)
				mu.Lock()
				if err != nil {
					summary.Cancelled++
					fmt.Fprintf(p.Log, "job %d abandoned: %v\n", id, err)
				} else {
					summary.Completed++
					fmt.Fprintf(p.Log, "job %d done\n", id)
				}
				mu.Unlock()
			}
		})
	}

	// The producer: a new job whenever a worker is free, until the stop.
	// select picks at random among ready cases: when the stop is done and
	// a worker is free at once, it could hand out one more job. So the
	// stop is checked on its own first, every time round.
produce:
	for id := 1; stop.Err() == nil; id++ {
		select {
		case jobs <- id:
			mu.Lock()
			summary.Accepted++
			fmt.Fprintf(p.Log, "job %d accepted (%d steps)\n", id, p.JobSteps(id))
			mu.Unlock()
		case <-stop.Done():
			break produce
		}
	}
	close(jobs)
	fmt.Fprintf(p.Log, "stop (%v): no new jobs; running jobs have %v to finish\n", context.Cause(stop), p.Grace)

	finished := make(chan struct{})
	go func() { workers.Wait(); close(finished) }()
	grace := time.NewTimer(p.Grace)
	defer grace.Stop()
	select {
	case <-finished:
	case <-grace.C:
		fmt.Fprintln(p.Log, "grace period over: cancelling the jobs still running")
		cancelWork(ErrGraceOver)
	case <-hurry.Done():
		fmt.Fprintln(p.Log, "told to hurry: cancelling the jobs still running")
		cancelWork(ErrHurried)
	}
	<-finished // cancelled is not finished: wait for every worker
	return summary
}
