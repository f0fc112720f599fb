package services

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httputil"
	"net/url"
	"sync"
	"time"

	"connectrpc.com/connect"
	"google.golang.org/grpc/status"
)

// The chain of every story: gateway calls orders, which calls stock.
var chain = []string{"gateway", "orders", "stock"}

// Every story's caller gives the chain 100ms, or cancels after 50ms; the
// parts of a story are 50ms apart, so that each stands apart on the
// timeline.
const (
	callerTimeout = 100 * time.Millisecond
	callerCancel  = 50 * time.Millisecond
	betweenParts  = 50 * time.Millisecond
)

// margin is what each service of the chain keeps of its deadline for
// its own answer.
const margin = 5 * time.Millisecond

// hops returns the chain's services, logging to log: gateway and orders
// work 10ms each before they call the next; stock works a second, longer
// than any caller waits. Each keeps a 5ms margin.
func hops(log *slog.Logger) []Hop {
	return []Hop{
		{Name: "gateway", Log: log, Work: 10 * time.Millisecond, Next: "orders", Margin: margin},
		{Name: "orders", Log: log, Work: 10 * time.Millisecond, Next: "stock", Margin: margin},
		{Name: "stock", Log: log, Work: time.Second, Margin: margin},
	}
}

// story is one of the stories of this package: it plays on nw, logging
// what each service sees to log, and returns once every call it made has
// ended everywhere.
type story func(ctx context.Context, log *slog.Logger, nw network) error

// Stories are the package's stories by name, for the tests and for the
// beyond command.
var Stories = map[string]struct {
	Title string
	play  story
}{
	"grpc-chain":    {"gRPC: the deadline shrinks at each hop; a cancel resets every stream", grpcStory},
	"connect-chain": {"Connect over HTTP/1.1: the deadline in Connect-Timeout-Ms; a cancel closes connections", connectStory},
	"http-chain":    {"plain net/http: no deadline travels; a context passed on, a ReverseProxy, a header of our own", httpStory},
	"budget":        {"a margin at each hop, a longer timeout that changes nothing, an audit that outlives the call", budgetStory},
}

// Play plays the story called name on an in-memory network, so that it
// can run in a testing/synctest bubble, on the virtual clock. A story
// interrupted by ctx stops after the part it is playing, and returns
// ctx.Err().
func Play(ctx context.Context, name string, log *slog.Logger) error {
	return play(ctx, name, log, inMemory{})
}

// PlayLive plays the story called name on 127.0.0.1, on the real clock,
// as Play does.
func PlayLive(ctx context.Context, name string, log *slog.Logger) error {
	return play(ctx, name, log, loopback{})
}

func play(ctx context.Context, name string, log *slog.Logger, nw network) error {
	s, ok := Stories[name]
	if !ok {
		return fmt.Errorf("no story %q", name)
	}
	return s.play(ctx, log, nw)
}

// grpcStory calls the chain over gRPC twice: with a 100ms deadline, which
// every service sees, shrunk by the time spent before it; then with no
// deadline, cancelled after 50ms.
func grpcStory(ctx context.Context, log *slog.Logger, nw network) error {
	c, err := startGRPC(nw, hops(log))
	if err != nil {
		return err
	}
	defer c.stop()
	call := func(ctx context.Context) (string, error) {
		err := CallGRPC(ctx, c.entry, "client")
		return "code " + status.Code(err).String(), err
	}
	deadlineThenCancel(ctx, log, call, c.idle)
	return ctx.Err()
}

// connectStory is grpcStory over Connect, on HTTP/1.1.
func connectStory(ctx context.Context, log *slog.Logger, nw network) error {
	hs := hops(log)
	c, err := startHTTP(nw, chain, func(i int, next *http.Client, nextURL string) http.Handler {
		s := &ConnectService{Hop: hs[i]}
		if next != nil {
			s.Next = NewConnectClient(next, nextURL)
		}
		mux := http.NewServeMux()
		mux.Handle(s.Handler())
		return mux
	})
	if err != nil {
		return err
	}
	defer c.stop()
	client := NewConnectClient(c.client(c.entry), "http://gateway")
	call := func(ctx context.Context) (string, error) {
		err := CallConnect(ctx, client, "client")
		return "code " + connect.CodeOf(err).String(), err
	}
	deadlineThenCancel(ctx, log, call, c.idle)
	return ctx.Err()
}

// deadlineThenCancel makes a call with a deadline, then one that it
// cancels, each once the services have done with the one before.
func deadlineThenCancel(ctx context.Context, log *slog.Logger, call func(context.Context) (string, error), idle func()) {
	client := log.With("lane", "client")

	client.Info(fmt.Sprintf("client: calls gateway with a %v timeout", callerTimeout), "event", "begin")
	callCtx, cancel := context.WithTimeout(ctx, callerTimeout)
	code, err := call(callCtx)
	client.Info("client: "+code, "event", "end", "err", cmpOr(callCtx.Err(), err))
	cancel()
	idle()
	if ctx.Err() != nil {
		return // interrupted: no second part
	}
	time.Sleep(betweenParts)

	client.Info(fmt.Sprintf("client: calls gateway with no deadline; cancels %v later", callerCancel), "event", "begin")
	callCtx, cancel = context.WithCancel(ctx)
	t := time.AfterFunc(callerCancel, func() {
		client.Info("client: cancels", "event", "cancel")
		cancel()
	})
	code, err = call(callCtx)
	t.Stop()
	client.Info("client: its call returned "+code, "event", "end", "err", cmpOr(callCtx.Err(), err))
	cancel()
	idle()
}

// httpStory calls the chain over plain net/http three times, each time
// with a client that gives up after 100ms (http.Client.Timeout): when
// gateway calls orders with context.Background(), as http.Get does; when
// gateway is an httputil.ReverseProxy and orders passes r.Context() on;
// and when every service carries the deadline in TimeoutHeader.
func httpStory(ctx context.Context, log *slog.Logger, nw network) error {
	for _, part := range []struct {
		say   string
		proxy bool
		carry bool
	}{
		{say: "client: calls gateway, to give up after %v; every service calls the next with context.Background()"},
		{say: "client: calls gateway, to give up after %v; gateway is an httputil.ReverseProxy, orders passes r.Context() on", proxy: true},
		{say: "client: calls gateway with a %v deadline in " + TimeoutHeader + "; every service carries it on", carry: true},
	} {
		if ctx.Err() != nil {
			break // interrupted: no more parts
		}
		if part.proxy || part.carry {
			time.Sleep(betweenParts)
		}
		if err := httpPart(ctx, log, nw, fmt.Sprintf(part.say, callerTimeout), part.proxy, part.carry); err != nil {
			return err
		}
	}
	return ctx.Err()
}

// httpPart plays one part of httpStory on a chain of its own.
func httpPart(ctx context.Context, log *slog.Logger, nw network, say string, proxy, carry bool) error {
	hs := hops(log)
	c, err := startHTTP(nw, chain, func(i int, next *http.Client, nextURL string) http.Handler {
		if i == 0 && proxy {
			return logged(hs[i], reverseProxy(next, nextURL))
		}
		return &HTTPService{Hop: hs[i], Client: next, NextURL: nextURL, PassContext: proxy, CarryDeadline: carry}
	})
	if err != nil {
		return err
	}
	defer c.stop()

	client := log.With("lane", "client")
	client.Info(say, "event", "begin")
	var callCtx context.Context
	var cancel context.CancelFunc
	if carry {
		callCtx, cancel = context.WithTimeout(ctx, callerTimeout)
	} else {
		// The client gives up after callerTimeout, and says so before its
		// transport closes the connection, as http.Client.Timeout would.
		callCtx, cancel = context.WithCancel(ctx)
		t := time.AfterFunc(callerTimeout, func() {
			client.Info("", "event", "cancel")
			client.Info(fmt.Sprintf("client: gives up after %v: closes its connection", callerTimeout),
				"event", "end", "err", context.DeadlineExceeded)
			cancel()
		})
		defer t.Stop()
	}
	defer cancel()
	req, err := http.NewRequestWithContext(callCtx, http.MethodGet, "http://gateway?from=client", nil)
	if err != nil {
		return err
	}
	SetTimeoutHeader(req)
	resp, err := c.client(c.entry).Do(req)
	if err == nil {
		resp.Body.Close()
		client.Info("client: "+resp.Status, "event", "end")
	} else if carry {
		client.Info("client: "+httpError(err), "event", "end", "err", err)
	}
	c.idle()
	return nil
}

// reverseProxy returns an httputil.ReverseProxy to nextURL that sends its
// requests with next and says "from=gateway".
func reverseProxy(next *http.Client, nextURL string) http.Handler {
	target, _ := url.Parse(nextURL)
	return &httputil.ReverseProxy{
		Rewrite: func(r *httputil.ProxyRequest) {
			r.SetURL(target)
			r.Out.URL.RawQuery = "from=gateway"
		},
		Transport: next.Transport,
		ErrorHandler: func(w http.ResponseWriter, r *http.Request, err error) {
			w.WriteHeader(http.StatusBadGateway) // as the default ErrorHandler, without its log line
		},
	}
}

// logged wraps a handler that calls the next service by itself (a
// ReverseProxy) so that it logs as a Hop does.
func logged(h Hop, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		log := h.Log.With("lane", h.Name)
		log.Info(fmt.Sprintf("%s: called by %s; %s; proxies to %s", h.Name, r.URL.Query().Get("from"), Left(r.Context()), h.Next), "event", "begin")
		next.ServeHTTP(w, r)
		log.Info(fmt.Sprintf("%s: the proxy returned; ctx.Err() = %v", h.Name, r.Context().Err()), "event", "end", "err", r.Context().Err())
	})
}

// budgetStory calls the chain over gRPC three times with 100ms. Each
// service keeps a 10ms margin for its own answer, so orders, whose call
// to stock times out, still answers in time without it; orders sets its
// own 1s timeout on that call, which changes nothing. After each answer
// orders writes an audit record on a context that outlives the call
// (context.WithoutCancel), bounded by a timeout of its own: 30ms of
// writing the first time; the second time the audit store hangs.
func budgetStory(ctx context.Context, log *slog.Logger, nw network) error {
	var audits sync.WaitGroup
	auditTakes := 30 * time.Millisecond
	hs := hops(log)
	for i := range hs {
		hs[i].Margin = 10 * time.Millisecond
	}
	hs[1].Timeout = time.Second
	hs[1].Fallback = true
	hs[1].AfterAnswer = func(ctx context.Context) {
		audits.Go(audit(ctx, log.With("lane", "orders: audit"), auditTakes))
	}
	c, err := startGRPC(nw, hs)
	if err != nil {
		return err
	}
	defer c.stop()

	client := log.With("lane", "client")
	for i, takes := range []time.Duration{30 * time.Millisecond, time.Second} {
		if ctx.Err() != nil {
			break // interrupted: no more calls
		}
		if i > 0 {
			time.Sleep(betweenParts)
		}
		auditTakes = takes
		client.Info(fmt.Sprintf("client: calls gateway with a %v timeout", callerTimeout), "event", "begin")
		callCtx, cancel := context.WithTimeout(ctx, callerTimeout)
		err := CallGRPC(callCtx, c.entry, "client")
		client.Info("client: code "+status.Code(err).String(), "event", "end", "err", err)
		cancel()
		c.idle()
		audits.Wait()
	}
	return ctx.Err()
}

// AuditTimeout bounds an audit write, which has no deadline of its own.
const AuditTimeout = 50 * time.Millisecond

// audit starts an audit record for the call whose context is call, and
// returns the write, to run on a goroutine of its own. The write's context
// keeps call's values but neither its deadline nor its cancel
// (context.WithoutCancel), so that it outlives the call; and so it needs a
// timeout of its own, AuditTimeout. The write takes takes.
func audit(call context.Context, log *slog.Logger, takes time.Duration) (write func()) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(call), AuditTimeout)
	log.Info(fmt.Sprintf("orders: audit: writes a record; %s", Left(ctx)), "event", "begin")
	return func() {
		defer cancel()
		if err := Work(ctx, takes); err != nil {
			log.Info(fmt.Sprintf("orders: audit: given up: %v; the call's ctx.Err() = %v", err, call.Err()), "event", "end", "err", err)
			return
		}
		log.Info(fmt.Sprintf("orders: audit: written; the call's ctx.Err() = %v", call.Err()), "event", "end")
	}
}
