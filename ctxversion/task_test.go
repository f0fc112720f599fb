package ctxversion_test

import (
	"context"
	"errors"
	"math"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/google/go-cmp/cmp"

	"example.com/cancellation/ctxversion"
)

func TestTaskCompletesWithoutCancel(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var out strings.Builder
		start := time.Now()
		got, err := ctxversion.LongTask(t.Context(), 2, &out)
		if err != nil {
			t.Fatalf("LongTask(2 steps) error = %v, want nil", err)
		}
		if want := "completed all 2 steps"; got != want {
			t.Errorf("LongTask(2 steps) = %q, want %q", got, want)
		}
		if diff := cmp.Diff("Step 0 complete\nStep 1 complete\n", out.String()); diff != "" {
			t.Errorf("output (-want +got):\n%s", diff)
		}
		if took := time.Since(start); took != 2*ctxversion.StepDuration {
			t.Errorf("took %v (virtual), want %v", took, 2*ctxversion.StepDuration)
		}
	})
}

func TestTaskCancelledBeforeStartFails(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var out strings.Builder
	got, err := ctxversion.LongTask(ctx, 100, &out)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("error = %v, want errors.Is context.Canceled", err)
	}
	if want := "cancelled at step 0: context canceled"; err.Error() != want {
		t.Errorf("error message = %q, want %q", err, want)
	}
	if got != "" || out.Len() != 0 {
		t.Errorf("a task cancelled before it starts returned %q and wrote %q, want nothing", got, out.String())
	}
}

// TestCancelWakesTheStep is the heart of the select version: a cancel at
// 35ms wakes the task in the middle of step 3, at 35ms.
func TestCancelWakesTheStep(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ctx, cancel := context.WithCancel(t.Context())
		defer cancel()
		var out strings.Builder
		var err error
		var stoppedAt time.Duration
		start := time.Now()
		var wg sync.WaitGroup
		wg.Go(func() {
			_, err = ctxversion.LongTask(ctx, 10, &out)
			stoppedAt = time.Since(start)
		})
		time.Sleep(35 * time.Millisecond)
		cancel()
		wg.Wait()

		if want := "cancelled at step 3: context canceled"; err == nil || err.Error() != want {
			t.Errorf("error = %v, want %q", err, want)
		}
		if want := 35 * time.Millisecond; stoppedAt != want {
			t.Errorf("task returned at %v, want %v (the instant of the cancel)", stoppedAt, want)
		}
		want := "Step 0 complete\nStep 1 complete\nStep 2 complete\n"
		if diff := cmp.Diff(want, out.String()); diff != "" {
			t.Errorf("output (-want +got):\n%s", diff)
		}
	})
}

var errLoggedOut = errors.New("user logged out")

func TestWhyItStopped(t *testing.T) {
	tests := []struct {
		name     string
		ctx      func(context.Context) (context.Context, func())
		wantIs   []error
		wantNot  []error
		wantText string
	}{
		{
			name: "cancel",
			ctx: func(p context.Context) (context.Context, func()) {
				ctx, cancel := context.WithCancel(p)
				time.AfterFunc(35*time.Millisecond, cancel)
				return ctx, cancel
			},
			wantIs:   []error{context.Canceled},
			wantNot:  []error{context.DeadlineExceeded},
			wantText: "cancelled at step 3: context canceled",
		},
		{
			name: "timeout",
			ctx: func(p context.Context) (context.Context, func()) {
				return context.WithTimeout(p, 35*time.Millisecond)
			},
			wantIs:   []error{context.DeadlineExceeded},
			wantNot:  []error{context.Canceled},
			wantText: "cancelled at step 3: context deadline exceeded",
		},
		{
			name: "cancel with a cause",
			ctx: func(p context.Context) (context.Context, func()) {
				ctx, cancel := context.WithCancelCause(p)
				time.AfterFunc(35*time.Millisecond, func() { cancel(errLoggedOut) })
				return ctx, func() { cancel(nil) }
			},
			wantIs:   []error{context.Canceled, errLoggedOut},
			wantNot:  []error{context.DeadlineExceeded},
			wantText: "cancelled at step 3: user logged out",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				ctx, cancel := tt.ctx(t.Context())
				defer cancel()
				_, err := ctxversion.LongTask(ctx, 10, new(strings.Builder))
				for _, target := range tt.wantIs {
					if !errors.Is(err, target) {
						t.Errorf("errors.Is(%v, %v) = false, want true", err, target)
					}
				}
				for _, target := range tt.wantNot {
					if errors.Is(err, target) {
						t.Errorf("errors.Is(%v, %v) = true, want false", err, target)
					}
				}
				if err == nil || err.Error() != tt.wantText {
					t.Errorf("error = %v, want %q", err, tt.wantText)
				}
			})
		})
	}
}

func TestLongTaskStepCounts(t *testing.T) {
	tests := []struct {
		name    string
		steps   int
		want    string
		wantErr error
	}{
		{"zero steps completes at once", 0, "completed all 0 steps", nil},
		{"one step", 1, "completed all 1 steps", nil},
		{"negative steps is an error", -1, "", ctxversion.ErrNegativeSteps},
		{"most negative int is an error", math.MinInt, "", ctxversion.ErrNegativeSteps},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				var out strings.Builder
				got, err := ctxversion.LongTask(t.Context(), tt.steps, &out)
				if !errors.Is(err, tt.wantErr) || (err == nil) != (tt.wantErr == nil) {
					t.Fatalf("LongTask(%d) error = %v, want %v", tt.steps, err, tt.wantErr)
				}
				if got != tt.want {
					t.Errorf("LongTask(%d) = %q, want %q", tt.steps, got, tt.want)
				}
				if tt.wantErr != nil && out.Len() != 0 {
					t.Errorf("LongTask(%d) wrote %q, want nothing", tt.steps, out.String())
				}
			})
		})
	}
}

// TestLongTaskLeavesNothingBehind: synctest.Test fails if a goroutine started
// in the bubble is still blocked when the test function returns. It does not
// see timers: a timer left running passes (testdata/tools/
// synctest_misses_a_timer.txtar shows it), and since Go 1.23 an unreferenced
// timer is collected anyway; LongTask stops its timer for what Stop means.
func TestLongTaskLeavesNothingBehind(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ctx, cancel := context.WithCancel(t.Context())
		time.AfterFunc(15*time.Millisecond, cancel)
		_, err := ctxversion.LongTask(ctx, 10, new(strings.Builder))
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("error = %v, want context.Canceled", err)
		}
		synctest.Wait()
		start := time.Now()
		time.Sleep(time.Hour) // any timer left behind would fire during this hour
		if time.Since(start) != time.Hour {
			t.Fatal("virtual clock misbehaved")
		}
	})
}

func TestCancellableSum(t *testing.T) {
	ones := func(n int) []int64 {
		s := make([]int64, n)
		for i := range s {
			s[i] = 1
		}
		return s
	}
	tests := []struct {
		name      string
		data      []int64
		cancelled bool
		want      int64
		wantErr   error
	}{
		{"empty", nil, false, 0, nil},
		{"empty needs no check, even when cancelled", []int64{}, true, 0, nil},
		{"small", []int64{1, 2, 3}, false, 6, nil},
		{"spans several check intervals", ones(2*ctxversion.CheckInterval + 1), false, 2*ctxversion.CheckInterval + 1, nil},
		{"saturates at max, then subtracts", []int64{math.MaxInt64, 1, -1}, false, math.MaxInt64 - 1, nil},
		{"saturates at min, then adds", []int64{math.MinInt64, -1, 1}, false, math.MinInt64 + 1, nil},
		{"cancelled, one item: checked at index 0", []int64{7}, true, 0, context.Canceled},
		{"cancelled, many intervals", ones(5 * ctxversion.CheckInterval), true, 0, context.Canceled},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			if tt.cancelled {
				cancel()
			}
			got, err := ctxversion.CancellableSum(ctx, tt.data)
			if got != tt.want || !errors.Is(err, tt.wantErr) || (err == nil) != (tt.wantErr == nil) {
				t.Errorf("CancellableSum = (%d, %v), want (%d, %v)", got, err, tt.want, tt.wantErr)
			}
		})
	}
}
