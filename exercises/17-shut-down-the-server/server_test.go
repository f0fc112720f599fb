package server

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"
)

const hint = "\nHint: go run ./lessons hint 17"

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

// The tests run a real net/http server and real clients over in-memory
// connections (pipeListener), inside a synctest bubble: time is virtual,
// and every instant below is exact.
const (
	stopAt    = 10 * time.Millisecond // when the tests' stop comes
	quickWork = 30 * time.Millisecond // how long /quick works, from 0ms
	patience  = time.Second           // how long a test waits for something that should have happened
)

type valueKey struct{}

const wantValue = "a value stop carries"

// A test is one run of Serve, its server and its clients.
type test struct {
	t       *testing.T
	start   time.Time
	ln      *pipeListener
	srv     *http.Server
	release chan struct{} // closed at the end: every handler returns
	served  chan outcome  // Serve's error, and when it returned
	done    chan struct{} // closed when Serve has returned

	mu       sync.Mutex // guards handlers
	handlers map[string]*handling
}

// An outcome is what came back, and when.
type outcome struct {
	at   time.Duration
	what string // for a client: "200 OK: body" or "cut: error"
	err  error
}

// A handling is what a handler saw of its request.
type handling struct {
	value      any           // r.Context().Value(valueKey{}) when it started
	ctxDoneAt  time.Duration // when it saw r.Context() done; -1: never
	cause      error         // context.Cause(r.Context()) then
	cut        bool          // the server has closed its connection
	causeAtCut error         // context.Cause(r.Context()) at that instant
}

// startServe starts Serve with grace, and a stop at stopAt. The handlers:
//
//   - /quick works quickWork, watching its context: it answers "done",
//     or nothing if its context ends first;
//   - /stuck ignores its context: it waits for the end of the test;
//   - /watch waits for its context (or the end of the test), leaves the
//     request's body unread and writes nothing, so that the server never
//     notices the close by itself: only its context tells it.
func startServe(t *testing.T, ln net.Listener, grace time.Duration) *test {
	tt := &test{
		t: t, start: time.Now(), release: make(chan struct{}),
		served: make(chan outcome, 1), done: make(chan struct{}),
		handlers: map[string]*handling{},
	}
	if pl, ok := ln.(*pipeListener); ok {
		tt.ln = pl
	}
	tt.srv = &http.Server{
		Handler: http.HandlerFunc(tt.handle),
		// The handlers find their connection in their context.
		ConnContext: func(ctx context.Context, c net.Conn) context.Context { return context.WithValue(ctx, connKey{}, c) },
	}
	parent := context.WithValue(context.Background(), valueKey{}, wantValue)
	stop, cancel := context.WithCancel(parent)
	time.AfterFunc(stopAt, cancel)
	go func() {
		err := Serve(stop, tt.srv, ln, grace)
		tt.served <- outcome{at: tt.now(), err: err}
		close(tt.done)
	}()
	t.Cleanup(func() { cancel(); tt.end() })
	return tt
}

func (tt *test) now() time.Duration { return time.Since(tt.start) }

func (tt *test) handle(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	h := &handling{value: ctx.Value(valueKey{}), ctxDoneAt: -1}
	tt.mu.Lock()
	tt.handlers[r.URL.Path] = h
	tt.mu.Unlock()
	if c, ok := ctx.Value(connKey{}).(*serverConn); ok {
		c.watch(tt, ctx, h)
	}
	seen := func() {
		tt.mu.Lock()
		h.ctxDoneAt, h.cause = tt.now(), context.Cause(ctx)
		tt.mu.Unlock()
	}
	switch r.URL.Path {
	case "/quick":
		select {
		case <-time.After(quickWork):
			fmt.Fprint(w, "done")
		case <-ctx.Done():
			seen()
		}
	case "/stuck":
		<-tt.release
	case "/watch":
		select {
		case <-ctx.Done():
			seen()
		case <-tt.release:
		}
	}
}

// handling returns a copy of what the handler of path saw, and whether it
// ran at all.
func (tt *test) handling(path string) (handling, bool) {
	tt.mu.Lock()
	defer tt.mu.Unlock()
	h, ok := tt.handlers[path]
	if !ok {
		return handling{}, false
	}
	return *h, true
}

// request sends a request on a connection of its own, and returns where
// its outcome will come.
func (tt *test) request(method, path string) <-chan outcome {
	transport := &http.Transport{DialContext: tt.ln.DialContext}
	var body io.Reader
	if method == "POST" {
		body = strings.NewReader("a body the handler leaves unread")
	}
	req, err := http.NewRequest(method, "http://exercise.test"+path, body)
	if err != nil {
		tt.t.Fatal(err)
	}
	out := make(chan outcome, 1)
	go func() {
		defer transport.CloseIdleConnections()
		resp, err := transport.RoundTrip(req)
		if err != nil {
			out <- outcome{at: tt.now(), what: "cut: " + err.Error()}
			return
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		if err != nil {
			out <- outcome{at: tt.now(), what: fmt.Sprintf("%s, then cut: %v", resp.Status, err)}
			return
		}
		out <- outcome{at: tt.now(), what: resp.Status + ": " + string(b)}
	}()
	synctest.Wait() // the handler has started
	return out
}

// await returns what comes on ch within patience, or false.
func await(ch <-chan outcome) (outcome, bool) {
	select {
	case o := <-ch:
		return o, true
	case <-time.After(patience):
		return outcome{}, false
	}
}

// end lets every handler return, closes the server if Serve did not, and
// waits for Serve, and then for what Serve may have left running (a
// Shutdown still polling), so that the test leaves nothing behind.
func (tt *test) end() {
	close(tt.release)
	select {
	case <-tt.done:
	case <-time.After(patience):
		tt.srv.Close() // Serve did not return: end the server, so that it does
		<-tt.done
	}
	time.Sleep(patience)
	synctest.Wait()
}

// TestInFlightRequestIsAnswered: a request in flight at the stop, which
// needs until 30ms, gets its answer within the grace (100ms); nothing is
// accepted after the stop; Serve returns once the request is answered,
// with nil.
func TestInFlightRequestIsAnswered(t *testing.T) {
	inBubble(t, func(t *testing.T) {
		const grace = 100 * time.Millisecond
		tt := startServe(t, newPipeListener(), grace)
		quick := tt.request("GET", "/quick")

		time.Sleep(stopAt)
		synctest.Wait() // the stop has come, and Serve has done what it does then
		dialCtx, cancel := context.WithTimeout(context.Background(), patience)
		defer cancel()
		if conn, err := tt.ln.DialContext(dialCtx, "", ""); err == nil {
			conn.Close()
			t.Errorf("a client connected after the stop; want the listener closed at the stop, so that nothing new is accepted (srv.Shutdown closes it)" + hint)
		}

		answer, ok := await(quick)
		if !ok {
			t.Fatalf("the request in flight at the stop (%v), which needed until %v, had no answer %v later; want it answered at %v, within the grace (%v)"+hint, stopAt, quickWork, patience, quickWork, grace)
		}
		if want := "200 OK: done"; answer.what != want || answer.at != quickWork {
			t.Errorf("the request in flight at the stop (%v), which needed until %v: its client got %q at %v; want %q at %v: a request in flight gets the grace (%v) to finish, and its context must not end at the stop"+hint,
				stopAt, quickWork, answer.what, answer.at, want, quickWork, grace)
		}
		if h, ok := tt.handling("/quick"); ok && h.value != wantValue {
			t.Errorf("the request's context had %v for a value that stop carries; want the requests' contexts to keep stop's values (srv.BaseContext)"+hint, h.value)
		}

		served, ok := await(tt.served)
		switch {
		case !ok:
			t.Errorf("Serve had not returned %v after the request was answered; want it to return soon after, once Shutdown has returned"+hint, patience)
		case served.at < answer.at:
			t.Errorf("Serve returned at %v, before the request in flight was answered (%v); want it to return only once srv.Shutdown has returned, not when srv.Serve does (which is at the stop)"+hint, served.at, answer.at)
		case served.at > stopAt+grace:
			t.Errorf("Serve returned at %v, after the grace (stop %v + %v); the request was answered at %v; want it to return soon after that, once Shutdown has returned"+hint, served.at, stopAt, grace, answer.at)
		}
		if ok && served.err != nil {
			t.Errorf("Serve returned %v after a stop; want nil: http.ErrServerClosed is how srv.Serve says that Shutdown began"+hint, served.err)
		}
	})
}

// TestStuckRequestsAreCutAtTheGraceEnd: two requests in flight at the
// stop never end by themselves: one ignores its context, one waits for
// it. At the end of the grace (10ms + 20ms, or 10ms + 0) the second's
// context ends, with the cause ErrGraceOver, then the connections are
// cut, and Serve returns nil.
func TestStuckRequestsAreCutAtTheGraceEnd(t *testing.T) {
	for _, grace := range []time.Duration{20 * time.Millisecond, 0} {
		t.Run(fmt.Sprintf("grace %v", grace), func(t *testing.T) {
			checkCutAtTheGraceEnd(t, grace)
		})
	}
}

func checkCutAtTheGraceEnd(t *testing.T, grace time.Duration) {
	inBubble(t, func(t *testing.T) {
		graceEnd := stopAt + grace
		tt := startServe(t, newPipeListener(), grace)
		stuck := tt.request("GET", "/stuck")
		tt.request("POST", "/watch")

		served, ok := await(tt.served)
		switch {
		case !ok:
			t.Errorf("Serve had not returned %v after the stop (%v), with %v of grace; want it to return at %v: Shutdown with no deadline waits for ever for a request that does not end"+hint, patience, stopAt, grace, graceEnd)
		case served.at != graceEnd:
			t.Errorf("Serve returned at %v, with two requests in flight that would never end; want it to return at exactly %v, stop (%v) + grace (%v): the grace starts at the stop, Shutdown returns at its end, and Serve once Shutdown has"+hint, served.at, graceEnd, stopAt, grace)
		case served.err != nil:
			t.Errorf("Serve returned %v after a stop whose grace ran out; want nil"+hint, served.err)
		}

		synctest.Wait() // the handlers have seen what there is to see
		h, _ := tt.handling("/watch")
		switch {
		case h.ctxDoneAt < 0:
			t.Errorf("the context of a request still running at the end of the grace (%v) was never cancelled (its body was never read, so nothing but your cancel tells it); want it cancelled then, with the cause ErrGraceOver (srv.BaseContext)"+hint, graceEnd)
		case h.ctxDoneAt != graceEnd || !errors.Is(h.cause, ErrGraceOver):
			t.Errorf("the context of a request still running at the end of the grace ended at %v with the cause %v; want it to end at %v with the cause ErrGraceOver, before srv.Close"+hint, h.ctxDoneAt, h.cause, graceEnd)
		case h.cut && !errors.Is(h.causeAtCut, ErrGraceOver):
			t.Errorf("when its connection was cut, at the end of the grace, the context of a request still running had the cause %v; want ErrGraceOver already: end the requests' contexts first, then cut their connections, so that a handler whose connection is cut can learn why"+hint, h.causeAtCut)
		}

		got, ok := await(stuck)
		switch {
		case !ok:
			t.Errorf("a request that ignores its context: its client was still waiting %v after the grace ended (%v); want its connection cut then, by srv.Close"+hint, patience, graceEnd)
		case !strings.HasPrefix(got.what, "cut") || got.at != graceEnd:
			t.Errorf("a request that ignores its context: its client got %q at %v; want its connection cut at %v, the end of the grace, by srv.Close"+hint, got.what, got.at, graceEnd)
		}
	})
}

// TestNothingInFlight: with no request in flight, Serve returns nil at the
// stop.
func TestNothingInFlight(t *testing.T) {
	inBubble(t, func(t *testing.T) {
		tt := startServe(t, newPipeListener(), 100*time.Millisecond)
		served, ok := await(tt.served)
		switch {
		case !ok:
			t.Errorf("with nothing in flight, Serve had not returned %v after the stop (%v); want it to return at the stop"+hint, patience, stopAt)
		case served.at != stopAt || served.err != nil:
			t.Errorf("with nothing in flight, Serve returned %v at %v; want nil at the stop, %v"+hint, served.err, served.at, stopAt)
		}
	})
}

// errBroken is what brokenListener's Accept returns.
var errBroken = errors.New("accept: the network is down")

// brokenListener fails at once, as a listener whose network is gone.
type brokenListener struct{}

func (brokenListener) Accept() (net.Conn, error) { return nil, errBroken }
func (brokenListener) Close() error              { return nil }
func (brokenListener) Addr() net.Addr            { return pipeAddr{} }

// TestServeFailsOnItsOwn: when srv.Serve fails before any stop, Serve
// returns its error at once.
func TestServeFailsOnItsOwn(t *testing.T) {
	inBubble(t, func(t *testing.T) {
		tt := startServe(t, brokenListener{}, 100*time.Millisecond)
		served, ok := await(tt.served)
		switch {
		case !ok:
			t.Errorf("srv.Serve failed at once (%v), and Serve had not returned %v later; want it to return that error at once, without waiting for the stop"+hint, errBroken, patience)
		case served.at != 0 || !errors.Is(served.err, errBroken):
			t.Errorf("srv.Serve failed at once (%v), and Serve returned %v at %v; want that error at once, without waiting for the stop"+hint, errBroken, served.err, served.at)
		}
	})
}

// TestServeFailsWithARequestInFlight: srv.Serve fails on its own at 5ms
// (the listener breaks), before any stop, while a request that needs until
// 30ms is in flight. Serve shuts down as after a stop: the request keeps
// its context and gets its answer, and Serve returns srv.Serve's error
// once it has.
func TestServeFailsWithARequestInFlight(t *testing.T) {
	inBubble(t, func(t *testing.T) {
		const (
			grace   = 100 * time.Millisecond
			breakAt = 5 * time.Millisecond
		)
		ln := newPipeListener()
		tt := startServe(t, ln, grace)
		quick := tt.request("GET", "/quick")
		time.AfterFunc(breakAt, ln.breakDown)

		answer, ok := await(quick)
		switch {
		case !ok:
			t.Errorf("srv.Serve failed on its own at %v with a request in flight, which needed until %v; its client had no answer %v later; want it answered at %v: shut down as after a stop, with the grace (%v)"+hint, breakAt, quickWork, patience, quickWork, grace)
		case answer.what != "200 OK: done" || answer.at != quickWork:
			t.Errorf("srv.Serve failed on its own at %v with a request in flight, which needed until %v; its client got %q at %v; want \"200 OK: done\" at %v: when srv.Serve fails, shut down the same way as after a stop (Shutdown with the grace, the requests' contexts live until its end), not at once"+hint, breakAt, quickWork, answer.what, answer.at, quickWork)
		}
		served, ok := await(tt.served)
		switch {
		case !ok:
			t.Errorf("srv.Serve failed on its own at %v, and Serve had not returned %v later; want it to return that error once the request in flight is answered"+hint, breakAt, patience)
		case !errors.Is(served.err, errBroken):
			t.Errorf("srv.Serve failed on its own at %v with %q, and Serve returned %v; want that error"+hint, breakAt, errBroken, served.err)
		case served.at < quickWork:
			t.Errorf("srv.Serve failed on its own at %v with a request in flight until %v, and Serve returned at %v; want it to return only once the shutdown is over, after that request was answered"+hint, breakAt, quickWork, served.at)
		case served.at > breakAt+grace:
			t.Errorf("srv.Serve failed on its own at %v, and Serve returned at %v, after the grace (%v); the request was answered at %v; want it to return soon after that"+hint, breakAt, served.at, grace, answer.at)
		}
	})
}

// pipeListener is a net.Listener whose connections are in-memory pipes
// (net.Pipe). Everything on it blocks on channels, so an HTTP server and
// its clients can run inside a synctest bubble, on the virtual clock.
type pipeListener struct {
	conns     chan net.Conn
	closed    chan struct{}
	closeOnce sync.Once
	broken    chan struct{} // closed by breakDown
}

func newPipeListener() *pipeListener {
	return &pipeListener{conns: make(chan net.Conn), closed: make(chan struct{}), broken: make(chan struct{})}
}

// Accept waits for the next DialContext.
func (l *pipeListener) Accept() (net.Conn, error) {
	select {
	case c := <-l.conns:
		return c, nil
	case <-l.closed:
		return nil, net.ErrClosed
	case <-l.broken:
		return nil, errBroken
	}
}

// breakDown makes Accept fail with errBroken from now on, as if the
// network were gone.
func (l *pipeListener) breakDown() { close(l.broken) }

// Close stops Accept and DialContext; it is safe to call more than once.
func (l *pipeListener) Close() error {
	l.closeOnce.Do(func() { close(l.closed) })
	return nil
}

// Addr returns a placeholder address.
func (l *pipeListener) Addr() net.Addr { return pipeAddr{} }

// DialContext connects to the listener, for an http.Transport.
func (l *pipeListener) DialContext(ctx context.Context, _, _ string) (net.Conn, error) {
	server, client := net.Pipe()
	select {
	case l.conns <- &serverConn{Conn: server}:
		return client, nil
	case <-l.closed:
		return nil, net.ErrClosed
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

type connKey struct{}

// serverConn is the server's end of a pipe. When the server closes it, it
// records why the context of the request on it had ended by then.
type serverConn struct {
	net.Conn
	mu  sync.Mutex // guards the following
	tt  *test
	ctx context.Context
	h   *handling
}

// watch is called by the handler of a request on c.
func (c *serverConn) watch(tt *test, ctx context.Context, h *handling) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.tt, c.ctx, c.h = tt, ctx, h
}

func (c *serverConn) Close() error {
	c.mu.Lock()
	if c.h != nil {
		c.tt.mu.Lock()
		if !c.h.cut {
			c.h.cut, c.h.causeAtCut = true, context.Cause(c.ctx)
		}
		c.tt.mu.Unlock()
	}
	c.mu.Unlock()
	return c.Conn.Close()
}

type pipeAddr struct{}

func (pipeAddr) Network() string { return "pipe" }
func (pipeAddr) String() string  { return "pipe" }
