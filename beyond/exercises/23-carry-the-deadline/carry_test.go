package carry

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"sync"
	"testing"
	"testing/synctest"
	"time"
)

const hint = "\nHint: the task is in doc.go; go run ./lessons hint 23"

// pipeListener is an in-memory net.Listener: its connections are
// net.Pipe pairs, so that servers and clients run on the virtual clock of
// a testing/synctest bubble.
type pipeListener struct {
	conns  chan net.Conn
	closed chan struct{}
	once   sync.Once
}

func listen() *pipeListener {
	return &pipeListener{conns: make(chan net.Conn), closed: make(chan struct{})}
}

func (l *pipeListener) Accept() (net.Conn, error) {
	select {
	case c := <-l.conns:
		return c, nil
	case <-l.closed:
		return nil, net.ErrClosed
	}
}

func (l *pipeListener) Close() error   { l.once.Do(func() { close(l.closed) }); return nil }
func (l *pipeListener) Addr() net.Addr { return &net.UnixAddr{Name: "pipe", Net: "pipe"} }

func (l *pipeListener) dial(ctx context.Context, _, _ string) (net.Conn, error) {
	server, client := net.Pipe()
	select {
	case l.conns <- server:
		return client, nil
	case <-l.closed:
		return nil, net.ErrClosed
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// serve serves h until the test ends, and returns a client of it.
func serve(t *testing.T, h http.Handler) *http.Client {
	ln := listen()
	srv := &http.Server{Handler: h}
	done := make(chan struct{})
	go func() { srv.Serve(ln); close(done) }()
	tr := &http.Transport{DialContext: ln.dial}
	t.Cleanup(func() { tr.CloseIdleConnections(); srv.Close(); <-done })
	return &http.Client{Transport: tr}
}

// A run is what happened in a chain of two services, front and next: a
// client calls front, front works 20ms and then calls next with Call;
// next answers "stock: 3" after 200ms, unless its request's context ends
// first.
type run struct {
	nextCalled   bool
	nextHeader   string        // the Header next got, "" for none
	hasHeader    bool          // whether it got one
	nextEnded    time.Duration // when next's request's context ended, or 0
	callReturned time.Duration // when front's Call returned
	body         string
	err          error
}

// play runs the chain: the client sends header (if set) and gives up
// after giveUp (if set).
func play(t *testing.T, header string, setHeader bool, giveUp time.Duration) run {
	var r run
	start := time.Now()
	var mu sync.Mutex
	nextDone := make(chan struct{})
	next := serve(t, http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		defer close(nextDone)
		mu.Lock()
		r.nextCalled = true
		r.nextHeader = req.Header.Get(Header)
		_, r.hasHeader = req.Header[Header]
		mu.Unlock()
		select {
		case <-time.After(200 * time.Millisecond):
			io.WriteString(w, "stock: 3")
		case <-req.Context().Done():
			mu.Lock()
			r.nextEnded = time.Since(start)
			mu.Unlock()
		}
	}))
	front := serve(t, http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		ctx, cancel := Deadline(req)
		defer cancel()
		time.Sleep(20 * time.Millisecond) // front's own work
		body, err := Call(ctx, next, "http://next/")
		mu.Lock()
		r.callReturned, r.body, r.err = time.Since(start), body, err
		mu.Unlock()
	}))
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	if giveUp > 0 {
		time.AfterFunc(giveUp, cancel)
	}
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, "http://front/", nil)
	if setHeader {
		req.Header.Set(Header, header)
	}
	if resp, err := front.Do(req); err == nil {
		resp.Body.Close()
	}
	synctest.Wait() // front's handler and next's have returned
	mu.Lock()
	defer mu.Unlock()
	if r.nextCalled {
		select {
		case <-nextDone:
		default:
			t.Fatalf("next's handler still running")
		}
	}
	return r
}

func ms(n int) time.Duration { return time.Duration(n) * time.Millisecond }

// TestTheDeadlineTravelsLessTheMargin: the client gives front 100ms; front
// works 20ms and calls next, keeping a 10ms margin: next is told 70ms,
// and the call ends at 90ms, with DeadlineExceeded.
func TestTheDeadlineTravelsLessTheMargin(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		r := play(t, "100", true, 0)
		if !r.hasHeader || r.nextHeader != "70" {
			t.Errorf("next got %s %q (present: %v); want 70: the client's 100ms, less front's 20ms of work and its 10ms margin"+hint, Header, r.nextHeader, r.hasHeader)
		}
		if r.nextEnded != ms(90) {
			t.Errorf("next's request ended at %v; want 90ms, 10ms before the client's deadline"+hint, r.nextEnded)
		}
		if r.callReturned != ms(90) || !errors.Is(r.err, context.DeadlineExceeded) {
			t.Errorf("Call returned at %v with %v; want at 90ms, with an error that errors.Is finds context.DeadlineExceeded in"+hint, r.callReturned, r.err)
		}
	})
}

// TestNoDeadlineNoHeader: without a header, or with one that is not a
// whole number from 0 to MaxMs, there is no deadline: next gets no header
// and answers after its 200ms.
func TestNoDeadlineNoHeader(t *testing.T) {
	for _, c := range []struct {
		name   string
		header string
		set    bool
	}{
		{"no header", "", false},
		{"a header that is not a number", "soon", true},
		{"a negative header", "-5", true},
		{"a header over MaxMs", "10000000000", true},
		{"a header that would overflow a time.Duration", "9300000000000", true},
	} {
		t.Run(c.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				r := play(t, c.header, c.set, 0)
				if r.hasHeader {
					t.Errorf("next got %s %q; want none: there was no deadline to carry"+hint, Header, r.nextHeader)
				}
				if r.err != nil || r.body != "stock: 3" || r.callReturned != ms(220) {
					t.Errorf("Call returned %q, %v at %v; want \"stock: 3\", nil at 220ms"+hint, r.body, r.err, r.callReturned)
				}
			})
		})
	}
}

// TestACancelStillTravels: a client that gives up at 50ms stops next's
// request at 50ms, with or without a deadline.
func TestACancelStillTravels(t *testing.T) {
	for _, c := range []struct {
		name   string
		header string
		set    bool
	}{
		{"no deadline", "", false},
		{"a 1s deadline", "1000", true},
	} {
		t.Run(c.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				r := play(t, c.header, c.set, ms(50))
				if r.nextEnded != ms(50) {
					t.Errorf("the client gave up at 50ms; next's request ended at %v (0: never); want 50ms: make the call with the request's context, not a new one"+hint, r.nextEnded)
				}
				if !errors.Is(r.err, context.Canceled) {
					t.Errorf("Call returned %v; want an error that errors.Is finds context.Canceled in"+hint, r.err)
				}
			})
		})
	}
}

// TestNoCallWithTooLittleLeft: with no more than the margin left, Call
// does not call next, and fails at once with DeadlineExceeded.
func TestNoCallWithTooLittleLeft(t *testing.T) {
	for _, header := range []string{"25", "30", "0"} {
		t.Run(fmt.Sprintf("%sms for the client", header), func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				r := play(t, header, true, 0)
				if r.nextCalled {
					t.Errorf("next was called (with %s %q); want no call: front had no more than its margin left"+hint, Header, r.nextHeader)
				}
				if r.callReturned != ms(20) || !errors.Is(r.err, context.DeadlineExceeded) {
					t.Errorf("Call returned at %v with %v; want at once (20ms), with an error that errors.Is finds context.DeadlineExceeded in"+hint, r.callReturned, r.err)
				}
			})
		})
	}
}

// TestDeadlineCountsFromArrival: Deadline's deadline is the header's time
// from the moment r arrives, for any whole number from 0 to MaxMs.
func TestDeadlineCountsFromArrival(t *testing.T) {
	for _, ms := range []int64{250, 0, 1, MaxMs} {
		t.Run(fmt.Sprint(ms), func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				req, _ := http.NewRequestWithContext(t.Context(), http.MethodGet, "http://front/", nil)
				req.Header.Set(Header, fmt.Sprint(ms))
				ctx, cancel := Deadline(req)
				defer cancel()
				dl, ok := ctx.Deadline()
				if want := time.Duration(ms) * time.Millisecond; !ok || time.Until(dl) != want {
					t.Errorf("Deadline of a request with %s %d: deadline %v from now (set: %v); want %v"+hint, Header, ms, time.Until(dl), ok, want)
				}
			})
		})
	}
}

// TestTheHeaderRoundsDown: with 70.6ms left after the margin, next is told
// 70: whole milliseconds, rounded down, so that next never thinks it has
// longer than the call waits for it.
func TestTheHeaderRoundsDown(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var got []string
		next := serve(t, http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
			got = req.Header.Values(Header)
			io.WriteString(w, "stock: 3")
		}))
		ctx, cancel := context.WithTimeout(t.Context(), Margin+70*time.Millisecond+600*time.Microsecond)
		defer cancel()
		if _, err := Call(ctx, next, "http://next/"); err != nil {
			t.Fatalf("Call with 80.6ms left: %v; want the answer"+hint, err)
		}
		if len(got) != 1 || got[0] != "70" {
			t.Errorf("Call with 80.6ms left (70.6ms after the margin): next got %s %q; want \"70\", rounded down"+hint, Header, got)
		}
	})
}
