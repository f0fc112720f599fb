package services

import (
	"context"
	"log/slog"
	"net"
	"net/http"
	"net/http/httputil"
	"net/url"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"connectrpc.com/connect"
	"github.com/google/go-cmp/cmp"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/wrapperspb"

	"example.com/cancellation/internal/pipenet"
)

// TestCodes checks the code a caller gets over gRPC and Connect when its
// deadline passes and when it cancels, and the code orders sees from stock.
func TestCodes(t *testing.T) {
	cases := []struct {
		transport string
		cancel    bool
		code      func(error) string
		want      string // the client's code
		wantOrder string // what orders logs of stock's failure
	}{
		{"gRPC", false, grpcCode, "DeadlineExceeded", "orders: stock failed: code DeadlineExceeded; ctx.Err() = <nil>"},
		{"gRPC", true, grpcCode, "Canceled", "orders: stock failed: code Canceled; ctx.Err() = context canceled"},
		{"Connect", false, connectCode, "deadline_exceeded", "orders: stock failed: code deadline_exceeded; ctx.Err() = <nil>"},
		{"Connect", true, connectCode, "canceled", "orders: stock failed: code canceled; ctx.Err() = context canceled"},
	}
	for _, c := range cases {
		t.Run(c.transport+map[bool]string{false: ", deadline", true: ", cancel"}[c.cancel], func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				msgs := newMessages()
				var tr transport
				for _, tr = range transports {
					if tr.name == c.transport {
						break
					}
				}
				call, stop := tr.start(t, hops(slog.New(msgs)))
				ctx, cancel := context.WithTimeout(t.Context(), 100*time.Millisecond)
				if c.cancel {
					ctx, cancel = context.WithCancel(t.Context())
					time.AfterFunc(50*time.Millisecond, cancel)
				}
				err := call(ctx)
				cancel()
				stop()
				if got := c.code(err); got != c.want {
					t.Errorf("the client's code: %s, want %s (error: %v)", got, c.want, err)
				}
				got := msgs.matching(`orders: stock failed`)
				if len(got) != 1 || !strings.HasSuffix(got[0], c.wantOrder) {
					t.Errorf("orders said %q; want %q\nlog:\n%s", got, c.wantOrder, msgs)
				}
			})
		})
	}
}

func grpcCode(err error) string    { return status.Code(err).String() }
func connectCode(err error) string { return connect.CodeOf(err).String() }

// TestRSTStreamOnCancel checks that a gRPC caller's cancel reaches each
// server as an RST_STREAM frame with the code CANCEL, read before the
// server's context is cancelled, and that a call with a deadline opens
// with grpc-timeout.
func TestRSTStreamOnCancel(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		msgs := newMessages()
		call, stop := transports[0].start(t, hops(slog.New(msgs)))
		ctx, cancel := context.WithCancel(t.Context())
		time.AfterFunc(50*time.Millisecond, cancel)
		call(ctx)
		stop()
		want := []string{
			"[50ms] gateway: ← RST_STREAM, stream 1: CANCEL",
			"[50ms] gateway: orders failed: code Canceled; ctx.Err() = context canceled",
			"[50ms] orders: ← RST_STREAM, stream 1: CANCEL",
			"[50ms] orders: stock failed: code Canceled; ctx.Err() = context canceled",
			"[50ms] stock: ← RST_STREAM, stream 1: CANCEL",
			"[50ms] stock: stopped its work: context canceled",
		}
		for _, svc := range chain {
			got := msgs.matching(`^\[50ms\] ` + svc + `: `)
			var w []string
			for _, l := range want {
				if strings.Contains(l, "] "+svc+": ") {
					w = append(w, l)
				}
			}
			if diff := cmp.Diff(w, got); diff != "" {
				t.Errorf("%s at the cancel (-want +got):\n%s", svc, diff)
			}
		}
	})
	synctest.Test(t, func(t *testing.T) {
		msgs := newMessages()
		call, stop := transports[0].start(t, hops(slog.New(msgs)))
		ctx, cancel := context.WithTimeout(t.Context(), 100*time.Millisecond)
		call(ctx)
		cancel()
		stop()
		want := []string{
			"[0s] gateway: ← HEADERS, stream 1: grpc-timeout 100000u",
			"[10ms] orders: ← HEADERS, stream 1: grpc-timeout 85000000n",
			"[20ms] stock: ← HEADERS, stream 1: grpc-timeout 70000000n",
		}
		if diff := cmp.Diff(want, msgs.matching(`HEADERS`)); diff != "" {
			t.Errorf("the HEADERS frames (-want +got):\n%s", diff)
		}
		if got := msgs.matching(`RST_STREAM`); len(got) != 0 {
			t.Errorf("RST_STREAM frames after a call that ended before its deadline: %q; want none", got)
		}
	})
}

// TestPlainHTTPWithoutTheContextWorksOn: when each service calls the next
// with context.Background() (as http.Get does), a client that gives up
// at 100ms stops nothing: stock works its whole second, and gateway's
// answer goes to a client that has left.
func TestPlainHTTPWithoutTheContextWorksOn(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		msgs := newMessages()
		hs := hops(slog.New(msgs))
		c, err := startHTTP(inMemory{}, chain, func(i int, next *http.Client, nextURL string) http.Handler {
			return &HTTPService{Hop: hs[i], Client: next, NextURL: nextURL}
		})
		if err != nil {
			t.Fatal(err)
		}
		client := c.client(c.entry)
		client.Timeout = 100 * time.Millisecond
		err = get(t.Context(), client, "http://gateway?from=client")
		gaveUp := time.Since(msgs.start)
		c.idle()
		c.stop()
		if err == nil || gaveUp != 100*time.Millisecond {
			t.Errorf("the client's call returned %v after %v; want a timeout after 100ms", err, gaveUp)
		}
		want := []string{
			"[1.02s] stock: done",
			"[1.02s] orders: stock answered",
			"[1.02s] gateway: orders answered, but ctx.Err() = context canceled: nobody waits for the answer",
		}
		if diff := cmp.Diff(want, msgs.matching(`done|answered`)); diff != "" {
			t.Errorf("after the client gave up (-want +got):\n%s\nlog:\n%s", diff, msgs)
		}
	})
}

// backend is a handler that waits for its request's context and says
// when it ended, or that it did not end within a second.
func backend(ended chan<- string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		select {
		case <-r.Context().Done():
			ended <- "ended after " + time.Since(start).String() + ": " + r.Context().Err().Error()
		case <-time.After(time.Second):
			ended <- "still running after 1s"
		}
	})
}

// serve serves h on an in-memory listener until the test ends, and
// returns a client of it.
func serve(t *testing.T, h http.Handler) *http.Client {
	ln := pipenet.Listen()
	srv := &http.Server{Handler: h}
	done := make(chan struct{})
	go func() { srv.Serve(ln); close(done) }()
	t.Cleanup(func() { srv.Close(); <-done })
	tr := &http.Transport{DialContext: ln.DialContext}
	t.Cleanup(tr.CloseIdleConnections)
	return &http.Client{Transport: tr}
}

// TestReverseProxyPassesTheContext: httputil.ReverseProxy makes its
// request to the backend with the incoming request's context, so that a
// client that gives up at 100ms ends the backend's request at once; a
// forwarder that uses context.Background() leaves it running.
func TestReverseProxyPassesTheContext(t *testing.T) {
	cases := []struct {
		name  string
		proxy func(backend *http.Client) http.Handler
		want  string
	}{
		{"httputil.ReverseProxy", func(b *http.Client) http.Handler {
			target, _ := url.Parse("http://backend")
			return &httputil.ReverseProxy{
				Rewrite:      func(r *httputil.ProxyRequest) { r.SetURL(target) },
				Transport:    b.Transport,
				ErrorHandler: func(w http.ResponseWriter, _ *http.Request, _ error) { w.WriteHeader(http.StatusBadGateway) },
			}
		}, "ended after 100ms: context canceled"},
		{"forwarding with context.Background()", func(b *http.Client) http.Handler {
			return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if resp, err := b.Get("http://backend"); err == nil { // http.Get's way: no context
					resp.Body.Close()
				}
			})
		}, "still running after 1s"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				ended := make(chan string, 1)
				front := serve(t, c.proxy(serve(t, backend(ended))))
				front.Timeout = 100 * time.Millisecond
				if _, err := front.Get("http://front"); err == nil {
					t.Fatalf("the client's call succeeded; want a timeout")
				}
				if got := <-ended; got != c.want {
					t.Errorf("the backend's request: %s; want %s", got, c.want)
				}
			})
		})
	}
}

// TestTheHeaderBoundsWhatTheCloseCannot: a POST whose body the handler
// has not read: the HTTP/1.x server does not notice that the client has
// gone (lesson 11), so the handler's context lives on; with the deadline
// carried in TimeoutHeader, it ends at the deadline all the same.
func TestTheHeaderBoundsWhatTheCloseCannot(t *testing.T) {
	for _, c := range []struct {
		header bool
		want   string
	}{
		{false, "still running after 1s"},
		{true, "ended after 100ms: context deadline exceeded"},
	} {
		synctest.Test(t, func(t *testing.T) {
			ended := make(chan string, 1)
			h := backend(ended)
			client := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				ctx, cancel := WithTimeoutHeader(r)
				defer cancel()
				h.ServeHTTP(w, r.WithContext(ctx))
			}))
			ctx, cancel := context.WithTimeout(t.Context(), 100*time.Millisecond)
			defer cancel()
			req, _ := http.NewRequestWithContext(ctx, http.MethodPost, "http://svc", strings.NewReader("an order, not read"))
			if c.header {
				SetTimeoutHeader(req)
			}
			// At 100ms the client gives up and, with the header, the
			// handler's context ends: which the client sees first is not
			// defined, and not the point.
			if resp, err := client.Do(req); err == nil {
				resp.Body.Close()
			}
			if got := <-ended; got != c.want {
				t.Errorf("header %v: the handler's context: %s; want %s", c.header, got, c.want)
			}
		})
	}
}

// TestALongerTimeoutDoesNotExtend: a service that sets its own 1s timeout
// on its call still passes on the earlier deadline it was given.
func TestALongerTimeoutDoesNotExtend(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		parent, cancel := context.WithTimeout(t.Context(), 60*time.Millisecond)
		defer cancel()
		child, cancel2 := context.WithTimeout(parent, time.Second)
		defer cancel2()
		if got, want := Left(child), "deadline in 60ms"; got != want {
			t.Errorf("context.WithTimeout(a context with 60ms left, 1s): %s, want %s", got, want)
		}

		msgs := newMessages()
		hs := hops(slog.New(msgs))
		hs[1].Timeout = time.Second
		call, stop := transports[0].start(t, hs)
		ctx, cancel3 := context.WithTimeout(t.Context(), 100*time.Millisecond)
		call(ctx)
		cancel3()
		stop()
		if got, want := msgs.matching(`stock: called`), []string{"[20ms] stock: called by orders; deadline in 70ms"}; !cmp.Equal(got, want) {
			t.Errorf("orders set a 1s timeout on its call; stock saw %q, want %q", got, want)
		}
	})
}

// TestTheMarginBuysAnAnswer: orders answers without stock when stock
// fails; with a 10ms margin at each hop, that answer reaches the client
// in time; with none, every service runs out of time together and the
// client gets DeadlineExceeded.
func TestTheMarginBuysAnAnswer(t *testing.T) {
	for _, c := range []struct {
		margin time.Duration
		want   codes.Code
	}{
		{10 * time.Millisecond, codes.OK},
		{0, codes.DeadlineExceeded},
	} {
		synctest.Test(t, func(t *testing.T) {
			hs := hops(slog.New(newMessages()))
			for i := range hs {
				hs[i].Margin = c.margin
			}
			hs[1].Fallback = true
			call, stop := transports[0].start(t, hs)
			ctx, cancel := context.WithTimeout(t.Context(), 100*time.Millisecond)
			err := call(ctx)
			cancel()
			stop()
			if got := status.Code(err); got != c.want {
				t.Errorf("margin %v: the client got %v, want %v", c.margin, got, c.want)
			}
		})
	}
}

// TestTimeoutHeaderRead: WithTimeoutHeader gives the time the header
// asks for, from the request's arrival; a header that is missing, not a
// whole number of 0 or more, or over MaxTimeoutMs gives no deadline,
// rather than one that overflows into the past.
func TestTimeoutHeaderRead(t *testing.T) {
	const none = time.Duration(-1)
	for _, c := range []struct {
		header string
		want   time.Duration // none: no deadline
	}{
		{"250", 250 * time.Millisecond},
		{"0", 0},
		{"9999999999", 9999999999 * time.Millisecond},
		{"", none},
		{"soon", none},
		{"-5", none},
		{"10000000000", none},   // MaxTimeoutMs + 1: more than Connect allows
		{"9300000000000", none}, // times time.Millisecond, it overflows
	} {
		synctest.Test(t, func(t *testing.T) {
			r, _ := http.NewRequestWithContext(t.Context(), http.MethodGet, "http://svc/", nil)
			if c.header != "" {
				r.Header.Set(TimeoutHeader, c.header)
			}
			ctx, cancel := WithTimeoutHeader(r)
			defer cancel()
			got := none
			if dl, ok := ctx.Deadline(); ok {
				got = time.Until(dl)
			}
			if got != c.want {
				t.Errorf("%s %q: deadline in %v, want %v (-1ns: none)", TimeoutHeader, c.header, got, c.want)
			}
		})
	}
}

// TestTimeoutHeaderSent: SetTimeoutHeader writes the whole milliseconds
// left, at least 1 (0 would read as no time at all), and no header without
// a deadline or with one over MaxTimeoutMs away.
func TestTimeoutHeaderSent(t *testing.T) {
	const none = "(none)"
	for _, c := range []struct {
		left time.Duration // -1: no deadline
		want string
	}{
		{70 * time.Millisecond, "70"},
		{70*time.Millisecond + 900*time.Microsecond, "70"},
		{300 * time.Microsecond, "1"},
		{0, "1"},
		{MaxTimeoutMs * time.Millisecond, "9999999999"},
		{(MaxTimeoutMs + 1) * time.Millisecond, none},
		{-1, none},
	} {
		synctest.Test(t, func(t *testing.T) {
			ctx, cancel := context.WithCancel(t.Context())
			if c.left >= 0 {
				ctx, cancel = context.WithTimeout(t.Context(), c.left)
			}
			defer cancel()
			req, _ := http.NewRequestWithContext(ctx, http.MethodGet, "http://svc/", nil)
			req.Header.Set(TimeoutHeader, "stale")
			SetTimeoutHeader(req)
			got := none
			if v, ok := req.Header[TimeoutHeader]; ok {
				got = v[0]
			}
			if got != c.want {
				t.Errorf("%v left (-1ns: no deadline): %s %s, want %s", c.left, TimeoutHeader, got, c.want)
			}
		})
	}
}

// lateTimer is a context whose deadline has passed but whose timer has
// not run yet: the state a context.WithDeadline is in, at its deadline's
// instant, until the runtime runs the timer that cancels it.
type lateTimer struct {
	context.Context
	deadline time.Time
}

func (c lateTimer) Deadline() (time.Time, bool) { return c.deadline, true }

// TestAheadReadsTheClock: Ahead says no time is left at the deadline's
// instant even while ctx.Err() is still nil, and says so for a cancelled
// context whatever its deadline.
func TestAheadReadsTheClock(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		now := time.Now()
		cancelled, cancel := context.WithCancel(t.Context())
		cancel()
		for _, c := range []struct {
			name string
			ctx  context.Context
			want bool
		}{
			{"no deadline", t.Context(), true},
			{"deadline 1ns ahead", lateTimer{t.Context(), now.Add(time.Nanosecond)}, true},
			{"deadline now, its timer not run yet", lateTimer{t.Context(), now}, false},
			{"deadline passed, its timer not run yet", lateTimer{t.Context(), now.Add(-time.Millisecond)}, false},
			{"cancelled, no deadline", cancelled, false},
		} {
			if got := Ahead(c.ctx); got != c.want {
				t.Errorf("%s: Ahead = %v, want %v", c.name, got, c.want)
			}
		}
	})
}

type requestIDKey struct{}

// TestTheAuditOutlivesTheCall: the audit's context keeps the call's
// values, but neither its deadline nor its cancel: it goes on after the
// call's context is cancelled, until it is done or its own timeout ends it.
func TestTheAuditOutlivesTheCall(t *testing.T) {
	for _, c := range []struct {
		takes time.Duration
		want  string
	}{
		{30 * time.Millisecond, "[30ms] orders: audit: written; the call's ctx.Err() = context canceled"},
		{time.Second, "[50ms] orders: audit: given up: context deadline exceeded; the call's ctx.Err() = context canceled"},
	} {
		synctest.Test(t, func(t *testing.T) {
			msgs := newMessages()
			call, cancel := context.WithTimeout(context.WithValue(t.Context(), requestIDKey{}, "r-1"), 10*time.Millisecond)
			write := audit(call, slog.New(msgs), c.takes)
			cancel() // the call ends as soon as the audit has started
			done := make(chan struct{})
			go func() { write(); close(done) }()
			<-done
			got := msgs.matching(`audit`)
			want := []string{"[0s] orders: audit: writes a record; deadline in 50ms", c.want}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("audit taking %v (-want +got):\n%s", c.takes, diff)
			}
		})
	}
	// The values stay; the deadline and the cancel go.
	call, cancel := context.WithTimeout(context.WithValue(context.Background(), requestIDKey{}, "r-1"), time.Hour)
	cancel()
	detached := context.WithoutCancel(call)
	_, hasDeadline := detached.Deadline()
	if detached.Value(requestIDKey{}) != "r-1" || hasDeadline || detached.Err() != nil {
		t.Errorf("context.WithoutCancel: value %v, deadline %v, err %v; want r-1, none, nil",
			detached.Value(requestIDKey{}), hasDeadline, detached.Err())
	}
}

// TestAtTheSharedDeadline: a gRPC server's context gets the caller's
// deadline exactly (on the virtual clock, where no time passes on the
// wire), so with no margin the server's own deadline and the caller's
// RST_STREAM come at one instant: its context ends with DeadlineExceeded
// or Canceled, whichever gRPC handles first. Either way, at 100ms.
func TestAtTheSharedDeadline(t *testing.T) {
	seen := map[string]bool{}
	for range 20 {
		synctest.Test(t, func(t *testing.T) {
			msgs := newMessages()
			stock := Hop{Name: "stock", Log: slog.New(msgs), Work: time.Second}
			c, err := startGRPC(inMemory{}, []Hop{stock})
			if err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithTimeout(t.Context(), 100*time.Millisecond)
			CallGRPC(ctx, c.entry, "client")
			cancel()
			c.idle()
			c.stop()
			got := msgs.matching(`stock: (called|stopped)`)
			if len(got) != 2 || got[0] != "[0s] stock: called by client; deadline in 100ms" || !strings.HasPrefix(got[1], "[100ms] stock: stopped its work: context ") {
				t.Fatalf("stock: %q; want its call with 100ms left, and its work stopped at 100ms", got)
			}
			seen[strings.TrimPrefix(got[1], "[100ms] stock: stopped its work: ")] = true
		})
	}
	for err := range seen {
		if err != "context deadline exceeded" && err != "context canceled" {
			t.Errorf("stock's context ended with %q; want deadline exceeded or canceled", err)
		}
	}
	t.Logf("in 20 runs, stock's context ended with: %v", seen)
}

// TestConnectCancelClosesTheConnection: over HTTP/1.1, a Connect client
// that cancels a call closes its connection (net/http's Transport does),
// and the server learns of the cancel from that: the connection closes
// and the handler's context ends at the same instant.
func TestConnectCancelClosesTheConnection(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		start := time.Now()
		var closedAt, endedAt time.Duration
		ln := pipenet.Listen()
		s := connect.NewUnaryHandler(ConnectProcedure, func(ctx context.Context, _ *connect.Request[wrapperspb.StringValue]) (*connect.Response[wrapperspb.StringValue], error) {
			<-ctx.Done()
			endedAt = time.Since(start)
			return nil, ctx.Err()
		})
		closed := make(chan struct{})
		srv := &http.Server{Handler: s, ConnState: func(_ net.Conn, st http.ConnState) {
			if st == http.StateClosed {
				closedAt = time.Since(start)
				close(closed)
			}
		}}
		go srv.Serve(ln)
		tr := &http.Transport{DialContext: ln.DialContext}
		client := NewConnectClient(&http.Client{Transport: tr}, "http://svc")
		ctx, cancel := context.WithCancel(t.Context())
		time.AfterFunc(50*time.Millisecond, cancel)
		err := CallConnect(ctx, client, "client")
		<-closed
		srv.Close()
		tr.CloseIdleConnections()
		if connect.CodeOf(err) != connect.CodeCanceled {
			t.Errorf("the client's code: %v; want canceled", connect.CodeOf(err))
		}
		if closedAt != 50*time.Millisecond || endedAt != 50*time.Millisecond {
			t.Errorf("the connection closed at %v, the handler's context ended at %v; want both at the cancel, 50ms", closedAt, endedAt)
		}
	})
}
