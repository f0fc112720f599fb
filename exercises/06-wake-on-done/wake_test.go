package wake

import (
	"context"
	"errors"
	"testing"
	"testing/synctest"
	"time"
)

const hint = "\nHint: go run ./lessons hint 6"

func TestCancelWakesTheWait(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		time.AfterFunc(5*time.Millisecond, cancel)
		start := time.Now()
		err := Wait(ctx, time.Second)
		if took := time.Since(start); took != 5*time.Millisecond {
			t.Fatalf("cancelled 5ms into a 1s wait, Wait returned after %v; want 5ms"+hint, took)
		}
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("Wait returned %v; want context.Canceled"+hint, err)
		}
	})
}

func TestWaitWithoutCancel(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		start := time.Now()
		if err := Wait(context.Background(), 10*time.Millisecond); err != nil {
			t.Fatalf("Wait with nobody cancelling returned %v; want nil"+hint, err)
		}
		if took := time.Since(start); took != 10*time.Millisecond {
			t.Fatalf("Wait(10ms) took %v; want 10ms"+hint, took)
		}
	})
}
