package scenario

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"time"

	"example.com/cancellation/ctxversion"
)

// RequestScoping runs ctxversion.TaskHandler behind an HTTP server on an
// in-memory network, so the transcript is on the virtual clock: an
// impatient client gives up after 35ms and the handler stops with it; a
// patient one gets its answer.
func RequestScoping(w io.Writer) {
	ln := newPipeListener()
	requestScoping(w, ln, "http://course.test", &http.Transport{DialContext: ln.DialContext})
}

// RequestScopingLive is RequestScoping over a real TCP connection on
// 127.0.0.1, on the real clock.
func RequestScopingLive(w io.Writer) error {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "server: listening on %s\n", ln.Addr())
	requestScoping(w, ln, "http://"+ln.Addr().String(), &http.Transport{})
	return nil
}

func requestScoping(w io.Writer, ln net.Listener, url string, transport *http.Transport) {
	handlerDone := make(chan struct{}, 2) // one per request: a handler never waits to report
	handler := ctxversion.TaskHandler(w)
	srv := &http.Server{Handler: http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		defer func() { handlerDone <- struct{}{} }()
		handler.ServeHTTP(rw, r)
	})}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	client := &http.Client{Transport: transport}
	defer transport.CloseIdleConnections()

	// An impatient client: it gives up after 35ms on a task of 1s.
	ctx, cancel := context.WithTimeout(context.Background(), 35*time.Millisecond)
	req, _ := http.NewRequestWithContext(ctx, "GET", url+"/?steps=100", nil)
	fmt.Fprintln(w, "client: GET /?steps=100, giving up after 35ms")
	resp, err := client.Do(req)
	cancel()
	<-handlerDone // the handler has stopped: it does not work on for nobody
	if err != nil {
		fmt.Fprintf(w, "client: gave up (deadline exceeded: %v)\n", errors.Is(err, context.DeadlineExceeded))
	} else {
		resp.Body.Close()
		fmt.Fprintf(w, "client: unexpected answer %s\n", resp.Status)
	}

	// A patient client.
	fmt.Fprintln(w, "client: GET /?steps=3, no time limit")
	resp, err = client.Get(url + "/?steps=3")
	if err != nil {
		fmt.Fprintf(w, "client: error %v\n", err)
	} else {
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		fmt.Fprintf(w, "client: %s %s\n", resp.Status, strings.TrimSpace(string(body)))
	}
	<-handlerDone

	srv.Shutdown(context.Background())
	<-served
}
