package handler

import (
	"context"
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

// serveRequest calls the handler for a request whose context is a child of
// parent, and cancels that context when the handler returns, as the server
// does. It returns how long the handler took and what it logged.
func serveRequest(parent context.Context) (took time.Duration, logged string) {
	var log safeBuilder
	ctx, cancel := context.WithCancel(parent)
	r := httptest.NewRequest("GET", "/report", nil).WithContext(ctx)
	start := time.Now()
	Handler(&log).ServeHTTP(httptest.NewRecorder(), r)
	took = time.Since(start)
	cancel()
	synctest.Wait() // let anything the handler left behind write its log
	return took, log.String()
}

// TestTaskStopsWhenTheClientGivesUp cancels the request's context after
// 35.5ms, as the server does when the client's connection closes.
func TestTaskStopsWhenTheClientGivesUp(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		const gone = 35*time.Millisecond + 500*time.Microsecond
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		time.AfterFunc(gone, cancel)
		took, logged := serveRequest(ctx)
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
		took, logged := serveRequest(context.Background())
		if took != time.Second {
			t.Errorf("a request that stayed open: the handler returned after %v; want it to complete its 1s task"+hint, took)
		}
		if want := "handler: completed\n"; logged != want {
			t.Errorf("a request that stayed open: the handler logged %q; want %q"+hint, logged, want)
		}
	})
}
