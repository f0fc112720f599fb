package scenario

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"syscall"
	"time"

	"example.com/cancellation/ctxversion"
)

// shutdownPool is the pool of the graceful-shutdown scenario: two workers,
// jobs of 3, 4, 2, 3, ... steps, and 10ms of grace after the stop. It
// writes each of the pool's events to w as a line, and records it: a job
// is a task from its acceptance to its end.
func shutdownPool(log *slog.Logger) ctxversion.Pool {
	return ctxversion.Pool{
		Workers:  2,
		Grace:    10 * time.Millisecond,
		JobSteps: func(id int) int { return 2 + id%3 },
		Log: func(e ctxversion.PoolEvent) {
			job := log.With("lane", fmt.Sprintf("job %d", e.Job))
			switch e.Kind {
			case ctxversion.JobAccepted:
				job.Info(fmt.Sprintf("%v", e), "event", "begin")
			case ctxversion.JobDone, ctxversion.JobAbandoned:
				job.Info(fmt.Sprintf("%v", e), "event", "end", "err", e.Err)
			case ctxversion.Stopped:
				log.Info(fmt.Sprintf("%v", e), "event", "stop")
			case ctxversion.GraceOver, ctxversion.Hurried:
				log.Info(fmt.Sprintf("%v", e), "event", "cancel")
			default:
				log.Info(fmt.Sprintf("%v", e))
			}
		},
	}
}

// StopAfter is when the graceful-shutdown scenario's stop comes.
const StopAfter = 45 * time.Millisecond

// GracefulShutdown runs the worker pool and stops it after 45ms, as a
// SIGTERM would, with nothing to hurry it.
func GracefulShutdown(log *slog.Logger) {
	stop, sigterm := context.WithCancelCause(context.Background())
	time.AfterFunc(45*time.Millisecond, func() { sigterm(errors.New("SIGTERM, simulated")) })
	summary := shutdownPool(log).Run(stop, context.Background())
	log.Info(summary.String())
}

// GracefulShutdownLive runs the worker pool until a real SIGTERM or SIGINT,
// or until a signal on opts.Signals if it is set (the browser view's
// button: the run is signalled, not the process). If opts.WaitSignal is
// false and no Signals are given, it sends itself SIGTERM after 45ms;
// otherwise it says "ready" and waits for one from outside. A second
// signal during the shutdown cancels the running jobs at once. Either way
// it waits for every worker and prints the summary.
//
// ctx's end (the lessons command's Ctrl-C) counts as the first signal.
func GracefulShutdownLive(ctx context.Context, log *slog.Logger, opts Options) error {
	signals := opts.Signals
	if signals == nil {
		// Registered before anything else, so that no signal is missed.
		ch := make(chan os.Signal, 2)
		signal.Notify(ch, syscall.SIGTERM, os.Interrupt)
		defer signal.Stop(ch)
		signals = ch
	}
	// The first signal stops the pool, with the signal as the cause (as
	// signal.NotifyContext words it); the second hurries it.
	stop, stopNow := context.WithCancelCause(ctx)
	defer stopNow(nil)
	hurry, hurryNow := context.WithCancel(context.Background())
	defer hurryNow()
	go func() {
		for n := 1; ; n++ {
			select {
			case sig := <-signals:
				if n == 1 {
					stopNow(fmt.Errorf("%v signal received", sig))
					continue
				}
				hurryNow()
				return
			case <-hurry.Done():
				return
			}
		}
	}()

	switch {
	case opts.Signals != nil:
		log.Info("ready: send SIGTERM (the button) to shut down, a second one to hurry")
	case opts.WaitSignal:
		log.Info(fmt.Sprintf("ready: pid %d; send SIGTERM or SIGINT (Ctrl-C) to shut down, a second one to hurry",
			os.Getpid()))
	default:
		log.Info(selfStopNote)
		timer := time.AfterFunc(StopAfter, func() { selfStop(func() { stopNow(errors.New("stopped directly")) }) })
		defer timer.Stop()
	}
	pool := shutdownPool(log)
	if opts.WaitSignal || opts.Signals != nil {
		// A person sends the signal, from another shell: jobs fifty times
		// longer (1 to 2 seconds, a line or two a second), so that the pid
		// stays on the screen long enough to read, and a grace period of
		// half a second, so that a second signal can hurry it by hand.
		pool.JobSteps = func(id int) int { return 50 * (2 + id%3) }
		pool.Grace = 500 * time.Millisecond
	}
	summary := pool.Run(stop, hurry)
	log.Info(summary.String())
	return nil
}
