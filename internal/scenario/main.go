package scenario

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"sync"
	"time"

	"example.com/cancellation/ctxversion"
	"example.com/cancellation/std"
)

// CancelAfter is when the source's main cancels its first task.
const CancelAfter = 35 * time.Millisecond

// StdMain is the source lesson's main with std.Token: a 10-step task on its
// own goroutine, cancelled after 35ms, then a 3-step task nobody cancels.
func StdMain(log *slog.Logger) {
	token := std.NewToken()
	var (
		msg string
		err error
		wg  sync.WaitGroup
	)
	first, second := log.With("lane", "task 1"), log.With("lane", "task 2")
	wg.Go(func() { msg, err = std.LongTask(token, 10, stepWriter(first)) })
	time.Sleep(35 * time.Millisecond)
	log.Info("Cancelling...", "event", "cancel")
	token.Cancel()
	wg.Wait()
	report(first, msg, err)

	// A fresh token that nobody cancels: the task runs to the end.
	token2 := std.NewToken()
	wg.Go(func() { msg, err = std.LongTask(token2, 3, stepWriter(second)) })
	wg.Wait()
	second.Info("Result: "+result(msg, err), "event", "end", "err", err)
}

// CtxMain is the source lesson's main with context.WithCancel: the same
// tasks and timings as StdMain, but the task waits in a select on
// ctx.Done(), so the cancel wakes it at once.
func CtxMain(log *slog.Logger) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var (
		msg string
		err error
		wg  sync.WaitGroup
	)
	first, second := log.With("lane", "task 1"), log.With("lane", "task 2")
	wg.Go(func() { msg, err = ctxversion.LongTask(ctx, 10, stepWriter(first)) })
	time.Sleep(35 * time.Millisecond)
	log.Info("Cancelling...", "event", "cancel")
	cancel()
	wg.Wait()
	report(first, msg, err)

	// A fresh context that nobody cancels: the task runs to the end.
	ctx2, cancel2 := context.WithCancel(context.Background())
	defer cancel2()
	wg.Go(func() { msg, err = ctxversion.LongTask(ctx2, 3, stepWriter(second)) })
	wg.Wait()
	second.Info("Result: "+result(msg, err), "event", "end", "err", err)
}

// stepWriter returns an io.Writer that logs each line written to it as a
// step of task's work: for a task that reports its progress to an
// io.Writer, as LongTask does.
func stepWriter(task *slog.Logger) io.Writer {
	return slog.NewLogLogger(task.With("event", "step").Handler(), slog.LevelInfo).Writer()
}

// report logs how the first task ended, as the source prints it.
func report(task *slog.Logger, msg string, err error) {
	if err != nil {
		task.Info(fmt.Sprint("Cancelled: ", err), "event", "end", "err", err)
		return
	}
	task.Info("Success: "+msg, "event", "end")
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
func CancelledBeforeStart(log *slog.Logger) {
	token := std.NewToken()
	token.Cancel()
	stdTask := log.With("task", "std") // its lines begin "[std] "
	msg, err := std.LongTask(token, 3, stepWriter(stdTask))
	report(stdTask, msg, err)

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	ctxTask := log.With("task", "ctx")
	msg, err = ctxversion.LongTask(ctx, 3, stepWriter(ctxTask))
	report(ctxTask, msg, err)
}
