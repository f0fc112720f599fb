package scenario

import (
	"context"
	"fmt"
	"io"
	"sync"
	"time"

	"example.com/cancellation/ctxversion"
	"example.com/cancellation/std"
)

// CancelAfter is when the source's main cancels its first task.
const CancelAfter = 35 * time.Millisecond

// StdMain is the source lesson's main with std.Token: a 10-step task on its
// own goroutine, cancelled after 35ms, then a 3-step task nobody cancels.
func StdMain(w io.Writer) {
	token := std.NewToken()
	var (
		msg string
		err error
		wg  sync.WaitGroup
	)
	wg.Go(func() { msg, err = std.LongTask(token, 10, w) })
	time.Sleep(CancelAfter)
	fmt.Fprintln(w, "Cancelling...")
	token.Cancel()
	wg.Wait()
	report(w, msg, err)

	// A fresh token that nobody cancels: the task runs to the end.
	token2 := std.NewToken()
	wg.Go(func() { msg, err = std.LongTask(token2, 3, w) })
	wg.Wait()
	fmt.Fprintf(w, "Result: %s\n", result(msg, err))
}

// CtxMain is the source lesson's main with context.WithCancel: the same
// tasks and timings as StdMain, but the task waits in a select on
// ctx.Done(), so the cancel wakes it at once.
func CtxMain(w io.Writer) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var (
		msg string
		err error
		wg  sync.WaitGroup
	)
	wg.Go(func() { msg, err = ctxversion.LongTask(ctx, 10, w) })
	time.Sleep(CancelAfter)
	fmt.Fprintln(w, "Cancelling...")
	cancel()
	wg.Wait()
	report(w, msg, err)

	// A fresh context that nobody cancels: the task runs to the end.
	ctx2, cancel2 := context.WithCancel(context.Background())
	defer cancel2()
	wg.Go(func() { msg, err = ctxversion.LongTask(ctx2, 3, w) })
	wg.Wait()
	fmt.Fprintf(w, "Result: %s\n", result(msg, err))
}

// report prints the outcome of the first task as the source does.
func report(w io.Writer, msg string, err error) {
	if err != nil {
		fmt.Fprintf(w, "Cancelled: %v\n", err)
		return
	}
	fmt.Fprintf(w, "Success: %s\n", msg)
}

// result formats a task's outcome for the "Result:" line.
func result(msg string, err error) string {
	if err != nil {
		return "error: " + err.Error()
	}
	return msg
}

// CancelledBeforeStart gives LongTask of each package a token (a context)
// that is already cancelled: each returns at once, "cancelled at step 0",
// having done no step. A check made after the step instead of before it
// would do one step first, and this transcript would show it.
func CancelledBeforeStart(w io.Writer) {
	token := std.NewToken()
	token.Cancel()
	stdOut := &tagWriter{tag: "[std] ", w: w}
	msg, err := std.LongTask(token, 3, stdOut)
	fmt.Fprintf(stdOut, "%s\n", outcome(msg, err))

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	ctxOut := &tagWriter{tag: "[ctx] ", w: w}
	msg, err = ctxversion.LongTask(ctx, 3, ctxOut)
	fmt.Fprintf(ctxOut, "%s\n", outcome(msg, err))
}

// outcome says how a task ended, as the source's main does.
func outcome(msg string, err error) string {
	if err != nil {
		return "Cancelled: " + err.Error()
	}
	return "Success: " + msg
}
