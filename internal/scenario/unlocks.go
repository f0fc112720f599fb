package scenario

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"

	"example.com/cancellation/ctxversion"
	"example.com/cancellation/std"
)

// Deadlines stops the same 10-step task with each kind of deadline, then
// does the same by hand with a std.Token and time.AfterFunc.
func Deadlines(log *slog.Logger) {
	errSlowSearch := errors.New("search slower than 35ms")
	bg := context.Background()
	try := func(what string, ctx context.Context) error {
		task := log.With("lane", what)
		task.Info(fmt.Sprintf("%s: started", what), "event", "begin")
		start := time.Now()
		_, err := ctxversion.LongTask(ctx, 10, io.Discard)
		task.Info(fmt.Sprintf("%s: stopped after %v: %v", what, time.Since(start), err),
			"event", "end", "err", err)
		return err
	}

	ctx, cancel := context.WithTimeout(bg, 35*time.Millisecond)
	try("WithTimeout(35ms)", ctx)
	cancel()

	ctx, cancel = context.WithDeadline(bg, time.Now().Add(25*time.Millisecond))
	try("WithDeadline(now+25ms)", ctx)
	cancel()

	ctx, cancel = context.WithTimeoutCause(bg, 35*time.Millisecond, errSlowSearch)
	err := try("WithTimeoutCause(35ms, errSlowSearch)", ctx)
	log.Info(fmt.Sprintf("  Is DeadlineExceeded: %v, Is errSlowSearch: %v",
		errors.Is(err, context.DeadlineExceeded), errors.Is(err, errSlowSearch)))
	cancel()

	// A child cannot outlive its parent's deadline.
	parent, cancelParent := context.WithTimeout(bg, 25*time.Millisecond)
	child, cancelChild := context.WithTimeout(parent, 100*time.Millisecond)
	deadline, _ := child.Deadline()
	log.Info(fmt.Sprintf("child asked for 100ms inside a 25ms parent: deadline in %v",
		time.Until(deadline)))
	try("the child", child)
	cancelChild()
	cancelParent()

	// By hand: a timer that cancels a token with a cause.
	token := std.NewToken()
	timer := time.AfterFunc(35*time.Millisecond, func() { token.CancelWithCause(errSlowSearch) })
	byHand := log.With("lane", "std.Token + time.AfterFunc(35ms)")
	byHand.Info("std.Token + time.AfterFunc(35ms): started", "event", "begin")
	start := time.Now()
	_, err = std.WakingLongTask(token, 10, io.Discard)
	timer.Stop() // the task may end first: then the timer must not fire later
	byHand.Info(fmt.Sprintf("std.Token + time.AfterFunc(35ms): stopped after %v: %v (cause: %v)",
		time.Since(start), err, token.Cause()),
		"event", "end", "err", err)
}

// Tree cancels a parent context with three workers below it, one of which
// was already cancelled on its own, and shows the recipes around trees:
// context.AfterFunc, AnyOf, and WithoutCancel for cleanup.
func Tree(log *slog.Logger) {
	errLoggedOut := errors.New("user logged out")
	bg := context.Background()
	parent, cancelParent := context.WithCancel(bg)
	released := make(chan struct{})
	context.AfterFunc(parent, func() { close(released) })

	names := []string{"A", "B", "C"}
	results := make([]string, len(names))
	var wg sync.WaitGroup
	for i, name := range names {
		child, cancelChild := context.WithCancel(parent)
		if name == "B" {
			time.AfterFunc(15*time.Millisecond, cancelChild) // B is cancelled on its own
		}
		task := log.With("lane", "worker "+name)
		task.Info(fmt.Sprintf("worker %s: started", name), "event", "begin")
		wg.Go(func() {
			defer cancelChild()
			start := time.Now()
			_, err := ctxversion.LongTask(child, 10, io.Discard)
			task.Info("", "event", "end", "err", err) // told below, in order
			results[i] = fmt.Sprintf("worker %s stopped after %v: %v", name, time.Since(start), err)
		})
	}
	time.Sleep(35 * time.Millisecond)
	log.Info("cancelling the parent", "event", "cancel")
	cancelParent()
	wg.Wait()
	<-released
	for _, r := range results {
		log.Info(r)
	}
	log.Info("context.AfterFunc(parent, ...) ran: resources released")

	// Stop when either the session or the server ends.
	session, logout := context.WithCancelCause(bg)
	server, shutdown := context.WithCancelCause(bg)
	defer shutdown(nil)
	either, cancelEither := ctxversion.AnyOf(session, server)
	time.AfterFunc(20*time.Millisecond, func() { logout(errLoggedOut) })
	anyOf := log.With("lane", "AnyOf(session, server)")
	anyOf.Info("AnyOf(session, server): started", "event", "begin")
	start := time.Now()
	_, err := ctxversion.LongTask(either, 10, io.Discard)
	cancelEither()
	anyOf.Info(fmt.Sprintf("AnyOf(session, server) stopped after %v: %v",
		time.Since(start), err),
		"event", "end", "err", err)

	// Cleanup that must finish even though its request was cancelled.
	request, cancelRequest := context.WithCancel(bg)
	cancelRequest()
	cleanup, cancelCleanup := context.WithTimeout(context.WithoutCancel(request), 50*time.Millisecond)
	defer cancelCleanup()
	task := log.With("lane", "cleanup under WithoutCancel")
	task.Info(fmt.Sprintf("cleanup under WithoutCancel: started (its request: %v)",
		request.Err()),
		"event", "begin")
	msg, err := ctxversion.LongTask(cleanup, 2, io.Discard)
	if err != nil {
		task.Info(fmt.Sprintf("cleanup under WithoutCancel: stopped: %v", err),
			"event", "end", "err", err)
	} else {
		task.Info(fmt.Sprintf("cleanup under WithoutCancel: %s", msg), "event", "end")
	}
}

// ErrGroup runs three fetches with errgroup.WithContext; the second fails
// after 25ms, which cancels the others, and Wait returns its error.
func ErrGroup(log *slog.Logger) {
	errUnreachable := errors.New("orders: database unreachable")
	g, ctx := errgroup.WithContext(context.Background())
	names := []string{"users", "orders", "invoices"}
	results := make([]string, len(names))
	for i, name := range names {
		task := log.With("lane", "fetch "+name)
		task.Info(fmt.Sprintf("fetch %s: started", name), "event", "begin")
		g.Go(func() error {
			start := time.Now()
			var err error
			if name == "orders" {
				time.Sleep(25 * time.Millisecond)
				err = errUnreachable
			} else {
				_, err = ctxversion.LongTask(ctx, 10, io.Discard)
			}
			task.Info("", "event", "end", "err", err) // told below, in order
			results[i] = fmt.Sprintf("fetch %s: stopped after %v: %v", name, time.Since(start), err)
			return err
		})
	}
	err := g.Wait()
	for _, r := range results {
		log.Info(r)
	}
	log.Info(fmt.Sprintf("Wait: %v", err))
	log.Info(fmt.Sprintf("the group's context: %v, cause: %v",
		ctx.Err(), context.Cause(ctx)))
}

// TokenTree is Tree done by hand with std.Token: children, a cause, a
// callback, and tasks that wake on Done.
func TokenTree(log *slog.Logger) {
	errLoggedOut := errors.New("user logged out")
	root := std.NewToken()
	released := make(chan struct{})
	stop := root.OnCancel(func() { close(released) })
	defer stop()

	names := []string{"A", "B", "C"}
	results := make([]string, len(names))
	var wg sync.WaitGroup
	for i, name := range names {
		child := root.Child()
		if name == "B" {
			time.AfterFunc(15*time.Millisecond, child.Cancel) // B is cancelled on its own
		}
		task := log.With("lane", "worker "+name)
		task.Info(fmt.Sprintf("worker %s: started", name), "event", "begin")
		wg.Go(func() {
			defer child.Cancel() // done: detach from the root
			start := time.Now()
			_, err := std.WakingLongTask(child, 10, io.Discard)
			task.Info("", "event", "end", "err", err) // told below, in order
			results[i] = fmt.Sprintf("worker %s stopped after %v: %v (cause: %v)", name, time.Since(start), err, child.Cause())
		})
	}
	time.Sleep(35 * time.Millisecond)
	log.Info("cancelling the root with a cause", "event", "cancel")
	root.CancelWithCause(errLoggedOut)
	wg.Wait()
	<-released
	for _, r := range results {
		log.Info(r)
	}
	log.Info("root.OnCancel(...) ran: resources released")
	late := root.Child()
	log.Info(fmt.Sprintf("a child made after the cancel starts cancelled: %v (cause: %v)",
		late.IsCancelled(), late.Cause()))
}
