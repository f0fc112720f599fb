package scenario

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"

	"example.com/cancellation/ctxversion"
	"example.com/cancellation/internal/event"
)

// shutdownPool is the pool of the graceful-shutdown scenario: two workers,
// jobs of 3, 4, 2, 3, ... steps, and 10ms of grace after the stop. It
// writes each of the pool's events to w as a line, and records it: a job
// is a task from its acceptance to its end.
func shutdownPool(w io.Writer) ctxversion.Pool {
	log := event.To(w)
	return ctxversion.Pool{
		Workers:  2,
		Grace:    10 * time.Millisecond,
		JobSteps: func(id int) int { return 2 + id%3 },
		Log: func(e ctxversion.PoolEvent) {
			job := log.Lane(fmt.Sprintf("job %d", e.Job))
			switch e.Kind {
			case ctxversion.JobAccepted:
				job.Begin("%v", e)
			case ctxversion.JobDone, ctxversion.JobAbandoned:
				job.End(e.Err, "%v", e)
			case ctxversion.Stopped:
				log.Stop("%v", e)
			case ctxversion.GraceOver, ctxversion.Hurried:
				log.Cancel("%v", e)
			default:
				log.Printf("%v", e)
			}
		},
	}
}

// StopAfter is when the graceful-shutdown scenario's stop comes.
const StopAfter = 45 * time.Millisecond

// GracefulShutdown runs the worker pool and stops it after 45ms, as a
// SIGTERM would, with nothing to hurry it.
func GracefulShutdown(w io.Writer) {
	stop, sigterm := context.WithCancelCause(context.Background())
	time.AfterFunc(StopAfter, func() { sigterm(errors.New("SIGTERM, simulated")) })
	summary := shutdownPool(w).Run(stop, context.Background())
	fmt.Fprintln(w, summary)
}

// GracefulShutdownLive runs the worker pool until a real SIGTERM or SIGINT.
// If waitSignal is false it sends itself SIGTERM after 45ms; if true it says
// "ready" and waits for one from outside. A second signal during the
// shutdown cancels the running jobs at once. Either way it waits for every
// worker and prints the summary.
//
// ctx's end (the lessons command's Ctrl-C) counts as the first signal.
func GracefulShutdownLive(ctx context.Context, w io.Writer, waitSignal bool) error {
	// Every signal is also counted here, so that a second one can hurry
	// the shutdown; registered first, so that no signal is missed.
	signals := make(chan os.Signal, 2)
	signal.Notify(signals, syscall.SIGTERM, os.Interrupt)
	defer signal.Stop(signals)
	stop, stopSignals := signal.NotifyContext(ctx, syscall.SIGTERM, os.Interrupt)
	defer stopSignals()
	hurry, hurryNow := context.WithCancel(context.Background())
	defer hurryNow()
	go func() {
		for n := 1; ; n++ {
			select {
			case <-signals:
				if n == 2 {
					hurryNow()
					return
				}
			case <-hurry.Done():
				return
			}
		}
	}()

	if waitSignal {
		fmt.Fprintf(w, "ready: pid %d; send SIGTERM or SIGINT (Ctrl-C) to shut down, a second one to hurry\n", os.Getpid())
	} else {
		fmt.Fprintln(w, selfStopNote)
		timer := time.AfterFunc(StopAfter, func() { selfStop(stopSignals) })
		defer timer.Stop()
	}
	summary := shutdownPool(w).Run(stop, hurry)
	fmt.Fprintln(w, summary)
	return nil
}
