package eventwait

import (
	"context"
	"testing"
	"testing/synctest"
	"time"
)

const hint = "\nHint: go run ./lessons hint 16"

func TestSetDuringTheWait(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ctx, set := context.WithCancel(context.Background())
		time.AfterFunc(5*time.Millisecond, set)
		start := time.Now()
		got := WaitFor(ctx, 10*time.Millisecond)
		if took := time.Since(start); !got || took != 5*time.Millisecond {
			t.Fatalf("set after 5ms of a 10ms wait: WaitFor returned %v after %v; want true after 5ms"+hint, got, took)
		}
	})
}

func TestTimeout(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		start := time.Now()
		got := WaitFor(context.Background(), 10*time.Millisecond)
		if took := time.Since(start); got || took != 10*time.Millisecond {
			t.Fatalf("never set: WaitFor returned %v after %v; want false after 10ms"+hint, got, took)
		}
	})
}
