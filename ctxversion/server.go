package ctxversion

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"sync"
	"time"
)

// ServeStats counts the requests of one call to Serve. Every accepted
// request is answered or cut; Lost counts any that are neither, and a
// correct shutdown keeps it at zero.
type ServeStats struct {
	Accepted int // requests whose handler started
	Answered int // handlers that returned before the grace ran out (a client that went away included)
	Cut      int // handlers still running when the grace ran out
}

// Lost returns the accepted requests that were neither answered nor cut.
func (s ServeStats) Lost() int { return s.Accepted - s.Answered - s.Cut }

// String returns "accepted=N answered=A cut=C lost=L".
func (s ServeStats) String() string {
	return fmt.Sprintf("accepted=%d answered=%d cut=%d lost=%d", s.Accepted, s.Answered, s.Cut, s.Lost())
}

// Serve serves HTTP with srv on ln until ctx is done, then shuts the server
// down gracefully and returns what happened to the requests.
//
// The shutdown, in order:
//
//  1. srv.Shutdown closes ln, so no new connection is accepted (a client
//     that dials now is refused), closes the idle connections, and waits
//     for the requests in flight. srv.Serve returns http.ErrServerClosed
//     at the moment Shutdown begins, long before the requests are done:
//     it is Shutdown's return that says they are, and Serve waits for it.
//  2. Shutdown also runs the functions given to srv.RegisterOnShutdown.
//     Serve registers one that closes the channel Draining returns, for
//     the handlers Shutdown cannot end by itself: a stream that would go
//     on for ever, a hijacked connection (a WebSocket) that Shutdown does
//     not track at all.
//  3. If the requests are not done within grace, Serve cancels the
//     context of every request still running (its cause is ErrGraceOver),
//     so the handlers that watch r.Context() stop, and calls srv.Close,
//     which cuts their connections. A handler that returns after that is
//     aborted (panic(http.ErrAbortHandler)): its client sees the
//     connection break, never a complete-looking answer, even if the
//     handler wrote nothing.
//  4. Serve waits for every handler to return (Close does not), and
//     returns the counts. A handler that ignores its context keeps Serve
//     waiting: bound that from outside (ExitAfter).
//
// To do this, Serve sets srv.BaseContext, so that every request's context
// descends from one that the stop does not cancel but the end of the grace
// does, and that carries ctx's values; and it wraps srv.Handler (nil means
// http.DefaultServeMux) to count the requests. srv must not be serving
// yet, and is not reusable afterwards.
//
// The error is nil after a stop by ctx, whatever the counts. If srv.Serve
// fails on its own first, Serve shuts down the same way and returns that
// error.
func Serve(ctx context.Context, srv *http.Server, ln net.Listener, grace time.Duration) (ServeStats, error) {
	base, cutRequests := context.WithCancelCause(context.WithoutCancel(ctx))
	defer cutRequests(nil)
	draining := make(chan struct{})
	var drain sync.Once
	srv.RegisterOnShutdown(func() { drain.Do(func() { close(draining) }) })
	base = context.WithValue(base, drainingKey{}, (<-chan struct{})(draining))
	srv.BaseContext = func(net.Listener) context.Context { return base }
	t := &tracker{base: base}
	srv.Handler = t.wrap(srv.Handler)

	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	var serveErr error
	select {
	case serveErr = <-served:
	case <-ctx.Done():
	}

	shutdownCtx, cancel := context.WithTimeoutCause(context.WithoutCancel(ctx), grace, ErrGraceOver)
	defer cancel()
	var closeErr error
	if err := srv.Shutdown(shutdownCtx); errors.Is(err, context.DeadlineExceeded) { // the grace is over
		cutRequests(ErrGraceOver)
		closeErr = srv.Close()
	} else if err != nil {
		closeErr = err // closing ln failed
	}
	if serveErr == nil {
		serveErr = <-served // http.ErrServerClosed, since Shutdown began
	}
	stats := t.wait()
	if errors.Is(serveErr, http.ErrServerClosed) {
		serveErr = nil
	}
	return stats, errors.Join(serveErr, closeErr)
}

type drainingKey struct{}

// Draining returns a channel that is closed when the server running the
// request whose context is ctx (r.Context(), or a context made from it)
// begins to shut down; nil, which is never ready, if the request is not
// served by Serve.
//
// A handler that would run for ever, a stream or a long poll, selects on
// it to end its answer cleanly; otherwise it holds the shutdown for the
// whole grace and is then cut.
func Draining(ctx context.Context) <-chan struct{} {
	ch, _ := ctx.Value(drainingKey{}).(<-chan struct{})
	return ch
}

// tracker counts the handlers of a Serve and waits for them.
type tracker struct {
	base context.Context // cancelled when the grace runs out

	mu      sync.Mutex // guards the following fields
	stats   ServeStats
	closed  bool           // Serve is waiting for the last handler: no new one may start
	running sync.WaitGroup // Add only while !closed, under mu, so every Add comes before Wait
}

// wrap returns h with each request counted.
func (t *tracker) wrap(h http.Handler) http.Handler {
	if h == nil {
		h = http.DefaultServeMux
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !t.start() {
			// Read just before its connection was cut: too late to serve.
			http.Error(w, "server shutting down", http.StatusServiceUnavailable)
			return
		}
		defer t.end()
		h.ServeHTTP(w, r)
	})
}

func (t *tracker) start() bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.closed {
		return false
	}
	t.stats.Accepted++
	t.running.Add(1)
	return true
}

// end counts a handler that returned, and aborts its response if it was
// cut: net/http then closes the connection without finishing the answer.
func (t *tracker) end() {
	t.mu.Lock()
	cut := t.base.Err() != nil
	if cut {
		t.stats.Cut++
	} else {
		t.stats.Answered++
	}
	t.running.Done()
	t.mu.Unlock()
	if cut {
		panic(http.ErrAbortHandler)
	}
}

// wait lets no new handler start, waits for the running ones, and returns
// the counts.
func (t *tracker) wait() ServeStats {
	t.mu.Lock()
	t.closed = true
	t.mu.Unlock()
	t.running.Wait()
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.stats
}
