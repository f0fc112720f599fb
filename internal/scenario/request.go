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
	"time"

	"example.com/cancellation/ctxversion"
	"example.com/cancellation/internal/pipenet"
)

// RequestScoping runs ctxversion.TaskHandler behind an HTTP server on an
// in-memory network, so the transcript is on the virtual clock: an
// impatient client gives up after 35ms and the handler stops with it; a
// patient one gets its answer.
func RequestScoping(log *slog.Logger) {
	ln := pipenet.Listen()
	if err := requestScoping(log, ln, "http://course.test", &http.Transport{DialContext: ln.DialContext}); err != nil {
		log.Info(fmt.Sprint("error: ", err))
	}
}

// RequestScopingLive is RequestScoping over a real TCP connection on
// 127.0.0.1, on the real clock. It takes under 100ms; an interrupt
// meanwhile is reported when it ends.
func RequestScopingLive(ctx context.Context, log *slog.Logger) error {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	log.Info(fmt.Sprint("server: listening on ", ln.Addr()))
	if err := requestScoping(log, ln, "http://"+ln.Addr().String(), &http.Transport{}); err != nil {
		return err
	}
	return ctx.Err()
}

// handlerWait bounds each wait for a handler to report: on the loopback
// network it reports within milliseconds, so a longer wait means the
// request never reached it.
const handlerWait = 5 * time.Second

func requestScoping(log *slog.Logger, ln net.Listener, url string, transport *http.Transport) (err error) {
	handlerDone := make(chan struct{}, 2)    // one per request: a handler never waits to report
	handlerStarted := make(chan struct{}, 2) // the same, when it starts
	// The handler writes its lines to an io.Writer: each is a log record.
	handler := ctxversion.TaskHandler(slog.NewLogLogger(log.Handler(), slog.LevelInfo).Writer())
	srv := &http.Server{Handler: http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		defer func() { handlerDone <- struct{}{} }()
		task := log.With("lane", "handler")
		task.Info("", "event", "begin") // the handler says so itself
		handlerStarted <- struct{}{}
		handler.ServeHTTP(rw, r)
		// Until the handler returns, only a client that is gone ends the
		// request's context: the server ends it after.
		task.Info("", "event", "end", "err", r.Context().Err())
	})}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	client := &http.Client{Transport: transport}
	defer transport.CloseIdleConnections()
	defer func() { err = errors.Join(err, shutdown(srv, served)) }()

	// An impatient client: it gives up after 35ms on a task of 1s.
	ctx, cancel := context.WithTimeout(context.Background(), 35*time.Millisecond)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, "GET", url+"/?steps=100", nil)
	if err != nil {
		return err
	}
	log.Info("client: GET /?steps=100, giving up after 35ms")
	resp, err := client.Do(req)
	cancel()
	select {
	case <-handlerStarted:
		// The handler has stopped: it does not work on for nobody.
		if err := waitFor(handlerDone); err != nil {
			return err
		}
	default:
		// On a busy machine the client can give up before its request
		// reaches the handler: then there is nothing to see, and no
		// handler to wait for.
		log.Info("client: gave up before the handler started (a busy machine)")
	}
	if err != nil {
		log.Info(fmt.Sprintf("client: gave up (deadline exceeded: %v)",
			errors.Is(err, context.DeadlineExceeded)),
			"event", "cancel")
	} else {
		resp.Body.Close()
		log.Info("client: unexpected answer " + resp.Status)
	}

	// A patient client.
	log.Info("client: GET /?steps=3, no time limit")
	resp, err = client.Get(url + "/?steps=3")
	if err != nil {
		return fmt.Errorf("the patient client: %w", err)
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		return fmt.Errorf("the patient client: reading the answer: %w", err)
	}
	log.Info(fmt.Sprintf("client: %s %s", resp.Status, strings.TrimSpace(string(body))))
	return waitFor(handlerDone)
}

// waitFor waits for a handler to report on done, for at most handlerWait.
func waitFor(done <-chan struct{}) error {
	select {
	case <-done:
		return nil
	case <-time.After(handlerWait):
		return fmt.Errorf("the handler did not report within %v: the request never reached it", handlerWait)
	}
}

// shutdown shuts srv down, giving it handlerWait, and returns what went
// wrong, if anything, there or in its Serve (whose error is on served).
func shutdown(srv *http.Server, served <-chan error) error {
	ctx, cancel := context.WithTimeout(context.Background(), handlerWait)
	defer cancel()
	if err := srv.Shutdown(ctx); err != nil {
		return fmt.Errorf("server shutdown: %w", err)
	}
	if err := <-served; !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("server: %w", err)
	}
	return nil
}
