package ctxversion_test

import (
	"context"
	"runtime"
	"strings"
	"testing"
	"time"

	"example.com/cancellation/ctxversion"
)

// ownContext is a Context that is not the context package's and has no
// AfterFunc method: a type a library might define.
type ownContext struct {
	context.Context
	done chan struct{}
}

func (c ownContext) Done() <-chan struct{} { return c.done }

// watchers counts the goroutines that may wait for a context: those that
// the context package started to wait for a parent it cannot register with
// (propagateCancel's goroutine), and any that ExitAfter or AnyOf started
// themselves.
func watchers() int {
	buf := make([]byte, 1<<20)
	buf = buf[:runtime.Stack(buf, true)]
	n := 0
	for g := range strings.SplitSeq(string(buf), "\n\n") {
		if strings.Contains(g, "context.(*cancelCtx).propagateCancel.func") ||
			strings.Contains(g, "created by example.com/cancellation/ctxversion.ExitAfter") ||
			strings.Contains(g, "created by example.com/cancellation/ctxversion.AnyOf") {
			n++
		}
	}
	return n
}

// TestWaitingCostsAGoroutineOnlyForForeignContexts: ExitAfter and AnyOf
// wait without a goroutine of their own when the contexts they watch are
// the context package's, as lessons 18 and 19 say; for a Context of
// another kind, context.AfterFunc starts a goroutine at once, which waits
// for its Done until the watch is stopped.
func TestWaitingCostsAGoroutineOnlyForForeignContexts(t *testing.T) {
	tests := []struct {
		name  string
		watch func(ctx context.Context) (stop func())
	}{
		{"ExitAfter", func(ctx context.Context) func() {
			stop := ctxversion.ExitAfter(ctx, time.Hour, func() {})
			return func() { stop() }
		}},
		{"AnyOf", func(ctx context.Context) func() {
			_, cancel := ctxversion.AnyOf(context.Background(), ctx)
			return cancel
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := watchers()
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			stop := tt.watch(ctx)
			if got := watchers() - before; got != 0 {
				t.Errorf("watching a context package's context: %d waiting goroutines, want 0", got)
			}
			stop()

			own := ownContext{Context: context.Background(), done: make(chan struct{})}
			stop = tt.watch(own)
			if got := watchers() - before; got != 1 {
				t.Errorf("watching a foreign Context: %d waiting goroutines, want 1", got)
			}
			stop()
			for deadline := time.Now().Add(5 * time.Second); watchers() > before && time.Now().Before(deadline); {
				runtime.Gosched() // the waiting goroutine returns once stopped
			}
			if got := watchers() - before; got != 0 {
				t.Errorf("after stop: %d waiting goroutines, want 0", got)
			}
		})
	}
}
