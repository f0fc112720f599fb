package ctxversion_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"example.com/cancellation/ctxversion"
)

// A cancelled context stops the task before its first step.
func ExampleLongTask_cancelled() {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := ctxversion.LongTask(ctx, 10, os.Stdout)
	fmt.Println(err)
	fmt.Println(errors.Is(err, context.Canceled))
	// Output:
	// cancelled at step 0: context canceled
	// true
}

// A deadline cancels the context by itself; the task is woken in the middle
// of its wait, and the error says it was the deadline. (Which step it was in
// depends on the real clock here; the virtual-time tests pin it down.)
func ExampleLongTask_timeout() {
	ctx, cancel := context.WithTimeout(context.Background(), 25*time.Millisecond)
	defer cancel() // always call cancel, even when the deadline will fire
	_, err := ctxversion.LongTask(ctx, 10, io.Discard)
	fmt.Println(errors.Is(err, context.DeadlineExceeded))
	// Output: true
}

// WithCancelCause says why: the cause is in the message, and errors.Is finds
// both it and context.Canceled.
func ExampleLongTask_cause() {
	errLoggedOut := errors.New("user logged out")
	ctx, cancel := context.WithCancelCause(context.Background())
	cancel(errLoggedOut)
	_, err := ctxversion.LongTask(ctx, 10, os.Stdout)
	fmt.Println(err)
	fmt.Println(errors.Is(err, errLoggedOut), errors.Is(err, context.Canceled))
	// Output:
	// cancelled at step 0: user logged out
	// true true
}

// The hot loop checks ctx.Err() every CheckInterval items.
func ExampleCancellableSum() {
	sum, err := ctxversion.CancellableSum(context.Background(), []int64{1, 2, 3})
	fmt.Println(sum, err)

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	sum, err = ctxversion.CancellableSum(ctx, []int64{1, 2, 3})
	fmt.Println(sum, err)
	// Output:
	// 6 <nil>
	// 0 context canceled
}

// AnyOf stops work when either the user's session or the server ends.
func ExampleAnyOf() {
	session, logout := context.WithCancelCause(context.Background())
	server, shutdown := context.WithCancelCause(context.Background())
	defer shutdown(nil)
	ctx, cancel := ctxversion.AnyOf(session, server)
	defer cancel()

	logout(errors.New("user logged out"))
	<-ctx.Done()
	fmt.Println(context.Cause(ctx))
	// Output: user logged out
}

// A pool stopped before it starts accepts nothing and loses nothing.
func ExamplePool_Run() {
	stop, cancel := context.WithCancel(context.Background())
	cancel()
	pool := ctxversion.Pool{Workers: 2, Grace: time.Second, JobSteps: func(int) int { return 1 }}
	summary := pool.Run(stop, context.Background())
	fmt.Println(summary.Lost(), summary.Accepted == summary.Completed+summary.Cancelled)
	// Output: 0 true
}
