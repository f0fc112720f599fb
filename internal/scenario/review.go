package scenario

import (
	"context"
	"fmt"
	"io"
	"log/slog"

	"golang.org/x/sync/errgroup"

	"example.com/cancellation/ctxversion"
)

// pageAfterWait is a pitfall: WithContext's ctx shadows the caller's, and
// Wait cancels it, so render gets a context that is already done.
func pageAfterWait(ctx context.Context) (string, error) {
	g, ctx := errgroup.WithContext(ctx)
	var users, orders string
	g.Go(func() (err error) {
		users, err = ctxversion.LongTask(ctx, 2, io.Discard)
		return err
	})
	g.Go(func() (err error) {
		orders, err = ctxversion.LongTask(ctx, 1, io.Discard)
		return err
	})
	if err := g.Wait(); err != nil {
		return "", err
	}
	return render(ctx, users, orders) // wrong: the group's ctx, cancelled by Wait
}

// page is the fix: the group's context has a name of its own, and only the
// group's tasks use it.
func page(ctx context.Context) (string, error) {
	g, gctx := errgroup.WithContext(ctx)
	var users, orders string
	g.Go(func() (err error) {
		users, err = ctxversion.LongTask(gctx, 2, io.Discard)
		return err
	})
	g.Go(func() (err error) {
		orders, err = ctxversion.LongTask(gctx, 1, io.Discard)
		return err
	})
	if err := g.Wait(); err != nil {
		return "", err
	}
	return render(ctx, users, orders)
}

// render is the call after the fan-out: one step of work, which needs a
// context that is still alive.
func render(ctx context.Context, parts ...string) (string, error) {
	if _, err := ctxversion.LongTask(ctx, 1, io.Discard); err != nil {
		return "", fmt.Errorf("render: %w", err)
	}
	return fmt.Sprintf("rendered %d parts", len(parts)), nil
}

// handOutPlain is the producer of ctxversion.Pool before its fix: a plain
// select between handing out the next job and the stop.
func handOutPlain(stop context.Context, jobs chan<- int) (handed int) {
	for id := 1; ; id++ {
		select {
		case jobs <- id:
			handed++
		case <-stop.Done():
			return handed
		}
	}
}

// handOut checks the stop on its own first, as Pool.Run does now.
func handOut(stop context.Context, jobs chan<- int) (handed int) {
	for id := 1; stop.Err() == nil; id++ {
		select {
		case jobs <- id:
			handed++
		case <-stop.Done():
		}
	}
	return handed
}

// stoppedRuns runs handOut n times with a stop that is done before it
// starts and a queue with room for one job, and counts the runs that
// handed out a job anyway.
func stoppedRuns(n int, handOut func(context.Context, chan<- int) int) (handedSome int) {
	stop, cancel := context.WithCancel(context.Background())
	cancel()
	for range n {
		if handOut(stop, make(chan int, 1)) > 0 {
			handedSome++
		}
	}
	return handedSome
}

// storingClient keeps the context it was made with: the struct the context
// package's documentation says not to write.
type storingClient struct{ ctx context.Context }

func (c storingClient) fetch(steps int) (string, error) {
	return ctxversion.LongTask(c.ctx, steps, io.Discard)
}

// fetchWith is the fix: the context comes with each call.
func fetchWith(ctx context.Context, steps int) (string, error) {
	return ctxversion.LongTask(ctx, steps, io.Discard)
}

// closedByTheReceiver sends on a channel that its receiver has closed, and
// returns the panic that follows.
func closedByTheReceiver() (recovered any) {
	results := make(chan int, 1)
	close(results) // the receiver decides it has read enough: not its call
	defer func() { recovered = recover() }()
	results <- 42 // the sender, which owns results, still had one to send
	return nil
}

// PitfallsInReview shows four mistakes that pass a quick review: using
// errgroup's context after Wait, trusting select to prefer the stop, a
// context kept in a struct, and a channel closed by its receiver.
func PitfallsInReview(log *slog.Logger) {
	bg := context.Background()

	bug := log.With("lane", "pageAfterWait")
	bug.Info("pageAfterWait: two fetches in a group, then render", "event", "begin")
	msg, err := pageAfterWait(bg)
	bug.Info(fmt.Sprintf("pageAfterWait: result %q, error %v", msg, err),
		"event", "end", "err", err)

	fix := log.With("lane", "page")
	fix.Info("page: two fetches in a group, then render", "event", "begin")
	msg, err = page(bg)
	fix.Info(fmt.Sprintf("page: result %q, error %v", msg, err),
		"event", "end", "err", err)

	const runs = 1000
	plain := stoppedRuns(runs, handOutPlain)
	log.Info(fmt.Sprintf("handOutPlain, %d runs stopped before they began: a job handed out in some (%v), none in others (%v)",
		runs, plain > 0, plain < runs))
	log.Info(fmt.Sprintf("handOut, %d runs stopped before they began: a job handed out in %d",
		runs, stoppedRuns(runs, handOut)))

	req1, end1 := context.WithCancel(bg)
	first := log.With("lane", "request 1")
	first.Info("request 1: makes a client, which keeps request 1's context",
		"event", "begin")
	client := storingClient{ctx: req1}
	msg, err = client.fetch(1)
	first.Info(fmt.Sprintf("request 1: fetch: result %q, error %v; the request ends",
		msg, err),
		"event", "end", "err", err)
	end1()

	req2, end2 := context.WithCancel(bg)
	second := log.With("lane", "request 2, stored ctx")
	second.Info("request 2: uses the same client", "event", "begin")
	msg, err = client.fetch(1)
	second.Info(fmt.Sprintf("request 2: fetch: result %q, error %v", msg, err),
		"event", "end", "err", err)
	own := log.With("lane", "request 2, its own ctx")
	own.Info("request 2: fetchWith(ctx) instead", "event", "begin")
	msg, err = fetchWith(req2, 1)
	own.Info(fmt.Sprintf("request 2: fetchWith: result %q, error %v", msg, err),
		"event", "end", "err", err)
	end2()

	log.Info(fmt.Sprintf("a receiver closed the channel; its sender then panicked: %v",
		closedByTheReceiver()))
}
