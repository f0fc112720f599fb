package scenario

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math"
	"sync"
	"sync/atomic"
	"time"

	"example.com/cancellation/ctxversion"
	"example.com/cancellation/std"
)

// NoCancel is what happens without cancellation: the result stops being
// needed at 35ms, but nothing can tell the task, so it works on to the end.
func NoCancel(log *slog.Logger) {
	task := log.With("lane", "task 1")
	var (
		msg string
		wg  sync.WaitGroup
	)
	// A token that nobody will ever cancel: the same as no token at all.
	wg.Go(func() { msg, _ = std.LongTask(std.NewToken(), 10, stepWriter(task)) })
	time.Sleep(35 * time.Millisecond)
	log.Info("The user typed another letter: this search is no longer needed.",
		"event", "unneeded")
	wg.Wait()
	task.Info("Result: "+msg+" (for nobody)", "event", "end")
}

// SharedToken gives one token to three tasks that start 3ms apart; a single
// Cancel at 35ms stops them all, each at its own next check.
func SharedToken(log *slog.Logger) {
	token := std.NewToken()
	var wg sync.WaitGroup
	for i, name := range []string{"A", "B", "C"} {
		task := log.With("task", name) // its lines begin "[A] "
		start := time.Duration(i) * 3 * time.Millisecond
		wg.Go(func() {
			time.Sleep(start)
			task.Info("started", "event", "begin")
			_, err := std.LongTask(token, 10, stepWriter(task)) // the same *Token
			task.Info(fmt.Sprint("Cancelled: ", err), "event", "end", "err", err)
		})
	}
	time.Sleep(35 * time.Millisecond)
	log.Info("Cancelling...", "event", "cancel")
	token.Cancel() // one call, seen by all three
	wg.Wait()
}

// Sums shows CancellableSum's contract: the sum, what a cancelled token
// does, the empty slice that needs no check, and saturation in order.
func Sums(log *slog.Logger) {
	data := make([]int64, 1_000_000)
	for i := range data {
		data[i] = int64(i + 1)
	}
	live, cancelled := std.NewToken(), std.NewToken()
	cancelled.Cancel()

	sum, ok := std.CancellableSum(live, data)
	log.Info(fmt.Sprintf("1 + 2 + ... + 1000000       = %d, %v", sum, ok))
	sum, ok = std.CancellableSum(cancelled, data)
	log.Info(fmt.Sprintf("the same, token cancelled   = %d, %v", sum, ok))
	sum, ok = std.CancellableSum(cancelled, nil)
	log.Info(fmt.Sprintf("no data, token cancelled    = %d, %v", sum, ok))
	sum, _ = std.CancellableSum(live, []int64{math.MaxInt64, 1, -1})
	log.Info(fmt.Sprintf("MaxInt64 + 1 - 1            = %d", sum))
	sum, _ = std.CancellableSum(live, []int64{math.MaxInt64, -1, 1})
	log.Info(fmt.Sprintf("MaxInt64 - 1 + 1            = %d", sum))
}

// Publish shows what an atomic flag guarantees beyond itself: a worker
// writes a plain result and then sets the flag; whoever sees the flag set
// also sees the result.
func Publish(log *slog.Logger) {
	var (
		result int         // plain memory, written once
		done   atomic.Bool // the flag that publishes it
		wg     sync.WaitGroup
	)
	worker, main := log.With("lane", "worker"), log.With("lane", "main")
	worker.Info("worker: started", "event", "begin")
	wg.Go(func() {
		time.Sleep(10 * time.Millisecond) // the work
		result = 42
		done.Store(true) // after the result: the store publishes it
		worker.Info("worker: done: wrote the result, then set the flag", "event", "end")
	})
	main.Info("main: started polling the flag every 3ms", "event", "begin")
	for !done.Load() { // poll every 3ms, as a task checks between steps
		time.Sleep(3 * time.Millisecond)
	}
	main.Info(fmt.Sprint("main: done: saw the flag, so the result is there: ", result),
		"event", "end")
	wg.Wait()
}

// WhyItStopped stops the same task three ways and asks the error why.
func WhyItStopped(log *slog.Logger) {
	errLoggedOut := errors.New("user logged out")
	ways := []struct {
		name string
		ctx  func() (context.Context, context.CancelFunc)
	}{
		{"cancel()", func() (context.Context, context.CancelFunc) {
			ctx, cancel := context.WithCancel(context.Background())
			time.AfterFunc(35*time.Millisecond, cancel)
			return ctx, cancel
		}},
		{"timeout", func() (context.Context, context.CancelFunc) {
			return context.WithTimeout(context.Background(), 35*time.Millisecond)
		}},
		{"cancel(cause)", func() (context.Context, context.CancelFunc) {
			ctx, cancel := context.WithCancelCause(context.Background())
			time.AfterFunc(35*time.Millisecond, func() { cancel(errLoggedOut) })
			return ctx, func() { cancel(nil) }
		}},
	}
	for _, way := range ways {
		ctx, cancel := way.ctx()
		task := log.With("lane", way.name)
		task.Info(way.name+": started", "event", "begin")
		_, err := ctxversion.LongTask(ctx, 10, io.Discard)
		task.Info(fmt.Sprintf("%s: stopped: %v", way.name, err),
			"event", "end", "err", err)
		log.Info(fmt.Sprintf("  Is Canceled: %v, Is DeadlineExceeded: %v, Is errLoggedOut: %v",

			errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded),
			errors.Is(err, errLoggedOut)))
		log.Info(fmt.Sprintf("  ctx.Err(): %v, context.Cause(ctx): %v",
			ctx.Err(), context.Cause(ctx)))
		cancel()
	}
}
