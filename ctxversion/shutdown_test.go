package ctxversion_test

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/google/go-cmp/cmp"

	"example.com/cancellation/ctxversion"
)

// poolLog keeps a pool's events with the virtual time each came at. The
// pool calls it one event at a time, but from several goroutines.
type poolLog struct {
	mu     sync.Mutex
	start  time.Time
	events []stampedEvent
}

type stampedEvent struct {
	at time.Duration
	ctxversion.PoolEvent
}

func newPoolLog() *poolLog { return &poolLog{start: time.Now()} }

func (l *poolLog) log(e ctxversion.PoolEvent) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.events = append(l.events, stampedEvent{time.Since(l.start), e})
}

// String returns the events as the lines of a log, one a line.
func (l *poolLog) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	var b strings.Builder
	for _, e := range l.events {
		b.WriteString(e.String() + "\n")
	}
	return b.String()
}

var errSIGTERM = errors.New("SIGTERM")

func pool(log *poolLog) ctxversion.Pool {
	return ctxversion.Pool{
		Workers:  2,
		Grace:    10 * time.Millisecond,
		JobSteps: func(id int) int { return 2 + id%3 },
		Log:      log.log,
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
		log := newPoolLog()
		start := time.Now()
		got := pool(log).Run(stopAt(45*time.Millisecond, errSIGTERM), context.Background())
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
		log := newPoolLog()
		start := time.Now()
		got := pool(log).Run(stopAt(45*time.Millisecond, errSIGTERM), stopAt(47*time.Millisecond, errSIGTERM))
		if took := time.Since(start); took != 47*time.Millisecond {
			t.Errorf("Run returned after %v, want 47ms (at the second signal)", took)
		}
		want := ctxversion.Summary{Accepted: 4, Completed: 2, Cancelled: 2}
		if got != want {
			t.Errorf("summary = %v, want %v", got, want)
		}
		var hurried []int
		for _, e := range log.events {
			if e.Kind == ctxversion.JobAbandoned && errors.Is(e.Err, ctxversion.ErrHurried) {
				hurried = append(hurried, e.Job)
			}
		}
		slices.Sort(hurried) // both end at the instant of the hurry, in no defined order
		if diff := cmp.Diff([]int{3, 4}, hurried); diff != "" {
			t.Errorf("jobs abandoned for the hurry (-want +got):\n%s\nlog:\n%s", diff, log)
		}
	})
}

// TestPoolLosesNothing stops the pool at every millisecond from 0 to 120:
// whenever the stop comes, every accepted job is completed or cancelled.
func TestPoolLosesNothing(t *testing.T) {
	for ms := range 121 {
		synctest.Test(t, func(t *testing.T) {
			got := pool(newPoolLog()).Run(stopAt(time.Duration(ms)*time.Millisecond, errSIGTERM), context.Background())
			if got.Lost() != 0 || got.Accepted != got.Completed+got.Cancelled {
				t.Errorf("stop at %dms: %v, want lost=0", ms, got)
			}
			if ms > 0 && got.Accepted < 2 {
				t.Errorf("stop at %dms: only %d jobs accepted, want both workers busy", ms, got.Accepted)
			}
		})
	}
}

// TestPoolKeepsItsPromise stops a pool at many instants and checks what
// Pool.Run promises, from its log on the virtual clock: no job is accepted
// once the stop is done; every accepted job is completed or cancelled;
// jobs still running at stop+Grace are cancelled exactly then, and Run
// returns as soon as the last job has ended. The instants are random
// (with a fixed seed, so a failure can be replayed), between 0 and 130ms,
// off the 10ms step boundaries: at a boundary a job's end and the stop
// happen at the same virtual instant, where no order is defined. 1,000
// instants by default, 10,000 with COURSE_LONG=1.
func TestPoolKeepsItsPromise(t *testing.T) {
	n := 1000
	if os.Getenv("COURSE_LONG") != "" {
		n = 10000
	}
	const seed = 2026
	rng := rand.New(rand.NewPCG(seed, seed))
	for i := range n {
		stopAfter := time.Duration(rng.Int64N(int64(130 * time.Millisecond)))
		if stopAfter%(10*time.Millisecond) == 0 {
			stopAfter += time.Microsecond
		}
		checkPromise(t, fmt.Sprintf("stop #%d at %v (seed %d)", i, stopAfter, seed), stopAfter, false)
	}
}

// TestStoppedPoolAcceptsNothing: a pool whose stop is done before Run
// starts accepts no job. With a plain select between handing out a job
// and the stop, a free worker and a done stop are both ready and select
// picks either. Whether a worker is already waiting when Run first selects
// is up to the scheduler (about 1 run in 1,000 here, with 8 workers), so
// the case is repeated 5,000 times: such a pool fails nearly every time.
func TestStoppedPoolAcceptsNothing(t *testing.T) {
	for i := range 5000 {
		checkPromise(t, fmt.Sprintf("run %d, stopped before Run", i), 0, true)
	}
}

func checkPromise(t *testing.T, name string, stopAfter time.Duration, stopFirst bool) {
	t.Helper()
	synctest.Test(t, func(t *testing.T) {
		log := newPoolLog()
		p := pool(log)
		if stopFirst {
			p.Workers = 8
		}
		stop, cancel := context.WithCancelCause(context.Background())
		if stopFirst {
			cancel(errSIGTERM)
		} else {
			time.AfterFunc(stopAfter, func() { cancel(errSIGTERM) })
		}
		got := p.Run(stop, context.Background())
		returned := time.Since(log.start)
		deadline := stopAfter + p.Grace

		var accepted, completed, abandoned int
		lastEnd := stopAfter
		for _, e := range log.events {
			switch e.Kind {
			case ctxversion.JobAccepted:
				accepted++
				if e.at >= stopAfter {
					t.Errorf("%s: %q at %v, after the stop", name, e, e.at)
				}
			case ctxversion.JobDone:
				completed++
				lastEnd = max(lastEnd, e.at)
				if e.at > deadline {
					t.Errorf("%s: %q at %v, after the grace period (ends %v)", name, e, e.at, deadline)
				}
			case ctxversion.JobAbandoned:
				abandoned++
				lastEnd = max(lastEnd, e.at)
				if e.at != deadline || !errors.Is(e.Err, ctxversion.ErrGraceOver) {
					t.Errorf("%s: %q at %v; want jobs abandoned only at stop+grace (%v), for the grace period", name, e, e.at, deadline)
				}
			}
		}
		want := ctxversion.Summary{Accepted: accepted, Completed: completed, Cancelled: abandoned}
		if got != want || got.Lost() != 0 {
			t.Errorf("%s: summary %v; the log shows %v, and lost must be 0", name, got, want)
		}
		if returned != lastEnd {
			t.Errorf("%s: Run returned at %v; want %v, when the last job ended", name, returned, lastEnd)
		}
		if !stopFirst && stopAfter > 0 && accepted < 2 {
			t.Errorf("%s: %d jobs accepted; want both workers busy before the stop", name, accepted)
		}
		if stopFirst && accepted != 0 {
			t.Errorf("%s: %d jobs accepted by a pool stopped before it started; want none", name, accepted)
		}
	})
}

func TestSummaryString(t *testing.T) {
	s := ctxversion.Summary{Accepted: 5, Completed: 3, Cancelled: 1}
	if got, want := s.String(), "accepted=5 completed=3 cancelled=1 lost=1"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
}
