package handler

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
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

// TestTaskStopsWhenTheClientGivesUp uses a real server on 127.0.0.1 and a
// client that gives up after 20ms.
func TestTaskStopsWhenTheClientGivesUp(t *testing.T) {
	var log safeBuilder
	ended := make(chan struct{}, 1)
	h := Handler(&log)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() { ended <- struct{}{} }()
		h.ServeHTTP(w, r)
	}))
	defer srv.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "GET", srv.URL, nil)
	if resp, err := srv.Client().Do(req); err == nil {
		resp.Body.Close()
	}
	<-ended
	if !strings.Contains(log.String(), "context canceled") {
		t.Fatalf("the client gave up after 20ms, and the handler logged %q; want it to stop with \"context canceled\""+hint, strings.TrimSpace(log.String()))
	}
}
