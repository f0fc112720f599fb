package ctxversion_test

import (
	"context"
	"errors"
	"io"
	"net"
	"os"
	"testing"
	"testing/synctest"
	"time"

	"example.com/cancellation/ctxversion"
)

// TestReadContextWakesABlockedRead: a Read on a connection whose peer
// never writes blocks forever; ReadContext returns at the instant its
// context ends, 35ms on the virtual clock, and the error says why.
func TestReadContextWakesABlockedRead(t *testing.T) {
	tests := []struct {
		name     string
		ctx      func(context.Context) (context.Context, func())
		wantIs   []error
		wantNot  []error
		wantText string
	}{
		{
			name: "cancel",
			ctx: func(p context.Context) (context.Context, func()) {
				ctx, cancel := context.WithCancel(p)
				time.AfterFunc(35*time.Millisecond, cancel)
				return ctx, cancel
			},
			wantIs:   []error{context.Canceled, os.ErrDeadlineExceeded},
			wantNot:  []error{context.DeadlineExceeded},
			wantText: "read interrupted: context canceled (read pipe: i/o timeout)",
		},
		{
			name: "timeout",
			ctx: func(p context.Context) (context.Context, func()) {
				return context.WithTimeout(p, 35*time.Millisecond)
			},
			wantIs:   []error{context.DeadlineExceeded, os.ErrDeadlineExceeded},
			wantNot:  []error{context.Canceled},
			wantText: "read interrupted: context deadline exceeded (read pipe: i/o timeout)",
		},
		{
			name: "cancel with a cause",
			ctx: func(p context.Context) (context.Context, func()) {
				ctx, cancel := context.WithCancelCause(p)
				time.AfterFunc(35*time.Millisecond, func() { cancel(errLoggedOut) })
				return ctx, func() { cancel(nil) }
			},
			wantIs:   []error{context.Canceled, errLoggedOut, os.ErrDeadlineExceeded},
			wantNot:  []error{context.DeadlineExceeded},
			wantText: "read interrupted: user logged out (read pipe: i/o timeout)",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				conn, peer := net.Pipe() // the peer never writes
				defer conn.Close()
				defer peer.Close()
				ctx, cancel := tt.ctx(t.Context())
				defer cancel()

				start := time.Now()
				n, err := ctxversion.ReadContext(ctx, conn, make([]byte, 10))
				if took := time.Since(start); took != 35*time.Millisecond {
					t.Errorf("ReadContext returned after %v, want 35ms (the instant the context ended)", took)
				}
				if n != 0 {
					t.Errorf("read %d bytes, want 0", n)
				}
				var ie *ctxversion.InterruptedError
				if !errors.As(err, &ie) || ie.Op != "read" {
					t.Fatalf("error = %#v, want an *InterruptedError with Op \"read\"", err)
				}
				for _, target := range tt.wantIs {
					if !errors.Is(err, target) {
						t.Errorf("errors.Is(%v, %v) = false, want true", err, target)
					}
				}
				for _, target := range tt.wantNot {
					if errors.Is(err, target) {
						t.Errorf("errors.Is(%v, %v) = true, want false", err, target)
					}
				}
				if err.Error() != tt.wantText {
					t.Errorf("error = %q, want %q", err, tt.wantText)
				}
			})
		})
	}
}

// TestReadContextDone: a context already done reads nothing, even when
// data is waiting, and says it was not started.
func TestReadContextDone(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		conn, peer := net.Pipe()
		defer conn.Close()
		defer peer.Close()
		go peer.Write([]byte("hello")) // data waiting
		synctest.Wait()
		ctx, cancel := context.WithCancel(t.Context())
		cancel()
		n, err := ctxversion.ReadContext(ctx, conn, make([]byte, 10))
		if n != 0 || !errors.Is(err, context.Canceled) || err.Error() != "read interrupted: context canceled" {
			t.Errorf("ReadContext(done ctx) = %d, %v; want 0, \"read interrupted: context canceled\"", n, err)
		}
		conn.Read(make([]byte, 10)) // let the writer go
	})
}

// TestReadContextReturnsData: a Read that completes returns its data and
// no error; the context is not consulted afterwards.
func TestReadContextReturnsData(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		conn, peer := net.Pipe()
		defer conn.Close()
		defer peer.Close()
		ctx, cancel := context.WithTimeout(t.Context(), 35*time.Millisecond)
		defer cancel()
		time.AfterFunc(10*time.Millisecond, func() { peer.Write([]byte("hello")) })
		p := make([]byte, 10)
		n, err := ctxversion.ReadContext(ctx, conn, p)
		if string(p[:n]) != "hello" || err != nil {
			t.Errorf("ReadContext = %q, %v; want \"hello\", nil", p[:n], err)
		}
		// The interrupt was stopped: at 35ms nothing touches conn, so a
		// plain Read at 50ms still works.
		time.Sleep(40 * time.Millisecond)
		go peer.Write([]byte("again"))
		n, err = conn.Read(p)
		if string(p[:n]) != "again" || err != nil {
			t.Errorf("Read after the context ended = %q, %v; want \"again\", nil", p[:n], err)
		}
	})
}

// TestDeadlineKeepsTheConnectionCloseEndsIt compares the two ways to wake a
// blocked Read: a deadline leaves the connection usable once the deadline
// is reset; Close ends it.
func TestDeadlineKeepsTheConnectionCloseEndsIt(t *testing.T) {
	t.Run("deadline", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			conn, peer := net.Pipe()
			defer conn.Close()
			defer peer.Close()
			ctx, cancel := context.WithTimeout(t.Context(), 35*time.Millisecond)
			defer cancel()
			_, err := ctxversion.ReadContext(ctx, conn, make([]byte, 10))
			if !errors.Is(err, context.DeadlineExceeded) {
				t.Fatalf("ReadContext error = %v, want DeadlineExceeded", err)
			}
			// Until the deadline is reset, every Read fails at once.
			if _, err := conn.Read(make([]byte, 10)); !errors.Is(err, os.ErrDeadlineExceeded) {
				t.Errorf("Read before the reset: %v, want os.ErrDeadlineExceeded", err)
			}
			conn.SetReadDeadline(time.Time{})
			go peer.Write([]byte("still here"))
			p := make([]byte, 20)
			n, err := conn.Read(p)
			if string(p[:n]) != "still here" || err != nil {
				t.Errorf("Read after the reset = %q, %v; want \"still here\", nil", p[:n], err)
			}
		})
	})
	t.Run("close", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			conn, peer := net.Pipe()
			defer peer.Close()
			ctx, cancel := context.WithTimeout(t.Context(), 35*time.Millisecond)
			defer cancel()
			stop := context.AfterFunc(ctx, func() { conn.Close() })
			defer stop()
			start := time.Now()
			_, err := conn.Read(make([]byte, 10))
			if took := time.Since(start); took != 35*time.Millisecond {
				t.Errorf("Read returned after %v, want 35ms", took)
			}
			// A closed net.Pipe says io.ErrClosedPipe; a closed TCP
			// connection says net.ErrClosed. Neither says why.
			if !errors.Is(err, io.ErrClosedPipe) || errors.Is(err, context.DeadlineExceeded) {
				t.Errorf("Read on the closed conn: %v, want io.ErrClosedPipe and no context error", err)
			}
			if _, err := conn.Write([]byte("x")); !errors.Is(err, io.ErrClosedPipe) {
				t.Errorf("Write after the close: %v, want io.ErrClosedPipe: the connection is over", err)
			}
		})
	})
}

// TestInterruptReadsStop: stop returns true when it comes before the
// context ends, and the end then leaves the connection alone. It returns
// false after the interrupt, which it waits for: a deadline reset right
// after stop returns is not overtaken by the interrupt, still on its way
// (context.AfterFunc runs it on a goroutine of its own). Whether a stop
// that did not wait would be overtaken depends on when that goroutine
// runs, which the scheduler decides (about 19 runs in 20 here), so the
// reset after stop is tried ten times.
func TestInterruptReadsStop(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		conn, peer := net.Pipe()
		defer conn.Close()
		defer peer.Close()

		ctx, cancel := context.WithCancel(t.Context())
		stop := ctxversion.InterruptReads(ctx, conn)
		if !stop() {
			t.Error("stop before the cancel = false, want true")
		}
		cancel()
		synctest.Wait()
		go peer.Write([]byte("hello"))
		if _, err := conn.Read(make([]byte, 10)); err != nil {
			t.Errorf("Read after a stopped interrupt: %v, want nil", err)
		}

		for try := range 10 {
			ctx, cancel = context.WithCancel(t.Context())
			stop = ctxversion.InterruptReads(ctx, conn)
			cancel()
			if stop() {
				t.Fatalf("try %d: stop after the cancel = true, want false", try)
			}
			conn.SetReadDeadline(time.Time{})
			for _, msg := range []string{"again", "and again"} {
				go peer.Write([]byte(msg))
				p := make([]byte, 10)
				if n, err := conn.Read(p); string(p[:n]) != msg || err != nil {
					t.Fatalf("try %d: Read after stop and a reset = %q, %v; want %q, nil: the interrupt came after the reset", try, p[:n], err, msg)
				}
			}
			if stop() {
				t.Fatalf("try %d: second stop = true, want false", try)
			}
		}
	})
}

// TestInterruptReadsStopMisuse: what a user may try with stop. Every call
// returns what the first returned, and none waits forever: twice after a
// stop that prevented the interrupt (the first returned true), from
// several goroutines at once, and after the context has ended.
func TestInterruptReadsStopMisuse(t *testing.T) {
	tests := []struct {
		name        string
		cancelFirst bool // the context ends before the first stop
		want        bool
	}{
		{"stopped before the end", false, true},
		{"stopped after the end", true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				conn, peer := net.Pipe()
				defer conn.Close()
				defer peer.Close()
				ctx, cancel := context.WithCancel(t.Context())
				stop := ctxversion.InterruptReads(ctx, conn)
				if tt.cancelFirst {
					cancel()
				}
				results := make(chan bool, 3)
				for range 3 {
					go func() { results <- stop() }()
				}
				synctest.Wait() // every stop has returned, or waits for good
				cancel()
				synctest.Wait()
				if len(results) != 3 {
					t.Fatalf("%d of 3 concurrent stops returned; the others wait forever", len(results))
				}
				for range 3 {
					if got := <-results; got != tt.want {
						t.Errorf("a concurrent stop = %v, want %v", got, tt.want)
					}
				}
				if got := stop(); got != tt.want {
					t.Errorf("a later stop = %v, want %v, as the first", got, tt.want)
				}
			})
		})
	}
}

// TestInterruptReadsTCP does the same over a real loopback TCP connection.
// The real clock decides when the cancel lands, before or during the Read,
// so only the structure is checked: the Read fails with a deadline error,
// the connection survives a reset, and Close ends it.
func TestInterruptReadsTCP(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	accepted := make(chan net.Conn, 1)
	go func() {
		c, err := ln.Accept()
		if err != nil {
			close(accepted)
			return
		}
		accepted <- c
	}()
	var d net.Dialer
	conn, err := d.DialContext(t.Context(), "tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	server, ok := <-accepted
	if !ok {
		t.Fatal("accept failed")
	}
	defer server.Close()

	ctx, cancel := context.WithCancel(t.Context())
	go cancel() // any time: before the Read or while it is blocked
	n, err := ctxversion.ReadContext(ctx, conn, make([]byte, 10))
	if n != 0 || !errors.Is(err, context.Canceled) {
		t.Fatalf("ReadContext = %d, %v; want 0 and context.Canceled", n, err)
	}

	conn.SetReadDeadline(time.Time{}) // the connection is still good
	if _, err := server.Write([]byte("hello")); err != nil {
		t.Fatal(err)
	}
	p := make([]byte, 10)
	n, err = io.ReadAtLeast(conn, p, 5)
	if string(p[:n]) != "hello" || err != nil {
		t.Errorf("Read after the reset = %q, %v; want \"hello\", nil", p[:n], err)
	}

	ctx, cancel = context.WithCancel(t.Context())
	stop := context.AfterFunc(ctx, func() { conn.Close() })
	defer stop()
	go cancel()
	if _, err := conn.Read(p); !errors.Is(err, net.ErrClosed) {
		t.Errorf("Read on a conn closed by the cancel: %v, want net.ErrClosed", err)
	}
}

// TestDialContextCancelled: net.Dialer.DialContext watches its context
// itself, during the DNS lookup and the connect; a done context fails the
// dial, and the error says so.
func TestDialContextCancelled(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	var d net.Dialer
	conn, err := d.DialContext(ctx, "tcp", ln.Addr().String())
	if err == nil {
		conn.Close()
		t.Fatal("DialContext with a cancelled context connected")
	}
	var opErr *net.OpError
	if !errors.Is(err, context.Canceled) || !errors.As(err, &opErr) || opErr.Op != "dial" {
		t.Errorf("DialContext error = %#v (%v), want a dial *net.OpError that Is context.Canceled", err, err)
	}
}
