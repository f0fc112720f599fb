package scenario

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"sync"
	"sync/atomic"
	"time"

	"example.com/cancellation/ctxversion"
	"example.com/cancellation/internal/event"
	"example.com/cancellation/std"
)

// NoCancel is what happens without cancellation: the result stops being
// needed at 35ms, but nothing can tell the task, so it works on to the end.
func NoCancel(w io.Writer) {
	log := event.To(w)
	task := log.Lane("task 1")
	var (
		msg string
		wg  sync.WaitGroup
	)
	// A token that nobody will ever cancel: the same as no token at all.
	wg.Go(func() { msg, _ = std.LongTask(std.NewToken(), 10, task) })
	time.Sleep(CancelAfter)
	log.Unneeded("The user typed another letter: this search is no longer needed.")
	wg.Wait()
	task.End(nil, "Result: %s (for nobody)", msg)
}

// SharedToken gives one token to three tasks that start 3ms apart; a single
// Cancel at 35ms stops them all, each at its own next check.
func SharedToken(w io.Writer) {
	log := event.To(w)
	token := std.NewToken()
	var wg sync.WaitGroup
	for i, name := range []string{"A", "B", "C"} {
		task := log.Task(name) // its lines begin "[A] "
		start := time.Duration(i) * 3 * time.Millisecond
		wg.Go(func() {
			time.Sleep(start)
			task.Begin("started")
			_, err := std.LongTask(token, 10, task) // the same *Token
			task.End(err, "Cancelled: %v", err)
		})
	}
	time.Sleep(CancelAfter)
	log.Cancel("Cancelling...")
	token.Cancel() // one call, seen by all three
	wg.Wait()
}

// Sums shows CancellableSum's contract: the sum, what a cancelled token
// does, the empty slice that needs no check, and saturation in order.
func Sums(w io.Writer) {
	data := make([]int64, 1_000_000)
	for i := range data {
		data[i] = int64(i + 1)
	}
	live, cancelled := std.NewToken(), std.NewToken()
	cancelled.Cancel()

	sum, ok := std.CancellableSum(live, data)
	fmt.Fprintf(w, "1 + 2 + ... + 1000000       = %d, %v\n", sum, ok)
	sum, ok = std.CancellableSum(cancelled, data)
	fmt.Fprintf(w, "the same, token cancelled   = %d, %v\n", sum, ok)
	sum, ok = std.CancellableSum(cancelled, nil)
	fmt.Fprintf(w, "no data, token cancelled    = %d, %v\n", sum, ok)
	sum, _ = std.CancellableSum(live, []int64{math.MaxInt64, 1, -1})
	fmt.Fprintf(w, "MaxInt64 + 1 - 1            = %d\n", sum)
	sum, _ = std.CancellableSum(live, []int64{math.MaxInt64, -1, 1})
	fmt.Fprintf(w, "MaxInt64 - 1 + 1            = %d\n", sum)
}

// Publish shows what an atomic flag guarantees beyond itself: a worker
// writes a plain result and then sets the flag; whoever sees the flag set
// also sees the result.
func Publish(w io.Writer) {
	var (
		result int         // plain memory, written once
		done   atomic.Bool // the flag that publishes it
		wg     sync.WaitGroup
	)
	log := event.To(w)
	worker, main := log.Lane("worker"), log.Lane("main")
	worker.Begin("worker: started")
	wg.Go(func() {
		time.Sleep(10 * time.Millisecond) // the work
		result = 42
		done.Store(true) // after the result: the store publishes it
		worker.End(nil, "worker: done: wrote the result, then set the flag")
	})
	main.Begin("main: started polling the flag every 3ms")
	for !done.Load() { // poll every 3ms, as a task checks between steps
		time.Sleep(3 * time.Millisecond)
	}
	main.End(nil, "main: done: saw the flag, so the result is there: %d", result)
	wg.Wait()
}

// WhyItStopped stops the same task three ways and asks the error why.
func WhyItStopped(w io.Writer) {
	errLoggedOut := errors.New("user logged out")
	ways := []struct {
		name string
		ctx  func() (context.Context, context.CancelFunc)
	}{
		{"cancel()", func() (context.Context, context.CancelFunc) {
			ctx, cancel := context.WithCancel(context.Background())
			time.AfterFunc(CancelAfter, cancel)
			return ctx, cancel
		}},
		{"timeout", func() (context.Context, context.CancelFunc) {
			return context.WithTimeout(context.Background(), CancelAfter)
		}},
		{"cancel(cause)", func() (context.Context, context.CancelFunc) {
			ctx, cancel := context.WithCancelCause(context.Background())
			time.AfterFunc(CancelAfter, func() { cancel(errLoggedOut) })
			return ctx, func() { cancel(nil) }
		}},
	}
	log := event.To(w)
	for _, way := range ways {
		ctx, cancel := way.ctx()
		task := log.Lane(way.name)
		task.Begin("%s: started", way.name)
		_, err := ctxversion.LongTask(ctx, 10, io.Discard)
		task.End(err, "%s: stopped: %v", way.name, err)
		log.Printf("  Is Canceled: %v, Is DeadlineExceeded: %v, Is errLoggedOut: %v",
			errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded),
			errors.Is(err, errLoggedOut))
		log.Printf("  ctx.Err(): %v, context.Cause(ctx): %v", ctx.Err(), context.Cause(ctx))
		cancel()
	}
}
