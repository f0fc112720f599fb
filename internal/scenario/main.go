package scenario

import (
	"context"
	"io"
	"sync"
	"time"

	"example.com/cancellation/ctxversion"
	"example.com/cancellation/internal/event"
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
	log := event.To(w)
	first, second := log.Lane("task 1"), log.Lane("task 2")
	wg.Go(func() { msg, err = std.LongTask(token, 10, first) })
	time.Sleep(CancelAfter)
	log.Cancel("Cancelling...")
	token.Cancel()
	wg.Wait()
	report(first, msg, err)

	// A fresh token that nobody cancels: the task runs to the end.
	token2 := std.NewToken()
	wg.Go(func() { msg, err = std.LongTask(token2, 3, second) })
	wg.Wait()
	second.End(err, "Result: %s", result(msg, err))
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
	log := event.To(w)
	first, second := log.Lane("task 1"), log.Lane("task 2")
	wg.Go(func() { msg, err = ctxversion.LongTask(ctx, 10, first) })
	time.Sleep(CancelAfter)
	log.Cancel("Cancelling...")
	cancel()
	wg.Wait()
	report(first, msg, err)

	// A fresh context that nobody cancels: the task runs to the end.
	ctx2, cancel2 := context.WithCancel(context.Background())
	defer cancel2()
	wg.Go(func() { msg, err = ctxversion.LongTask(ctx2, 3, second) })
	wg.Wait()
	second.End(err, "Result: %s", result(msg, err))
}

// report ends the first task with its outcome, as the source prints it.
func report(task event.Log, msg string, err error) {
	if err != nil {
		task.End(err, "Cancelled: %v", err)
		return
	}
	task.End(nil, "Success: %s", msg)
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
	log := event.To(w)
	token := std.NewToken()
	token.Cancel()
	stdTask := log.Task("std") // its lines begin "[std] "
	msg, err := std.LongTask(token, 3, stdTask)
	report(stdTask, msg, err)

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	ctxTask := log.Task("ctx")
	msg, err = ctxversion.LongTask(ctx, 3, ctxTask)
	report(ctxTask, msg, err)
}
