package handler

import (
	"context"
	"io"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"
)

const hint = "\nHint: go run ./lessons hint 11"

type safeBuilder struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *safeBuilder) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *safeBuilder) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// callHandler calls the handler for a request whose context is a child
// of parent, and cancels that context when the handler returns, as the
// server does. It returns how long the handler took and what it logged.
func callHandler(parent context.Context) (took time.Duration, logged string) {
	var log safeBuilder
	took = callHandlerWith(parent, &log)
	return took, log.String()
}

// callHandlerWith is callHandler with log as the handler's log.
func callHandlerWith(parent context.Context, log io.Writer) (took time.Duration) {
	ctx, cancel := context.WithCancel(parent)
	r := httptest.NewRequest("GET", "/report", nil).WithContext(ctx)
	start := time.Now()
	Handler(log).ServeHTTP(httptest.NewRecorder(), r)
	took = time.Since(start)
	if l, ok := log.(*slowLog); ok {
		l.handlerReturned()
	}
	cancel()
	time.Sleep(10 * time.Millisecond) // let anything the handler left behind write its log, even a slow one
	synctest.Wait()
	return took
}

// A slowLog takes a millisecond to write each line, as a log on a busy disk
// may, and records the lines written after the handler had returned.
type slowLog struct {
	safeBuilder
	mu       sync.Mutex
	returned bool
	late     []string
}

func (l *slowLog) Write(p []byte) (int, error) {
	time.Sleep(time.Millisecond)
	l.mu.Lock()
	if l.returned {
		l.late = append(l.late, string(p))
	}
	l.mu.Unlock()
	return l.safeBuilder.Write(p)
}

func (l *slowLog) handlerReturned() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.returned = true
}

// TestTaskStopsWhenTheClientGivesUp cancels the request's context after
// 35.5ms, as the server does when the client's connection closes.
func TestTaskStopsWhenTheClientGivesUp(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		const gone = 35*time.Millisecond + 500*time.Microsecond
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		time.AfterFunc(gone, cancel)
		took, logged := callHandler(ctx)
		if took != gone {
			t.Errorf("the client went away after %v, and the handler returned after %v; want it to return then: its task must stop when the request's context is done"+hint, gone, took)
		}
		if want := "handler: stopped at step 3: context canceled\n"; logged != want {
			t.Errorf("the client went away after %v, and the handler logged %q; want %q"+hint, gone, logged, want)
		}
	})
}

// TestTaskCompletes serves a request that nobody cancels.
func TestTaskCompletes(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		took, logged := callHandler(context.Background())
		if took != time.Second {
			t.Errorf("a request that stayed open: the handler returned after %v; want it to complete its 1s task"+hint, took)
		}
		if want := "handler: completed\n"; logged != want {
			t.Errorf("a request that stayed open: the handler logged %q; want %q"+hint, logged, want)
		}
	})
}

// TestHandlerReturnsAfterItsTask gives the handler a log that takes 1ms to
// write: the client goes at 35.5ms, the task stops then, and its report is
// written at 36.5ms. The handler must return after that, not when the
// client went: once a handler has returned, the server reuses what it
// handed it, and nothing of the request may go on.
func TestHandlerReturnsAfterItsTask(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		const gone = 35*time.Millisecond + 500*time.Microsecond
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		time.AfterFunc(gone, cancel)
		log := &slowLog{}
		took := callHandlerWith(ctx, log)
		log.mu.Lock()
		late := log.late
		log.mu.Unlock()
		if len(late) > 0 {
			t.Errorf("the client went away after %v, the handler returned after %v, and then its task logged %q; want the handler to return only once its task has ended and been reported: a handler that returns on ctx.Done() leaves its task running behind it"+hint, gone, took, strings.Join(late, ""))
		}
		if want := "handler: stopped at step 3: context canceled\n"; log.String() != want {
			t.Errorf("the client went away after %v, and the handler logged %q; want %q"+hint, gone, log.String(), want)
		}
		if want := gone + time.Millisecond; took != want {
			t.Errorf("the client went away after %v, the report took 1ms to write, and the handler returned after %v; want %v"+hint, gone, took, want)
		}
	})
}

// TestTheRequestsDeadline serves a request whose context has a deadline
// 35.5ms away, as a server's timeout gives it: the task must stop at that
// deadline, and say that it was the deadline.
func TestTheRequestsDeadline(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		const deadline = 35*time.Millisecond + 500*time.Microsecond
		ctx, cancel := context.WithTimeout(context.Background(), deadline)
		defer cancel()
		took, logged := callHandler(ctx)
		if took != deadline {
			t.Errorf("the request's context had a deadline %v away, and the handler returned after %v; want it to return at that deadline"+hint, deadline, took)
		}
		if want := "handler: stopped at step 3: context deadline exceeded\n"; logged != want {
			t.Errorf("the request's context had a deadline %v away, and the handler logged %q; want %q: the task's context must be the request's, deadline and all, not one of its own that only hears of the cancel"+hint, deadline, logged, want)
		}
	})
}

// TestRequestsAreIndependent serves two requests at once with one
// Handler: the first client gives up after 35.5ms, the second stays. The
// second's task must not hear of the first's end.
func TestRequestsAreIndependent(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		const gone = 35*time.Millisecond + 500*time.Microsecond
		var log safeBuilder
		h := Handler(&log)
		serve := func(ctx context.Context) time.Duration {
			r := httptest.NewRequest("GET", "/report", nil).WithContext(ctx)
			start := time.Now()
			h.ServeHTTP(httptest.NewRecorder(), r)
			return time.Since(start)
		}
		leaving, cancel := context.WithCancel(context.Background())
		defer cancel()
		time.AfterFunc(gone, cancel)
		staying, cancelStaying := context.WithCancel(context.Background())
		defer cancelStaying()
		var took [2]time.Duration
		var wg sync.WaitGroup
		wg.Go(func() { took[0] = serve(leaving) })
		wg.Go(func() { took[1] = serve(staying) })
		wg.Wait()
		if took != [2]time.Duration{gone, time.Second} {
			t.Errorf("two requests at once on one Handler, the first client gone after %v, the second staying: the handlers returned after %v and %v; want %v and 1s: each request's task runs with that request's context alone, and nothing is shared between requests"+hint,
				gone, took[0], took[1], gone)
		}
		if want := "handler: stopped at step 3: context canceled\nhandler: completed\n"; log.String() != want {
			t.Errorf("two requests at once on one Handler, the first client gone after %v, the second staying: the handler logged %q; want %q"+hint, gone, log.String(), want)
		}
	})
}
