package ctxversion_test

import (
	"context"
	"errors"
	"os"
	"testing"
	"testing/synctest"
	"time"

	"example.com/cancellation/ctxversion"
)

// TestExitAfter: exit is called d after the context ends, on the virtual
// clock, unless stop comes first.
func TestExitAfter(t *testing.T) {
	tests := []struct {
		name       string
		stopAt     time.Duration // 0: never
		wantExitAt time.Duration // 0: never
		wantStop   bool          // what stop returns, if it is called
	}{
		{"the shutdown hangs: exit at the hard deadline", 0, 35 * time.Millisecond, false},
		{"the shutdown ends in time", 30 * time.Millisecond, 0, true},
		{"the work ends before the context", 5 * time.Millisecond, 0, true},
		{"stop after the exit", 50 * time.Millisecond, 35 * time.Millisecond, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				start := time.Now()
				ctx, cancel := context.WithTimeout(t.Context(), 10*time.Millisecond)
				defer cancel()
				var exitAt time.Duration
				stop := ctxversion.ExitAfter(ctx, 25*time.Millisecond, func() { exitAt = time.Since(start) })
				gotStop := tt.wantStop
				if tt.stopAt > 0 {
					time.AfterFunc(tt.stopAt, func() { gotStop = stop() })
				}
				time.Sleep(time.Second) // long after anything could happen
				synctest.Wait()
				if exitAt != tt.wantExitAt {
					t.Errorf("exit called at %v, want %v (0: never)", exitAt, tt.wantExitAt)
				}
				if gotStop != tt.wantStop {
					t.Errorf("stop() = %v, want %v", gotStop, tt.wantStop)
				}
			})
		})
	}
}

// TestSignalError: the cause NotifyOnce and NotifyTwice give says which
// signal, and is a context.Canceled.
func TestSignalError(t *testing.T) {
	var err error = &ctxversion.SignalError{Signal: os.Interrupt}
	if got, want := err.Error(), "interrupt signal received"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	if !errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("errors.Is(%v, context.Canceled) = false or Is DeadlineExceeded = true", err)
	}
	if wrapped := errors.Join(ctxversion.ErrHurried, err); !errors.Is(wrapped, context.Canceled) {
		t.Errorf("wrapped: errors.Is(%v, context.Canceled) = false", wrapped)
	}
}
