package anyof

import (
	"context"
	"errors"
	"testing"
	"testing/synctest"
)

const hint = "\nHint: go run ./lessons hint 13"

var errShutdown = errors.New("server shutting down")

func TestEitherEndsIt(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		session, logout := context.WithCancelCause(context.Background())
		defer logout(nil)
		server, shutdown := context.WithCancelCause(context.Background())
		ctx, cancel := AnyOf(session, server)
		defer cancel()
		shutdown(errShutdown)
		synctest.Wait()
		if ctx.Err() == nil {
			t.Fatal("the second context ended, and AnyOf's context is still live; want it done" + hint)
		}
		if context.Cause(ctx) != errShutdown {
			t.Fatalf("Cause = %v; want the second context's cause, %q"+hint, context.Cause(ctx), errShutdown)
		}
	})
}

func TestFirstEndsIt(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		session, logout := context.WithCancel(context.Background())
		ctx, cancel := AnyOf(session, context.Background())
		defer cancel()
		logout()
		if ctx.Err() == nil {
			t.Fatal("the first context ended, and AnyOf's context is still live; want it done" + hint)
		}
	})
}
