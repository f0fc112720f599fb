package interrupt

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"
)

const hint = "\nHint: go run ./lessons hint 16"

// bound is how long, on the virtual clock, a test waits for ReadContext
// before it says that ReadContext blocks.
const bound = time.Second

// maxReads is more conn.Reads than one call of ReadContext can need: a
// ReadContext that makes more is polling, and the extra Reads fail at once
// with errPolling.
const maxReads = 50

// errUserLeft is the cause of a ctx cancelled with one.
var errUserLeft = errors.New("the user left")

var errPolling = errors.New("conn.Read called over and over (by the test's conn, which stopped it)")

// A watchedConn is one end of a net.Pipe whose Reads and deadlines the
// test counts and records. Time in the tests is virtual (testing/synctest):
// the peer writes, and contexts end, at exact instants.
type watchedConn struct {
	net.Conn
	start time.Time

	// slowInterrupt, set before the call, makes each deadline that is not
	// zero take 1ms to be set: an interrupt whose goroutine runs late, as
	// one may on a busy machine.
	slowInterrupt bool

	// afterRead, if set before the call, is called each time a Read
	// returns.
	afterRead func()

	mu       sync.Mutex
	reads    int      // calls of Read since the call of ReadContext began
	returned bool     // ReadContext has returned
	late     []string // deadlines set after ReadContext had returned
}

// newPipe returns the two ends of a net.Pipe, the first one watched.
func newPipe() (*watchedConn, net.Conn) {
	c, peer := net.Pipe()
	return &watchedConn{Conn: c, start: time.Now()}, peer
}

func (c *watchedConn) Read(p []byte) (int, error) {
	c.mu.Lock()
	c.reads++
	polling := c.reads > maxReads
	c.mu.Unlock()
	if polling {
		return 0, errPolling
	}
	n, err := c.Conn.Read(p)
	if c.afterRead != nil {
		c.afterRead()
	}
	return n, err
}

func (c *watchedConn) SetReadDeadline(t time.Time) error {
	c.record("SetReadDeadline", t)
	return c.Conn.SetReadDeadline(t)
}

func (c *watchedConn) SetDeadline(t time.Time) error {
	c.record("SetDeadline", t)
	return c.Conn.SetDeadline(t)
}

func (c *watchedConn) record(method string, t time.Time) {
	if c.slowInterrupt && !t.IsZero() {
		time.Sleep(time.Millisecond)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.returned {
		what := "time.Time{}"
		if !t.IsZero() {
			what = fmt.Sprintf("time %v", t.Sub(c.start))
		}
		c.late = append(c.late, fmt.Sprintf("%s(%s) called at %v", method, what, time.Since(c.start)))
	}
}

// A readResult is what a call of ReadContext returned, and how long it took.
type readResult struct {
	n    int
	err  error
	took time.Duration
}

// readContext calls ReadContext(ctx, c, p) and returns what it returned.
// If ReadContext has not returned within bound, it fails the test, saying
// what should have made it return; the test's deferred Closes then wake
// the Read.
func (c *watchedConn) readContext(t *testing.T, ctx context.Context, p []byte, why string) readResult {
	t.Helper()
	return c.readContextOr(t, ctx, p, fmt.Sprintf("ReadContext had not returned %v after the call, and %s: it still waits; a Read takes no context, and only data, a deadline or a Close wakes it", bound, why))
}

// readContextOr is readContext, with the message to fail with if
// ReadContext has not returned within bound.
func (c *watchedConn) readContextOr(t *testing.T, ctx context.Context, p []byte, stuck string) readResult {
	t.Helper()
	c.mu.Lock()
	c.reads, c.returned, c.late = 0, false, nil
	c.mu.Unlock()
	start := time.Now()
	done := make(chan readResult, 1)
	go func() {
		n, err := ReadContext(ctx, c, p)
		c.mu.Lock()
		c.returned = true
		c.mu.Unlock()
		done <- readResult{n, err, time.Since(start)}
	}()
	select {
	case r := <-done:
		return r
	case <-time.After(bound):
		t.Fatal(stuck + hint)
		return readResult{}
	}
}

// checkReads fails the test if the last call of ReadContext made more
// than max Reads.
func (c *watchedConn) checkReads(t *testing.T, max int) {
	t.Helper()
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.reads > max {
		t.Errorf("ReadContext called conn.Read %d times; want at most %d: one Read that waits until the data comes or the deadline wakes it, not a loop of short deadlines (polling wakes late, or keeps the CPU busy)"+hint, c.reads, max)
	}
}

// checkNothingLate fails the test if a deadline was set on c after the
// last call of ReadContext returned.
func (c *watchedConn) checkNothingLate(t *testing.T, returnedAt string) {
	t.Helper()
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.late) > 0 {
		t.Errorf("ReadContext returned at %s, and afterwards the end of its ctx still touched conn: %s; want nothing of the call to outlive it: stop the interrupt when the Read returns, and if it has already begun, wait for it to finish"+hint, returnedAt, strings.Join(c.late, ", "))
	}
}

// writeAfter makes peer write msg after d, in a goroutine; the write ends
// when someone reads it or peer is closed.
func writeAfter(peer net.Conn, d time.Duration, msg string) {
	time.AfterFunc(d, func() { peer.Write([]byte(msg)) })
}

// plainRead reads once from c's net.Pipe, as the next user of the
// connection would, with no context at all. It gives up when bound has
// passed.
func (c *watchedConn) plainRead(t *testing.T) (string, error) {
	t.Helper()
	p := make([]byte, 20)
	done := make(chan readResult, 1)
	go func() {
		n, err := c.Conn.Read(p)
		done <- readResult{n: n, err: err}
	}()
	select {
	case r := <-done:
		return string(p[:r.n]), r.err
	case <-time.After(bound):
		t.Fatalf("a plain conn.Read after ReadContext had not returned %v later, though the peer wrote to it"+hint, bound)
		return "", nil
	}
}

func TestReadContextReturnsTheData(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c, peer := newPipe()
		defer c.Close()
		defer peer.Close()
		ctx, cancel := context.WithTimeout(t.Context(), 35*time.Millisecond)
		defer cancel()
		writeAfter(peer, 10*time.Millisecond, "hello")

		p := make([]byte, 20)
		r := c.readContext(t, ctx, p, `the peer wrote "hello" at 10ms`)
		if got := string(p[:r.n]); got != "hello" || r.err != nil {
			t.Errorf("ReadContext = %q, %v; want \"hello\", nil: the peer wrote it at 10ms, and ctx lives until 35ms"+hint, got, r.err)
		}
		if r.took != 10*time.Millisecond {
			t.Errorf("ReadContext returned after %v; want 10ms, when the data came"+hint, r.took)
		}
		c.checkReads(t, 1)
	})
}

func TestReadContextGivesUpWhenCtxEnds(t *testing.T) {
	tests := []struct {
		name string
		ctx  func(context.Context) (context.Context, context.CancelFunc)
	}{
		{"cancelled at 35ms", func(parent context.Context) (context.Context, context.CancelFunc) {
			ctx, cancel := context.WithCancel(parent)
			time.AfterFunc(35*time.Millisecond, cancel)
			return ctx, cancel
		}},
		{"a timeout of 35ms", func(parent context.Context) (context.Context, context.CancelFunc) {
			return context.WithTimeout(parent, 35*time.Millisecond)
		}},
		{"cancelled at 35ms with a cause", func(parent context.Context) (context.Context, context.CancelFunc) {
			ctx, cancel := context.WithCancelCause(parent)
			time.AfterFunc(35*time.Millisecond, func() { cancel(errUserLeft) })
			return ctx, func() { cancel(nil) }
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				c, peer := newPipe() // the peer never writes
				defer c.Close()
				defer peer.Close()
				ctx, cancel := tt.ctx(t.Context())
				defer cancel()

				r := c.readContext(t, ctx, make([]byte, 20), "ctx ended at 35ms")
				if r.took != 35*time.Millisecond {
					t.Errorf("ReadContext returned after %v; want 35ms, the instant ctx ended"+hint, r.took)
				}
				if r.n != 0 {
					t.Errorf("ReadContext read %d bytes from a peer that never wrote; want 0"+hint, r.n)
				}
				if !errors.Is(r.err, ctx.Err()) || r.err == nil {
					t.Errorf("ReadContext returned the error %v; want one that errors.Is matches with ctx.Err() (%v), so that the caller can tell why it stopped (a cause, if ctx has one, is for context.Cause to give: ctx.Err() is still context.Canceled)"+hint, r.err, ctx.Err())
				}
				c.checkReads(t, 1)
			})
		})
	}
}

// TestAnEndedCtxLeavesTheDataInConn: ctx has ended before the call, and
// the peer is waiting to hand over "hello": ReadContext returns at once
// with ctx's error, and the data stays in conn for its next reader.
//
// A ReadContext that calls Read anyway races it with its own interrupt:
// when the interrupt's deadline is set first, the Read leaves the data, so
// one round can miss the mistake. The test plays 20 rounds.
func TestAnEndedCtxLeavesTheDataInConn(t *testing.T) {
	const rounds = 20
	for round := 1; round <= rounds && !t.Failed(); round++ {
		synctest.Test(t, func(t *testing.T) {
			c, peer := newPipe()
			defer c.Close()
			defer peer.Close()
			go peer.Write([]byte("hello"))
			synctest.Wait() // the peer waits in Write
			ctx, cancel := context.WithCancel(t.Context())
			cancel()

			r := c.readContext(t, ctx, make([]byte, 20), "ctx had ended before the call, with data waiting")
			if r.took != 0 || r.n != 0 || !errors.Is(r.err, context.Canceled) {
				t.Errorf("round %d of %d: ReadContext with a ctx already cancelled, and \"hello\" waiting in conn = %d, %v after %v; want 0 and an error that errors.Is matches with context.Canceled, at once"+hint, round, rounds, r.n, r.err, r.took)
			}
			if got, err := c.plainRead(t); got != "hello" || err != nil {
				t.Errorf("round %d of %d: after ReadContext with a ctx already cancelled, the next Read = %q, %v; want \"hello\", nil: a ReadContext that has ended already must not take data from conn, which is then lost"+hint, round, rounds, got, err)
			}
		})
	}
}

func TestReadContextWithAnEndedCtx(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c, peer := newPipe() // the peer never writes
		defer c.Close()
		defer peer.Close()
		ctx, cancel := context.WithCancel(t.Context())
		cancel()

		r := c.readContext(t, ctx, make([]byte, 20), "ctx had ended before the call")
		if r.took != 0 || r.n != 0 || !errors.Is(r.err, context.Canceled) {
			t.Errorf("ReadContext with a ctx already cancelled = %d, %v after %v; want 0 and an error that errors.Is matches with context.Canceled, at once"+hint, r.n, r.err, r.took)
		}
		c.checkReads(t, 1)
	})
}

func TestConnWorksAfterAnInterrupt(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c, peer := newPipe()
		defer c.Close()
		defer peer.Close()
		ctx, cancel := context.WithTimeout(t.Context(), 35*time.Millisecond)
		defer cancel()
		r := c.readContext(t, ctx, make([]byte, 20), "ctx ended at 35ms")
		if !errors.Is(r.err, context.DeadlineExceeded) {
			t.Fatalf("ReadContext returned the error %v at %v; want one that errors.Is matches with context.DeadlineExceeded at 35ms"+hint, r.err, r.took)
		}

		// The next user of the connection reads with no context at all.
		writeAfter(peer, 10*time.Millisecond, "hello")
		if got, err := c.plainRead(t); got != "hello" || err != nil {
			t.Fatalf("after ReadContext was interrupted, conn.Read = %q, %v; want \"hello\", nil: an interrupt must end the Read, not the connection; unset the read deadline before returning, and do not close conn"+hint, got, err)
		}
		// And writes.
		go peer.Read(make([]byte, 20))
		if _, err := c.Conn.Write([]byte("pong")); err != nil {
			t.Errorf("after ReadContext was interrupted, conn.Write = %v; want nil: the interrupt must leave writes alone"+hint, err)
		}

		// And ReadContext can be interrupted again, on the same conn.
		ctx, cancel = context.WithTimeout(t.Context(), 35*time.Millisecond)
		defer cancel()
		r = c.readContext(t, ctx, make([]byte, 20), "a second ctx ended 35ms after the second call")
		if r.took != 35*time.Millisecond || !errors.Is(r.err, context.DeadlineExceeded) {
			t.Errorf("a second ReadContext on the same conn = %v after %v; want an error that errors.Is matches with context.DeadlineExceeded, after 35ms"+hint, r.err, r.took)
		}
	})
}

// TestTheReadDeadlineIsUnset: after ReadContext, interrupted or not, the
// connection has no read deadline: its next Read waits for data however
// long the peer takes, here two hundred years of the tests' clock.
func TestTheReadDeadlineIsUnset(t *testing.T) {
	const idle = 200 * 365 * 24 * time.Hour
	tests := []struct {
		name string
		data bool // the peer writes at 10ms; otherwise ctx ends at 35ms
	}{
		{"after an interrupt", false},
		{"after a Read that got data", true},
	}
	for _, tt := range tests {
		synctest.Test(t, func(t *testing.T) {
			c, peer := newPipe()
			defer c.Close()
			defer peer.Close()
			ctx, cancel := context.WithTimeout(t.Context(), 35*time.Millisecond)
			defer cancel()
			if tt.data {
				writeAfter(peer, 10*time.Millisecond, "hello")
			}
			c.readContext(t, ctx, make([]byte, 20), "ctx ended at 35ms")

			writeAfter(peer, idle, "at last")
			p := make([]byte, 20)
			done := make(chan readResult, 1)
			go func() {
				n, err := c.Conn.Read(p)
				done <- readResult{n: n, err: err}
			}()
			select {
			case r := <-done:
				if got := string(p[:r.n]); got != "at last" || r.err != nil {
					t.Errorf("%s, the peer wrote nothing for %v, then \"at last\"; a plain conn.Read = %q, %v; want \"at last\", nil: ReadContext must leave conn with no read deadline at all (time.Time{}), not one far ahead"+hint, tt.name, idle, got, r.err)
				}
			case <-time.After(idle + bound):
				t.Errorf("%s, the peer wrote \"at last\" after %v, and a plain conn.Read had not returned %v later"+hint, tt.name, idle, bound)
			}
		})
	}
}

func TestCtxEndingLaterLeavesConnAlone(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c, peer := newPipe()
		defer c.Close()
		defer peer.Close()
		ctx, cancel := context.WithTimeout(t.Context(), 35*time.Millisecond)
		defer cancel()
		writeAfter(peer, 10*time.Millisecond, "hello")
		p := make([]byte, 20)
		r := c.readContext(t, ctx, p, `the peer wrote "hello" at 10ms`)
		if got := string(p[:r.n]); got != "hello" || r.err != nil {
			t.Fatalf("ReadContext = %q, %v; want \"hello\", nil"+hint, got, r.err)
		}

		time.Sleep(40 * time.Millisecond) // ctx ends meanwhile, at 35ms
		c.checkNothingLate(t, "10ms")
		writeAfter(peer, 10*time.Millisecond, "again")
		if got, err := c.plainRead(t); got != "again" || err != nil {
			t.Errorf("ReadContext returned at 10ms, its ctx ended at 35ms, and a Read at 50ms = %q, %v; want \"again\", nil: the end of a ctx whose ReadContext has returned must not interrupt later Reads"+hint, got, err)
		}
	})
}

func TestInterruptOnItsWayWhenTheDataComes(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c, peer := newPipe()
		defer c.Close()
		defer peer.Close()
		c.slowInterrupt = true // the interrupt's deadline takes 1ms to be set
		ctx, cancel := context.WithCancel(t.Context())
		defer cancel()
		time.AfterFunc(35*time.Millisecond, cancel)
		writeAfter(peer, 35*time.Millisecond+500*time.Microsecond, "hello")
		p := make([]byte, 20)
		r := c.readContext(t, ctx, p, `the peer wrote "hello" at 35.5ms`)
		if got := string(p[:r.n]); got != "hello" || (r.err != nil && !errors.Is(r.err, context.Canceled)) {
			t.Errorf("ReadContext = %q, %v; want \"hello\": the Read got it"+hint, got, r.err)
		}

		time.Sleep(10 * time.Millisecond) // the interrupt is over
		c.checkNothingLate(t, fmt.Sprint(r.took))
		writeAfter(peer, 10*time.Millisecond, "again")
		if got, err := c.plainRead(t); got != "again" || err != nil {
			t.Errorf("ctx ended at 35ms, its interrupt took 1ms to set its deadline, the data came meanwhile and ReadContext returned it; then the next Read = %q, %v; want \"again\", nil: once ReadContext has returned, conn must read as before"+hint, got, err)
		}
	})
}

// A ctxEndingAfterTheRead is a context that another goroutine cancels just
// after the Read returns, before ReadContext has done what it does next:
// it ends the moment ReadContext looks at it (with Err or Done) after the
// Read has returned. That drives the schedule in which ctx ends between
// the stop of the interrupt and whatever follows it.
type ctxEndingAfterTheRead struct {
	context.Context
	cancel context.CancelFunc

	mu   sync.Mutex
	read bool // the Read has returned
}

func (c *ctxEndingAfterTheRead) readReturned() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.read = true
}

func (c *ctxEndingAfterTheRead) endIfRead() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.read {
		c.cancel()
	}
}

func (c *ctxEndingAfterTheRead) Err() error {
	c.endIfRead()
	return c.Context.Err()
}

func (c *ctxEndingAfterTheRead) Done() <-chan struct{} {
	c.endIfRead()
	return c.Context.Done()
}

func TestCtxEndsJustAfterTheRead(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c, peer := newPipe()
		defer c.Close()
		defer peer.Close()
		inner, cancel := context.WithCancel(t.Context())
		defer cancel()
		ctx := &ctxEndingAfterTheRead{Context: inner, cancel: cancel}
		c.afterRead = ctx.readReturned
		writeAfter(peer, 10*time.Millisecond, "hello")

		p := make([]byte, 20)
		r := c.readContextOr(t, ctx, p, fmt.Sprintf("the Read got \"hello\" at 10ms, ctx was cancelled just after it, and ReadContext had not returned %v later: it waits for an interrupt that will never run; once stop has returned true, the interrupt will never run, even if ctx ends a moment later: what stop returned, not ctx.Err(), says whether to wait for it", bound))
		if got := string(p[:r.n]); got != "hello" || r.err != nil {
			t.Errorf("the Read got \"hello\" at 10ms while ctx lived, and ctx was cancelled just after; ReadContext = %q, %v; want \"hello\", nil: the data was read from conn, and is lost if ReadContext does not return it"+hint, got, r.err)
		}
		time.Sleep(10 * time.Millisecond)
		c.checkNothingLate(t, fmt.Sprint(r.took))
		writeAfter(peer, 10*time.Millisecond, "again")
		if got, err := c.plainRead(t); got != "again" || err != nil {
			t.Errorf("ReadContext returned at 10ms, ctx was cancelled just before, and the next Read = %q, %v; want \"again\", nil"+hint, got, err)
		}
	})
}

// TestReadErrorLeavesNothingBehind has the peer close the connection
// before ctx ends: the Read fails, and ReadContext returns that error as
// it is. The end of ctx, later, must not touch conn.
func TestReadErrorLeavesNothingBehind(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c, peer := newPipe()
		defer c.Close()
		ctx, cancel := context.WithTimeout(t.Context(), 35*time.Millisecond)
		defer cancel()
		time.AfterFunc(10*time.Millisecond, func() { peer.Close() })

		r := c.readContext(t, ctx, make([]byte, 20), "the peer closed the connection at 10ms")
		if r.n != 0 || !errors.Is(r.err, io.EOF) || r.took != 10*time.Millisecond {
			t.Errorf("the peer closed the connection at 10ms, and ReadContext = %d, %v after %v; want 0 and io.EOF (the Read's own error), at 10ms"+hint, r.n, r.err, r.took)
		}
		time.Sleep(40 * time.Millisecond) // ctx ends meanwhile, at 35ms
		c.checkNothingLate(t, "10ms")
	})
}

// TestCtxEndsJustAfterTheReadFails: the peer closes the connection at
// 10ms, and ctx is cancelled just after the Read has returned io.EOF: the
// Read failed for its own reason, and ReadContext returns that error as it
// is, not ctx's.
func TestCtxEndsJustAfterTheReadFails(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c, peer := newPipe()
		defer c.Close()
		inner, cancel := context.WithCancel(t.Context())
		defer cancel()
		ctx := &ctxEndingAfterTheRead{Context: inner, cancel: cancel}
		c.afterRead = ctx.readReturned
		time.AfterFunc(10*time.Millisecond, func() { peer.Close() })

		r := c.readContextOr(t, ctx, make([]byte, 20), fmt.Sprintf("the Read failed with io.EOF at 10ms, ctx was cancelled just after it, and ReadContext had not returned %v later", bound))
		if r.n != 0 || !errors.Is(r.err, io.EOF) || errors.Is(r.err, context.Canceled) {
			t.Errorf("the peer closed the connection at 10ms, ctx was cancelled just after the Read returned, and ReadContext = %d, %v; want 0 and io.EOF as it is: the Read failed for its own reason, not because ctx ended"+hint, r.n, r.err)
		}
	})
}
