package ctxversion_test

import (
	"context"
	"errors"
	"testing"
	"testing/synctest"
	"time"

	"example.com/cancellation/ctxversion"
)

func TestAnyOf(t *testing.T) {
	errShutdown := errors.New("server shutting down")
	tests := []struct {
		name      string
		cancel    func(first, second context.CancelCauseFunc)
		wantCause error
	}{
		{"the first ends", func(first, _ context.CancelCauseFunc) { first(errLoggedOut) }, errLoggedOut},
		{"another ends", func(_, second context.CancelCauseFunc) { second(errShutdown) }, errShutdown},
		{"both end: the first whose end has reached ctx wins", func(first, second context.CancelCauseFunc) {
			second(errShutdown)
			synctest.Wait() // the watch on second has run
			first(errLoggedOut)
		}, errShutdown},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				session, endSession := context.WithCancelCause(context.Background())
				server, endServer := context.WithCancelCause(context.Background())
				ctx, cancel := ctxversion.AnyOf(session, server)
				defer cancel()
				tt.cancel(endSession, endServer)
				synctest.Wait()
				if ctx.Err() == nil {
					t.Fatal("AnyOf context not cancelled")
				}
				if got := context.Cause(ctx); got != tt.wantCause {
					t.Errorf("Cause = %v, want %v", got, tt.wantCause)
				}
			})
		})
	}
}

func TestAnyOfCancelUnregisters(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		session, endSession := context.WithCancelCause(context.Background())
		server, endServer := context.WithCancelCause(context.Background())
		ctx, cancel := ctxversion.AnyOf(session, server)
		cancel()
		if !errors.Is(context.Cause(ctx), context.Canceled) {
			t.Errorf("after cancel, Cause = %v, want context.Canceled", context.Cause(ctx))
		}
		endServer(errLoggedOut) // the watch is gone: this must not reach ctx
		endSession(nil)
		synctest.Wait()
		if context.Cause(ctx) != context.Canceled {
			t.Errorf("a watch outlived cancel: Cause = %v", context.Cause(ctx))
		}
	})
}

func TestAnyOfKeepsTheFirstDeadline(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		first, cancelFirst := context.WithTimeout(context.Background(), 25*time.Millisecond)
		defer cancelFirst()
		ctx, cancel := ctxversion.AnyOf(first, context.Background())
		defer cancel()
		start := time.Now()
		<-ctx.Done()
		if took := time.Since(start); took != 25*time.Millisecond {
			t.Errorf("done after %v, want the first's 25ms deadline", took)
		}
		if !errors.Is(ctx.Err(), context.DeadlineExceeded) {
			t.Errorf("Err = %v, want DeadlineExceeded", ctx.Err())
		}
	})
}
