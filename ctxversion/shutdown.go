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

// PoolEvent is one thing that happened in a Pool. Its String is the line a
// log of the pool shows.
type PoolEvent struct {
	Kind  PoolEventKind
	Job   int           // the job, for JobAccepted, JobDone and JobAbandoned
	Steps int           // the job's steps, for JobAccepted
	Err   error         // the job's error (JobAbandoned), the stop's cause (Stopped), the cause given to the running jobs (GraceOver, Hurried)
	Grace time.Duration // the grace the running jobs have, for Stopped
}

// PoolEventKind says what a PoolEvent is.
type PoolEventKind int

// The events of a Pool, in the order they can happen to a job and to the
// pool.
const (
	JobAccepted  PoolEventKind = iota + 1 // a worker took the job
	JobDone                               // the job ran every step
	JobAbandoned                          // the job stopped when the work was cancelled
	Stopped                               // the stop came: no new jobs; the grace begins
	GraceOver                             // the grace ran out: the running jobs are cancelled
	Hurried                               // told to hurry: the running jobs are cancelled
)

// String returns the event as a line of the pool's log, such as
// "job 3 accepted (2 steps)".
func (e PoolEvent) String() string {
	switch e.Kind {
	case JobAccepted:
		return fmt.Sprintf("job %d accepted (%d steps)", e.Job, e.Steps)
	case JobDone:
		return fmt.Sprintf("job %d done", e.Job)
	case JobAbandoned:
		return fmt.Sprintf("job %d abandoned: %v", e.Job, e.Err)
	case Stopped:
		return fmt.Sprintf("stop (%v): no new jobs; running jobs have %v to finish", e.Err, e.Grace)
	case GraceOver:
		return "grace period over: cancelling the jobs still running"
	case Hurried:
		return "told to hurry: cancelling the jobs still running"
	}
	return fmt.Sprintf("PoolEvent(%d)", e.Kind)
}

// Pool runs numbered jobs on a fixed set of workers until it is told to
// stop, then shuts down gracefully. Job n has JobSteps(n) steps of
// StepDuration, run by LongTask.
type Pool struct {
	Workers  int              // how many jobs run at once
	Grace    time.Duration    // how long running jobs may go on after the stop
	JobSteps func(id int) int // the steps of job id
	Log      func(PoolEvent)  // if not nil, told each event as it happens, one call at a time
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
		mu      sync.Mutex // guards summary and the calls to Log
		summary Summary
		workers sync.WaitGroup
	)
	log := func(e PoolEvent) { // with mu held
		if p.Log != nil {
			p.Log(e)
		}
	}
	jobs := make(chan int) // unbuffered: a job is accepted when a worker takes it
	for range p.Workers {
		workers.Go(func() {
			for id := range jobs {
				_, err := LongTask(work, p.JobSteps(id), io.Discard)
				mu.Lock()
				if err != nil {
					summary.Cancelled++
					log(PoolEvent{Kind: JobAbandoned, Job: id, Err: err})
				} else {
					summary.Completed++
					log(PoolEvent{Kind: JobDone, Job: id})
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
			log(PoolEvent{Kind: JobAccepted, Job: id, Steps: p.JobSteps(id)})
			mu.Unlock()
		case <-stop.Done():
			break produce
		}
	}
	close(jobs)
	mu.Lock()
	log(PoolEvent{Kind: Stopped, Err: context.Cause(stop), Grace: p.Grace})
	mu.Unlock()

	finished := make(chan struct{})
	go func() { workers.Wait(); close(finished) }()
	grace := time.NewTimer(p.Grace)
	defer grace.Stop()
	select {
	case <-finished:
	case <-grace.C:
		mu.Lock()
		log(PoolEvent{Kind: GraceOver, Err: ErrGraceOver})
		mu.Unlock()
		cancelWork(ErrGraceOver)
	case <-hurry.Done():
		mu.Lock()
		log(PoolEvent{Kind: Hurried, Err: ErrHurried})
		mu.Unlock()
		cancelWork(ErrHurried)
	}
	<-finished // cancelled is not finished: wait for every worker
	return summary
}
