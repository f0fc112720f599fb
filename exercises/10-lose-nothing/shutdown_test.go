package shutdown

import (
	"context"
	"errors"
	"sync"
	"testing"
	"testing/synctest"
	"time"
)

const hint = "\nHint: go run ./lessons hint 10"

// inBubble runs f in a synctest bubble, as synctest.Test does. If the
// test then fails with synctest's report of goroutines left behind, which
// ends the test with a panic, it says what that means.
func inBubble(t *testing.T, f func(*testing.T)) {
	returned := false
	t.Cleanup(func() {
		if !returned && !t.Failed() {
			t.Log("the test fails with \"deadlock: main bubble goroutine has exited but blocked goroutines remain\": goroutines started by your code were still waiting when the test ended, leaked (the stacks below show where they wait); want every goroutine to have returned" + hint)
		}
	})
	synctest.Test(t, f)
	returned = true
}

const (
	step     = 10 * time.Millisecond // every test job works 3 steps
	jobTime  = 3 * step
	grace    = 15 * time.Millisecond
	nWorkers = 2
)

type valueKey struct{}

const wantValue = "request-scoped value"

// A jobRun is what the test saw of one job.
type jobRun struct {
	accepted, ended time.Duration // since the test began
	done            bool          // it has returned
	err             error         // what it returned
	value           any           // its context's value for valueKey{}
}

// jobs records the jobs that the workers ran.
type jobs struct {
	start time.Time
	mu    sync.Mutex
	runs  []*jobRun
}

func newJobs() *jobs { return &jobs{start: time.Now()} }

func (js *jobs) now() time.Duration { return time.Since(js.start) }

// job is a Job that works 3 steps of 10ms, and returns its context's error
// the moment its context is done.
func (js *jobs) job(ctx context.Context) error {
	r := &jobRun{accepted: js.now(), value: ctx.Value(valueKey{})}
	js.mu.Lock()
	js.runs = append(js.runs, r)
	js.mu.Unlock()
	var err error
	for i := 0; i < 3 && err == nil; i++ {
		select {
		case <-ctx.Done():
			err = ctx.Err()
		case <-time.After(step):
		}
	}
	js.mu.Lock()
	r.ended, r.done, r.err = js.now(), true, err
	js.mu.Unlock()
	return err
}

// snapshot returns a copy of the runs so far.
func (js *jobs) snapshot() []jobRun {
	js.mu.Lock()
	defer js.mu.Unlock()
	out := make([]jobRun, len(js.runs))
	for i, r := range js.runs {
		out[i] = *r
	}
	return out
}

// queue returns a queue that holds n jobs.
func (js *jobs) queue(n int) chan Job {
	q := make(chan Job, n)
	for range n {
		q <- js.job
	}
	return q
}

// TestGracefulShutdown stops Run at 121 instants, half a millisecond off
// the grid (0.5ms, 1.5ms, ... 120.5ms), with 2 workers, a queue that
// always has a job ready, jobs of 3 steps of 10ms, and 15ms of grace.
func TestGracefulShutdown(t *testing.T) {
	for ms := range 121 {
		stopAt := time.Duration(ms)*time.Millisecond + 500*time.Microsecond
		inBubble(t, func(t *testing.T) {
			js := newJobs()
			parent := context.WithValue(context.Background(), valueKey{}, wantValue)
			stop, cancel := context.WithCancel(parent)
			defer cancel()
			time.AfterFunc(stopAt, cancel)
			q := js.queue(64)
			s := Run(stop, q, nWorkers, grace)
			returned := js.now()
			runs := js.snapshot()
			checkShutdown(t, stopAt, grace, s, returned, runs)
			time.Sleep(time.Second) // a worker that Run left behind would take a job now
			later := js.snapshot()
			if len(later) > len(runs) {
				t.Fatalf("stop at %v: Run returned at %v, and at %v a worker took another job; want every worker to have returned when Run returns"+hint,
					stopAt, returned, later[len(runs)].accepted)
			}
			if taken := cap(q) - len(q); taken != len(later) {
				t.Fatalf("stop at %v: the workers took %d jobs from the queue, and ran %d of them; want every job taken from the queue run and counted: the others are lost"+hint, stopAt, taken, len(later))
			}
		})
	}
}

// TestNoGrace stops Run with a grace of 0, at instants off the grid: the
// jobs running at the stop have no time at all, and are cancelled at the
// stop.
func TestNoGrace(t *testing.T) {
	for _, stopAt := range []time.Duration{500 * time.Microsecond, 12*time.Millisecond + 500*time.Microsecond, 45*time.Millisecond + 500*time.Microsecond} {
		inBubble(t, func(t *testing.T) {
			js := newJobs()
			parent := context.WithValue(context.Background(), valueKey{}, wantValue)
			stop, cancel := context.WithCancel(parent)
			defer cancel()
			time.AfterFunc(stopAt, cancel)
			s := Run(stop, js.queue(64), nWorkers, 0)
			checkShutdown(t, stopAt, 0, s, js.now(), js.snapshot())
		})
	}
}

func checkShutdown(t *testing.T, stopAt, grace time.Duration, s Summary, returned time.Duration, runs []jobRun) {
	t.Helper()
	graceEnd := stopAt + grace
	for _, r := range runs {
		if r.accepted >= stopAt {
			t.Fatalf("stop at %v: a worker took a job at %v, after the stop; want no job accepted once stop is done"+hint, stopAt, r.accepted)
		}
	}
	for _, r := range runs {
		if !r.done {
			t.Fatalf("stop at %v: Run returned at %v while the job accepted at %v was still running (cancelled is not finished); want Run to return only when every worker has returned"+hint,
				stopAt, returned, r.accepted)
		}
	}
	for _, r := range runs {
		if r.value != wantValue {
			t.Fatalf("stop at %v: a job's context had %v for a value that stop carries; want the jobs' context to keep stop's values"+hint, stopAt, r.value)
		}
	}
	last := stopAt
	for _, r := range runs {
		needs := r.accepted + jobTime
		switch {
		case needs <= graceEnd && (r.err != nil || r.ended != needs):
			t.Fatalf("stop at %v, %v of grace: the job accepted at %v needed until %v, within the grace period, and ended at %v with %v; want it to complete at %v"+hint,
				stopAt, grace, r.accepted, needs, r.ended, r.err, needs)
		case needs > graceEnd && (r.err == nil || r.ended != graceEnd):
			t.Fatalf("stop at %v, %v of grace: the job accepted at %v needed until %v, and ended at %v with %v; want its context cancelled at exactly %v, the end of the grace period (stop + grace)"+hint,
				stopAt, grace, r.accepted, needs, r.ended, r.err, graceEnd)
		}
		last = max(last, r.ended)
	}
	if returned != last {
		t.Fatalf("stop at %v: the last job ended at %v, and Run returned at %v; want Run to return the moment the last job ends"+hint, stopAt, last, returned)
	}
	if want := nWorkers * (int(stopAt/jobTime) + 1); len(runs) != want {
		t.Fatalf("stop at %v: the %d workers took %d jobs; want %d: each worker takes the next job as soon as it is free, until the stop"+hint,
			stopAt, nWorkers, len(runs), want)
	}
	want := Summary{Accepted: len(runs)}
	for _, r := range runs {
		if r.err == nil {
			want.Completed++
		} else {
			want.Cancelled++
		}
	}
	if s != want {
		t.Fatalf("stop at %v: Run returned the summary %v; the jobs it ran say %v; want every accepted job counted, as completed or cancelled"+hint, stopAt, s, want)
	}
}

// TestAlreadyStopped calls Run 100 times with a stop that is already done.
func TestAlreadyStopped(t *testing.T) {
	inBubble(t, func(t *testing.T) {
		js := newJobs()
		stop, cancel := context.WithCancel(context.Background())
		cancel()
		q := js.queue(8)
		for try := 1; try <= 100; try++ {
			s := Run(stop, q, nWorkers, grace)
			returned := js.now()
			synctest.Wait() // let any worker that Run left behind run
			switch n := len(js.snapshot()); {
			case len(q) < cap(q):
				t.Fatalf("stop was done before Run was called (try %d of 100), and its workers took %d job(s) from the queue; want none accepted: select chooses at random when a job and the stop are both ready"+hint, try, cap(q)-len(q))
			case n > 0:
				t.Fatalf("stop was done before Run was called (try %d of 100), and its workers took %d job(s); want none accepted: select chooses at random when a job and the stop are both ready"+hint, try, n)
			case returned != 0:
				t.Fatalf("stop was done before Run was called (try %d of 100), and Run returned after %v; want it to return at once, with no job running"+hint, try, returned)
			case s != (Summary{}):
				t.Fatalf("stop was done before Run was called (try %d of 100), and Run returned the summary %v; want all zeros"+hint, try, s)
			}
		}
	})
}

// TestQueueRunsDry gives Run 3 jobs, and stops it at 75.5ms, when both
// workers have been waiting for a job since 60ms.
func TestQueueRunsDry(t *testing.T) {
	inBubble(t, func(t *testing.T) {
		const stopAt = 75*time.Millisecond + 500*time.Microsecond
		js := newJobs()
		stop, cancel := context.WithCancel(context.Background())
		defer cancel()
		time.AfterFunc(stopAt, cancel)
		q := js.queue(3)
		type result struct {
			s  Summary
			at time.Duration
		}
		done := make(chan result, 1)
		go func() {
			s := Run(stop, q, nWorkers, grace)
			done <- result{s, js.now()}
		}()
		time.Sleep(stopAt + 2*time.Second)
		select {
		case r := <-done:
			if r.at != stopAt {
				t.Errorf("3 jobs, done by 60ms, and a stop at %v: Run returned at %v; want it to return at the stop, with no job running"+hint, stopAt, r.at)
			}
			if want := (Summary{Accepted: 3, Completed: 3}); r.s != want {
				t.Errorf("3 jobs, done by 60ms, and a stop at %v: Run returned the summary %v; want %v"+hint, stopAt, r.s, want)
			}
		default:
			t.Errorf("3 jobs, done by 60ms, and a stop at %v: 2s after the stop, Run had not returned; want a worker that waits for a job to return when stop is done"+hint, stopAt)
			for range nWorkers { // release the workers, so that the test can end
				q <- func(context.Context) error { return nil }
			}
			synctest.Wait()
		}
	})
}

// TestCountedByWhatTheJobReturned runs two jobs that finish their work
// whatever their context says and return nil 30ms in, after their context
// was cancelled at 20ms (stop at 5ms, 15ms of grace), and one that fails
// on its own at 10ms, with an error of its own, while its context is
// live. A job is counted by what it returned: 2 completed, 1 cancelled.
func TestCountedByWhatTheJobReturned(t *testing.T) {
	inBubble(t, func(t *testing.T) {
		stop, cancel := context.WithCancel(context.Background())
		defer cancel()
		time.AfterFunc(5*time.Millisecond, cancel)
		stubborn := func(context.Context) error {
			time.Sleep(jobTime)
			return nil
		}
		failing := func(context.Context) error {
			time.Sleep(step)
			return errors.New("disk full")
		}
		q := make(chan Job, 3)
		q <- stubborn
		q <- stubborn
		q <- failing
		s := Run(stop, q, 3, grace)
		if want := (Summary{Accepted: 3, Completed: 2, Cancelled: 1}); s != want {
			t.Errorf("two jobs that returned nil at 30ms, after their context was cancelled at 20ms, and one that returned an error of its own at 10ms: Run returned the summary %v; want %v: a job is counted by what it returned, not by its context"+hint, s, want)
		}
	})
}
