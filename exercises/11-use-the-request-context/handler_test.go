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
