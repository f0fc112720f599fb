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
