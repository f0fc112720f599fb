package services

import (
	"context"
	"fmt"
	"log/slog"
	"time"
)

// Hop is what one service of a chain does with a call, whatever carries
// the call: it works for Work, then calls the next service, if there is
// one, with the call's context, and logs what it sees on the way.
type Hop struct {
	Name string        // the service's name: its lane in the log
	Log  *slog.Logger  // where the service says what it sees
	Work time.Duration // its own work, before it calls the next
	Next string        // the next service's name; "" for the last

	// Margin is how much of its deadline the service keeps for its own
	// answer: its work and the next service get the deadline minus Margin.
	Margin time.Duration

	// Timeout, if set, is the service's own timeout for its call to the
	// next, as many services set one. It can only shorten the deadline
	// the call already has: context.WithTimeout keeps the earlier one.
	Timeout time.Duration

	// Fallback, if set, answers without the next service when the call
	// to it fails while the service's own deadline is still ahead: what a
	// margin buys.
	Fallback bool

	// AfterAnswer, if set, is called with the call's context once the
	// service's answer is decided, for work that must outlive the call
	// (an audit record). It must not block: the answer waits for it.
	AfterAnswer func(context.Context)
}

// Serve handles a call from caller with ctx. call calls the next service
// with the context it is given; code says what an error of call means on
// its transport (a gRPC code, a Connect code). Serve returns nil, the
// error of its own work, or call's.
//
// The service's work and its call to the next end Margin before ctx's
// deadline: the service still has Margin to answer, and its answer,
// even an error, reaches the caller before the caller's deadline.
func (h Hop) Serve(ctx context.Context, caller string, call func(context.Context) error, code func(error) string) error {
	log := h.Log.With("lane", h.Name)
	log.Info(fmt.Sprintf("%s: called by %s; %s", h.Name, caller, Left(ctx)), "event", "begin")
	if h.AfterAnswer != nil {
		defer h.AfterAnswer(ctx)
	}
	work, cancel := WithMargin(ctx, h.Margin)
	defer cancel()
	if err := Work(work, h.Work); err != nil {
		log.Info(fmt.Sprintf("%s: stopped its work: %v", h.Name, err), "event", "end", "err", err)
		return err
	}
	if h.Next == "" {
		log.Info(h.Name+": done", "event", "end")
		return nil
	}
	next := work
	if h.Timeout > 0 {
		next, cancel = context.WithTimeout(work, h.Timeout)
		defer cancel()
	}
	log.Info(fmt.Sprintf("%s: calls %s; %s", h.Name, h.Next, Left(next)))
	err := call(next)
	switch {
	case err != nil && h.Fallback && Ahead(ctx):
		log.Info(fmt.Sprintf("%s: %s failed: %s; answers without it, %s", h.Name, h.Next, code(err), Left(ctx)),
			"event", "end")
		return nil
	case err != nil:
		log.Info(fmt.Sprintf("%s: %s failed: %s; ctx.Err() = %v", h.Name, h.Next, code(err), ctx.Err()),
			"event", "end", "err", cmpOr(work.Err(), err))
		return err
	case ctx.Err() != nil:
		log.Info(fmt.Sprintf("%s: %s answered, but ctx.Err() = %v: nobody waits for the answer", h.Name, h.Next, ctx.Err()),
			"event", "end")
		return nil
	}
	log.Info(fmt.Sprintf("%s: %s answered", h.Name, h.Next), "event", "end")
	return nil
}

// Ahead reports whether ctx is live and its deadline, if it has one, is
// still ahead: whether there is still time to answer. It reads the clock
// as well as ctx.Err(), because ctx.Err() reports a deadline only once
// the deadline's timer has run, and at the deadline's instant it may not
// have run yet.
func Ahead(ctx context.Context) bool {
	dl, ok := ctx.Deadline()
	return ctx.Err() == nil && (!ok || time.Now().Before(dl))
}

// WithMargin returns a child of ctx whose deadline is margin earlier than
// ctx's, so that the caller keeps margin for its own reply. Without a
// deadline or a margin, it is a plain child of ctx.
func WithMargin(ctx context.Context, margin time.Duration) (context.Context, context.CancelFunc) {
	if dl, ok := ctx.Deadline(); ok && margin > 0 {
		return context.WithDeadline(ctx, dl.Add(-margin))
	}
	return context.WithCancel(ctx)
}

// cmpOr returns the first error that is not nil.
func cmpOr(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
