package budget

import (
	"context"
	"errors"
	"testing"
	"testing/synctest"
	"time"
)

const hint = "\nHint: go run ./lessons hint 12"

// slowFetch takes 100ms unless its context ends first.
func slowFetch(ctx context.Context) error {
	select {
	case <-time.After(100 * time.Millisecond):
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func TestBudgetRunsOut(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		start := time.Now()
		err := FetchWithin(context.Background(), 30*time.Millisecond, slowFetch)
		took := time.Since(start)
		if took != 30*time.Millisecond {
			t.Errorf("a 100ms fetch with a 30ms budget returned after %v; want 30ms"+hint, took)
		}
		if !errors.Is(err, ErrTooSlow) || !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("error = %v; want one that errors.Is finds both ErrTooSlow and context.DeadlineExceeded in"+hint, err)
		}
	})
}

func TestAShorterParentWins(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		parent, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
		defer cancel()
		start := time.Now()
		FetchWithin(parent, 30*time.Millisecond, slowFetch)
		if took := time.Since(start); took != 10*time.Millisecond {
			t.Errorf("the parent had 10ms left, the budget was 30ms, and the fetch returned after %v; want 10ms"+hint, took)
		}
	})
}

func TestFastEnough(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		err := FetchWithin(context.Background(), time.Second, slowFetch)
		if err != nil {
			t.Errorf("a 100ms fetch with a 1s budget returned %v; want nil"+hint, err)
		}
	})
}
