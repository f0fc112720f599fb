package ctxversion_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"example.com/cancellation/ctxversion"
)

// lockedBuilder is a strings.Builder safe for the handlers' goroutines.
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

// TestHandlerStopsWhenTheClientGivesUp runs a real server on a loopback
// port and a client that gives up after 35ms. The verdict does not depend on
// the clock: the handler must end with "context canceled", whichever step
// it was in.
func TestHandlerStopsWhenTheClientGivesUp(t *testing.T) {
	var log lockedBuilder
	handlerDone := make(chan struct{}, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() { handlerDone <- struct{}{} }()
		ctxversion.TaskHandler(&log).ServeHTTP(w, r)
	}))
	defer srv.Close()
	if !strings.HasPrefix(srv.URL, "http://127.0.0.1:") {
		t.Fatalf("server at %s, want a loopback address", srv.URL)
	}

	ctx, cancel := context.WithTimeout(context.Background(), 35*time.Millisecond)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "GET", srv.URL+"/?steps=1000", nil)
	resp, err := srv.Client().Do(req)
	if err == nil {
		resp.Body.Close()
		t.Fatal("a 1000-step request (10s) answered within the client's 35ms timeout")
	}
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("client error = %v, want context.DeadlineExceeded", err)
	}
	<-handlerDone // the handler has returned: it did not work on for 10s
	want := regexp.MustCompile(`(?m)^handler: started a 1000-step task\nhandler: stopped: cancelled at step \d+: context canceled\n$`)
	if !want.MatchString(log.String()) {
		t.Errorf("server log:\n%s\nwant it to match %s", log.String(), want)
	}
}

func TestHandlerAnswersAPatientClient(t *testing.T) {
	var log lockedBuilder
	srv := httptest.NewServer(ctxversion.TaskHandler(&log))
	defer srv.Close()
	tests := []struct {
		query      string
		wantStatus int
		wantBody   string
	}{
		{"?steps=2", http.StatusOK, "completed all 2 steps\n"},
		{"?steps=0", http.StatusOK, "completed all 0 steps\n"},
		{"?steps=-1", http.StatusBadRequest, "steps must be a whole number, 0 or more\n"},
		{"?steps=many", http.StatusBadRequest, "steps must be a whole number, 0 or more\n"},
	}
	for _, tt := range tests {
		resp, err := srv.Client().Get(srv.URL + "/" + tt.query)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != tt.wantStatus || string(body) != tt.wantBody {
			t.Errorf("GET %s = %d %q, want %d %q", tt.query, resp.StatusCode, body, tt.wantStatus, tt.wantBody)
		}
	}
}
