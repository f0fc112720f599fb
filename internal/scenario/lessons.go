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
	"example.com/cancellation/std"
)

// NoCancel is what happens without cancellation: the result stops being
// needed at 35ms, but nothing can tell the task, so it works on to the end.
func NoCancel(w io.Writer) {
	var (
		msg string
		wg  sync.WaitGroup
	)
	// A token that nobody will ever cancel: the same as no token at all.
	wg.Go(func() { msg, _ = std.LongTask(std.NewToken(), 10, w) })
	time.Sleep(CancelAfter)
	fmt.Fprintln(w, "The user typed another letter: this search is no longer needed.")
	wg.Wait()
	fmt.Fprintf(w, "Result: %s (for nobody)\n", msg)
}

// SharedToken gives one token to three tasks that start 3ms apart; a single
// Cancel at 35ms stops them all, each at its own next check.
func SharedToken(w io.Writer) {
	token := std.NewToken()
	var wg sync.WaitGroup
	for i, name := range []string{"A", "B", "C"} {
		tw := &tagWriter{tag: "[" + name + "] ", w: w}
		start := time.Duration(i) * 3 * time.Millisecond
		wg.Go(func() {
			time.Sleep(start)
			fmt.Fprintln(tw, "started")
			_, err := std.LongTask(token, 10, tw) // the same *Token
			fmt.Fprintf(tw, "Cancelled: %v\n", err)
		})
	}
	time.Sleep(CancelAfter)
	fmt.Fprintln(w, "Cancelling...")
	token.Cancel() // one call, seen by all three
	wg.Wait()
}

// tagWriter puts a tag before each line written to w, so the lines of
// several tasks can share one transcript. Each Write must be whole lines.
type tagWriter struct {
	tag string
	w   io.Writer
}

// Write writes p to t.w behind the tag.
func (t *tagWriter) Write(p []byte) (int, error) {
	if _, err := fmt.Fprintf(t.w, "%s%s", t.tag, p); err != nil {
		return 0, err
	}
	return len(p), nil
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
	fmt.Fprintln(w, "worker: started")
	wg.Go(func() {
		time.Sleep(10 * time.Millisecond) // the work
		result = 42
		done.Store(true) // after the result: the store publishes it
		fmt.Fprintln(w, "worker: done: wrote the result, then set the flag")
	})
	fmt.Fprintln(w, "main: started polling the flag every 3ms")
	for !done.Load() { // poll every 3ms, as a task checks between steps
		time.Sleep(3 * time.Millisecond)
	}
	fmt.Fprintf(w, "main: done: saw the flag, so the result is there: %d\n", result)
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
	for _, way := range ways {
		ctx, cancel := way.ctx()
		fmt.Fprintf(w, "%s: started\n", way.name)
		_, err := ctxversion.LongTask(ctx, 10, io.Discard)
		fmt.Fprintf(w, "%s: stopped: %v\n", way.name, err)
		fmt.Fprintf(w, "  Is Canceled: %v, Is DeadlineExceeded: %v, Is errLoggedOut: %v\n",
			errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded),
			errors.Is(err, errLoggedOut))
		fmt.Fprintf(w, "  ctx.Err(): %v, context.Cause(ctx): %v\n", ctx.Err(), context.Cause(ctx))
		cancel()
	}
}
