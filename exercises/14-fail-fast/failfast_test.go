package failfast

import (
	"context"
	"errors"
	"testing"
	"testing/synctest"
	"time"
)

const hint = "\nHint: go run ./lessons hint 14"

var errUnreachable = errors.New("orders: database unreachable")

func slow(ctx context.Context) error {
	select {
	case <-time.After(100 * time.Millisecond):
		return nil
	case <-ctx.Done():
		return context.Cause(ctx)
	}
}

func failsAfter25ms(ctx context.Context) error {
	time.Sleep(25 * time.Millisecond)
	return errUnreachable
}

func TestTheFirstFailureStopsTheOthers(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		start := time.Now()
		err := FirstError(context.Background(), slow, failsAfter25ms, slow)
		if took := time.Since(start); took != 25*time.Millisecond {
			t.Errorf("one task failed at 25ms and FirstError returned after %v; want 25ms: the failure must cancel the others"+hint, took)
		}
		if err != errUnreachable {
			t.Errorf("FirstError returned %v; want the failure itself, %q"+hint, err, errUnreachable)
		}
	})
}

func TestAllSucceed(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		if err := FirstError(context.Background(), slow, slow); err != nil {
			t.Errorf("two successful tasks: FirstError returned %v; want nil"+hint, err)
		}
	})
}
