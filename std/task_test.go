package std_test

import (
	"errors"
	"math"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/google/go-cmp/cmp"

	"example.com/cancellation/std"
)

// The source lesson's last two tests, with their output checked too.

func TestTaskCompletesWithoutCancel(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var out strings.Builder
		start := time.Now()
		got, err := std.LongTask(std.NewToken(), 2, &out)
		if err != nil {
			t.Fatalf("LongTask(2 steps) error = %v, want nil", err)
		}
		if want := "completed all 2 steps"; got != want {
			t.Errorf("LongTask(2 steps) = %q, want %q", got, want)
		}
		if diff := cmp.Diff("Step 0 complete\nStep 1 complete\n", out.String()); diff != "" {
			t.Errorf("output (-want +got):\n%s", diff)
		}
		if took := time.Since(start); took != 2*std.StepDuration {
			t.Errorf("took %v (virtual), want %v", took, 2*std.StepDuration)
		}
	})
}

func TestTaskCancelledBeforeStartFails(t *testing.T) {
	tok := std.NewToken()
	tok.Cancel()
	var out strings.Builder
	got, err := std.LongTask(tok, 100, &out)
	if !errors.Is(err, std.ErrCancelled) {
		t.Fatalf("LongTask on a cancelled token: error = %v, want errors.Is ErrCancelled", err)
	}
	if want := "cancelled at step 0"; err.Error() != want {
		t.Errorf("error message = %q, want %q", err, want)
	}
	var se *std.StepError
	if !errors.As(err, &se) || se.Step != 0 {
		t.Errorf("errors.As(*StepError) = %v (%+v), want Step 0", se != nil, se)
	}
	if got != "" || out.Len() != 0 {
		t.Errorf("a task cancelled before it starts returned %q and wrote %q, want nothing", got, out.String())
	}
}

// TestCancelDuringStepIsSeenAtNextCheck is the heart of the flag version: a
// cancel at 35ms lands in the middle of step 3, which finishes at 40ms; the
// task sees the flag before step 4.
func TestCancelDuringStepIsSeenAtNextCheck(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tok := std.NewToken()
		var out strings.Builder
		var err error
		var stoppedAt time.Duration
		start := time.Now()
		var wg sync.WaitGroup
		wg.Go(func() {
			_, err = std.LongTask(tok, 10, &out)
			stoppedAt = time.Since(start)
		})
		time.Sleep(35 * time.Millisecond)
		tok.Cancel()
		wg.Wait()

		if want := "cancelled at step 4"; err == nil || err.Error() != want {
			t.Errorf("error = %v, want %q", err, want)
		}
		if want := 40 * time.Millisecond; stoppedAt != want {
			t.Errorf("task returned at %v, want %v (end of the step in progress)", stoppedAt, want)
		}
		want := "Step 0 complete\nStep 1 complete\nStep 2 complete\nStep 3 complete\n"
		if diff := cmp.Diff(want, out.String()); diff != "" {
			t.Errorf("output (-want +got):\n%s", diff)
		}
	})
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
		{"negative steps is an error", -1, "", std.ErrNegativeSteps},
		{"most negative int is an error", math.MinInt, "", std.ErrNegativeSteps},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				var out strings.Builder
				got, err := std.LongTask(std.NewToken(), tt.steps, &out)
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
		wantOK    bool
	}{
		{"empty", nil, false, 0, true},
		{"empty needs no check, even when cancelled", []int64{}, true, 0, true},
		{"small", []int64{1, 2, 3}, false, 6, true},
		{"spans several check intervals", ones(2*std.CheckInterval + 1), false, 2*std.CheckInterval + 1, true},
		{"saturates at max, then subtracts", []int64{math.MaxInt64, 1, -1}, false, math.MaxInt64 - 1, true},
		{"saturates at min, then adds", []int64{math.MinInt64, -1, 1}, false, math.MinInt64 + 1, true},
		{"order matters", []int64{math.MaxInt64, -1, 1}, false, math.MaxInt64, true},
		{"cancelled, one item: checked at index 0", []int64{7}, true, 0, false},
		{"cancelled, exactly one interval", ones(std.CheckInterval), true, 0, false},
		{"cancelled, many intervals", ones(5 * std.CheckInterval), true, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tok := std.NewToken()
			if tt.cancelled {
				tok.Cancel()
			}
			got, ok := std.CancellableSum(tok, tt.data)
			if got != tt.want || ok != tt.wantOK {
				t.Errorf("CancellableSum = (%d, %v), want (%d, %v)", got, ok, tt.want, tt.wantOK)
			}
		})
	}
}
