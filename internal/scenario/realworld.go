package scenario

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"example.com/cancellation/ctxversion"
	"example.com/cancellation/internal/pipenet"
)

// The stories of "Cancellation meets the real world": what a context
// cannot do by itself (wake a Read), and the shutdown of a whole server.
// The process and signal stories are in realworld_unix.go.

// BlockingRead shows what wakes a Read that a context cannot: a reader
// waits for a peer that never writes; ReadContext gives up at 35ms. The
// connection survives that deadline, once it is reset, but not a Close.
func BlockingRead(log *slog.Logger) {
	conn, peer := net.Pipe()
	defer peer.Close()
	blockingRead(log, conn, peer)
}

// BlockingReadLive is BlockingRead over a real TCP connection on
// 127.0.0.1, on the real clock. It takes about 80ms.
func BlockingReadLive(ctx context.Context, log *slog.Logger) error {
	conn, peer, err := loopbackPair(ctx)
	if err != nil {
		return err
	}
	defer peer.Close()
	blockingRead(log, conn, peer)
	return ctx.Err()
}

func blockingRead(log *slog.Logger, conn, peer net.Conn) {
	p := make([]byte, 64)
	ctx, cancel := context.WithTimeout(context.Background(), 35*time.Millisecond)
	defer cancel()
	first := log.With("lane", "read 1")
	first.Info("reader: waiting for the peer, giving up after 35ms", "event", "begin")
	_, err := ctxversion.ReadContext(ctx, conn, p)
	first.Info(fmt.Sprintf("reader: %v", err), "event", "end", "err", err)

	conn.SetReadDeadline(time.Time{}) // the same connection, still good
	time.AfterFunc(10*time.Millisecond, func() { io.WriteString(peer, "hello") })
	second := log.With("lane", "read 2")
	second.Info("reader: deadline reset, reading again", "event", "begin")
	n, err := conn.Read(p)
	second.Info(fmt.Sprintf("reader: got %q", p[:n]), "event", "end", "err", err)

	// The other way: close the connection when the context ends.
	ctx, cancel = context.WithTimeout(context.Background(), 35*time.Millisecond)
	defer cancel()
	context.AfterFunc(ctx, func() { conn.Close() })
	third := log.With("lane", "read 3")
	third.Info("reader: waiting again; this time the end of the context closes the connection",
		"event", "begin")
	_, err = conn.Read(p)
	// The Read's error does not say why: ask the context.
	third.Info(fmt.Sprintf("reader: %v (the context: %v)", err, ctx.Err()),
		"event", "end", "err", ctx.Err())
	_, err = conn.Write([]byte("hi"))
	log.Info(fmt.Sprintf("writer: %v: the connection is over", err))
}

// loopbackPair returns the two ends of a TCP connection on 127.0.0.1.
func loopbackPair(ctx context.Context) (client, server net.Conn, err error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, nil, err
	}
	defer ln.Close()
	var d net.Dialer
	client, err = d.DialContext(ctx, "tcp", ln.Addr().String())
	if err != nil {
		return nil, nil, err
	}
	server, err = ln.Accept()
	if err != nil {
		client.Close()
		return nil, nil, err
	}
	return client, server, nil
}

// ShutdownGrace is how long the requests in flight may go on after the
// server's stop, in ServerShutdown.
const ShutdownGrace = 20 * time.Millisecond

// ServerShutdown runs ctxversion.Serve on an in-memory network, so time is
// virtual: three requests are in flight when the stop comes at 45ms. The
// stream ends at the stop, the quick request within the grace, the slow
// one is cut when the grace runs out, and a client that comes after the
// stop is refused.
func ServerShutdown(log *slog.Logger) {
	ln := pipenet.Listen()
	transport := func() *http.Transport { return &http.Transport{DialContext: ln.DialContext} }
	if err := serverShutdown(log, ln, "http://course.test", transport); err != nil {
		log.Info(fmt.Sprint("error: ", err))
	}
}

// ServerShutdownLive is ServerShutdown on a real TCP port on 127.0.0.1, on
// the real clock. It takes about 70ms.
func ServerShutdownLive(ctx context.Context, log *slog.Logger) error {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	log.Info(fmt.Sprint("server: listening on ", ln.Addr()))
	transport := func() *http.Transport { return &http.Transport{} }
	if err := serverShutdown(log, ln, "http://"+ln.Addr().String(), transport); err != nil {
		return err
	}
	return ctx.Err()
}

// serverShutdown plays ServerShutdown on ln, whose clients connect with
// the transports newTransport makes.
func serverShutdown(log *slog.Logger, ln net.Listener, url string, newTransport func() *http.Transport) error {
	transport, lateTransport := newTransport(), newTransport()
	defer transport.CloseIdleConnections()
	defer lateTransport.CloseIdleConnections()
	client := &http.Client{Transport: transport}
	paths := []string{"/quick", "/slow", "/stream"}
	started := make(chan struct{}, len(paths)) // a handler never waits to say so
	srv := &http.Server{Handler: shutdownHandler(log, started)}
	shutdownBegan := make(chan struct{})
	srv.RegisterOnShutdown(func() { close(shutdownBegan) })
	stop, stopNow := context.WithCancel(context.Background())
	defer stopNow()
	var stats ctxversion.ServeStats
	var serveErr error
	var served sync.WaitGroup
	served.Go(func() { stats, serveErr = ctxversion.Serve(stop, srv, ln, ShutdownGrace) })

	answers := make([]string, len(paths))
	var clients sync.WaitGroup
	for i, path := range paths {
		clients.Go(func() { answers[i] = answer(client, url+path) })
		// One after another, so that the transcript's order is fixed;
		// each wait has a bound, for a request that never reaches its
		// handler.
		select {
		case <-started:
		case <-time.After(handlerWait):
			stopNow()
			clients.Wait()
			served.Wait()
			return fmt.Errorf("server shutdown: the handler of %s did not start within %v", path, handlerWait)
		}
	}
	// The three requests are in flight: now the stop may come, as the
	// story says (on a timer started before them, a loaded machine could
	// stop the server before the last one had started).
	time.AfterFunc(StopAfter, func() {
		log.Info(fmt.Sprintf("server: stop (SIGTERM, simulated): no new connections; %v for the requests in flight",
			ShutdownGrace),
			"event", "stop")
		stopNow()
	})
	<-shutdownBegan
	// A new client: it must connect (the others' connections may be
	// idle in their pool by now, and closing).
	late := answer(&http.Client{Transport: lateTransport}, url+"/quick")
	clients.Wait()
	served.Wait()
	log.Info(fmt.Sprintf("server: Serve returned %v: %v", serveErr, stats))
	for i, path := range paths {
		log.Info(fmt.Sprintf("client: GET %s: %s", path, answers[i]))
	}
	log.Info(fmt.Sprintf("client: GET /quick, sent after the stop: %s", late))
	return serveErr
}

// shutdownHandler serves the requests of ServerShutdown: /quick works
// 50ms; /slow works 1s, watching r.Context(); /stream sends a line every
// 10ms until the server drains. Each is a task of the transcript.
func shutdownHandler(log *slog.Logger, started chan<- struct{}) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		task := log.With("lane", "GET "+r.URL.Path)
		task.Info(fmt.Sprintf("handler: GET %s: started", r.URL.Path), "event", "begin")
		started <- struct{}{}
		var err error
		switch r.URL.Path {
		case "/quick", "/slow":
			steps := map[string]int{"/quick": 5, "/slow": 100}[r.URL.Path]
			var msg string
			if msg, err = ctxversion.LongTask(r.Context(), steps, io.Discard); err == nil {
				fmt.Fprintln(w, msg)
			}
		case "/stream":
			tick := time.NewTicker(10 * time.Millisecond)
			defer tick.Stop()
			for n := 1; err == nil; n++ {
				select {
				case <-ctxversion.Draining(r.Context()):
					fmt.Fprintln(w, "bye")
					task.Info(fmt.Sprintf("handler: GET /stream: the server drains: said bye after %d lines",
						n-1),
						"event", "end")
					return
				case <-r.Context().Done():
					err = context.Cause(r.Context())
				case <-tick.C:
					fmt.Fprintf(w, "line %d\n", n)
					http.NewResponseController(w).Flush()
				}
			}
		}
		task.Info(fmt.Sprintf("handler: GET %s: %v", r.URL.Path, cmpOr(err, "done")),
			"event", "end", "err", err)
	})
}

// cmpOr returns err, or ok if err is nil, for a line that says how a
// request ended.
func cmpOr(err error, ok string) any {
	if err != nil {
		return err
	}
	return ok
}

// answer does a GET and sums up what came back in a few words.
func answer(client *http.Client, url string) string {
	resp, err := client.Get(url)
	var opErr *net.OpError
	if errors.Is(err, net.ErrClosed) || errors.As(err, &opErr) && opErr.Op == "dial" {
		return "refused: nobody accepts connections any more"
	} else if err != nil {
		return "no answer: the connection was cut"
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return fmt.Sprintf("%s, then the connection was cut", resp.Status)
	}
	lines := strings.Split(strings.TrimSpace(string(body)), "\n")
	return resp.Status + ": " + strings.Join(lines, " | ")
}

// HardDeadline shows the last resort of a shutdown: of two workers, one
// watches the stop and ends with it at 45ms; the other ignores it, and
// the process exits at the hard deadline, 30ms later. process stands for
// the process itself: os.Exit would end everything in it.
func HardDeadline(log *slog.Logger) {
	process, exit := context.WithCancelCause(context.Background())
	stop, sigterm := context.WithCancelCause(process)
	time.AfterFunc(45*time.Millisecond, func() {
		log.Info("SIGTERM (simulated): shutting down, with 30ms at most",
			"event", "stop")
		sigterm(errors.New("SIGTERM"))
	})
	defer ctxversion.ExitAfter(stop, 30*time.Millisecond, func() {
		log.Info("hard deadline: os.Exit(1), whatever still runs", "event", "cancel")
		exit(errors.New("the process exited"))
	})()

	polite, stubborn := log.With("lane", "polite worker"), log.With("lane", "stubborn worker")
	var wg sync.WaitGroup
	polite.Info("polite worker: started, watching the stop", "event", "begin")
	wg.Go(func() {
		_, err := ctxversion.LongTask(stop, 100, io.Discard)
		polite.Info(fmt.Sprintf("polite worker: %v", err), "event", "end", "err", err)
	})
	stubborn.Info("stubborn worker: started, ignoring the stop", "event", "begin")
	wg.Go(func() {
		_, err := ctxversion.LongTask(process, 100, io.Discard)
		stubborn.Info(fmt.Sprintf("stubborn worker: %v", err),
			"event", "end", "err", err)
	})
	wg.Wait()
}
