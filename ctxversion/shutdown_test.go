package ctxversion_test

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/google/go-cmp/cmp"

	"example.com/cancellation/ctxversion"
)

// lockedBuilder is a strings.Builder safe for the pool's goroutines.
type lockedBuilder struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *lockedBuilder) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuilder) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

var errSIGTERM = errors.New("SIGTERM")

func pool(log *lockedBuilder) ctxversion.Pool {
	return ctxversion.Pool{
		Workers:  2,
		Grace:    10 * time.Millisecond,
		JobSteps: func(id int) int { return 2 + id%3 },
		Log:      log,
	}
}

// stopAt returns a context cancelled (with cause) after d.
func stopAt(d time.Duration, cause error) context.Context {
	ctx, cancel := context.WithCancelCause(context.Background())
	time.AfterFunc(d, func() { cancel(cause) })
	return ctx
}

func TestPoolShutdownGivesRunningJobsTheirGrace(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var log lockedBuilder
		start := time.Now()
		got := pool(&log).Run(stopAt(45*time.Millisecond, errSIGTERM), context.Background())
		if took := time.Since(start); took != 55*time.Millisecond {
			t.Errorf("Run returned after %v, want 55ms (stop at 45ms + 10ms grace)", took)
		}
		want := ctxversion.Summary{Accepted: 4, Completed: 3, Cancelled: 1}
		if got != want {
			t.Errorf("summary = %v, want %v", got, want)
		}
		wantLog := `job 1 accepted (3 steps)
job 2 accepted (4 steps)
job 1 done
job 3 accepted (2 steps)
job 2 done
job 4 accepted (3 steps)
stop (SIGTERM): no new jobs; running jobs have 10ms to finish
job 3 done
grace period over: cancelling the jobs still running
job 4 abandoned: cancelled at step 1: shutdown grace period over
`
		if diff := cmp.Diff(wantLog, log.String()); diff != "" {
			t.Errorf("log (-want +got):\n%s", diff)
		}
	})
}

func TestPoolHurriedBySecondSignal(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var log lockedBuilder
		start := time.Now()
		got := pool(&log).Run(stopAt(45*time.Millisecond, errSIGTERM), stopAt(47*time.Millisecond, errSIGTERM))
		if took := time.Since(start); took != 47*time.Millisecond {
			t.Errorf("Run returned after %v, want 47ms (at the second signal)", took)
		}
		want := ctxversion.Summary{Accepted: 4, Completed: 2, Cancelled: 2}
		if got != want {
			t.Errorf("summary = %v, want %v", got, want)
		}
		if !strings.Contains(log.String(), "job 3 abandoned: cancelled at step 1: told to hurry: second signal") {
			t.Errorf("log does not show job 3 abandoned by the hurry:\n%s", log.String())
		}
	})
}

// TestPoolLosesNothing stops the pool at every millisecond from 0 to 120:
// whenever the stop comes, every accepted job is completed or cancelled.
func TestPoolLosesNothing(t *testing.T) {
	for ms := range 121 {
		synctest.Test(t, func(t *testing.T) {
			var log lockedBuilder
			got := pool(&log).Run(stopAt(time.Duration(ms)*time.Millisecond, errSIGTERM), context.Background())
			if got.Lost() != 0 || got.Accepted != got.Completed+got.Cancelled {
				t.Errorf("stop at %dms: %v, want lost=0", ms, got)
			}
			if ms > 0 && got.Accepted < 2 {
				t.Errorf("stop at %dms: only %d jobs accepted, want both workers busy", ms, got.Accepted)
			}
		})
	}
}

func TestSummaryString(t *testing.T) {
	s := ctxversion.Summary{Accepted: 5, Completed: 3, Cancelled: 1}
	if got, want := s.String(), "accepted=5 completed=3 cancelled=1 lost=1"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
}
