package services

import (
	"context"
	"errors"
	"net"
	"net/http"
	"sync"
)

// httpChain is a chain of services over HTTP/1.1 (plain net/http or
// Connect), each serving on a listener of its own.
type httpChain struct {
	nw       network
	entry    net.Listener // the first service's
	servers  []*http.Server
	clients  []*http.Transport
	serving  sync.WaitGroup
	handlers inflight // the calls in flight, in every service
}

// startHTTP starts a service for each of names on nw, the last first:
// newHandler makes the handler of service i, given a client for the next
// service and its URL ("" for the last).
func startHTTP(nw network, names []string, newHandler func(i int, next *http.Client, nextURL string) http.Handler) (*httpChain, error) {
	c := &httpChain{nw: nw}
	var next *http.Client
	var nextURL string
	for i := len(names) - 1; i >= 0; i-- {
		ln, err := nw.listen()
		if err != nil {
			c.stop()
			return nil, err
		}
		h := newHandler(i, next, nextURL)
		srv := &http.Server{Handler: c.track(h)}
		c.servers = append(c.servers, srv)
		c.serving.Go(func() { srv.Serve(ln) })
		next, nextURL = c.client(ln), "http://"+names[i]
		c.entry = ln
	}
	return c, nil
}

// track wraps h so that c.idle can wait for its calls in flight.
func (c *httpChain) track(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c.handlers.start()
		defer c.handlers.done()
		h.ServeHTTP(w, r)
	})
}

// client returns a new client that connects to ln, whatever the URL's host.
func (c *httpChain) client(ln net.Listener) *http.Client {
	dial := c.nw.dialer(ln)
	t := &http.Transport{DialContext: func(ctx context.Context, _, addr string) (net.Conn, error) {
		return dial(ctx, addr)
	}}
	c.clients = append(c.clients, t)
	return &http.Client{Transport: t}
}

// idle waits until no service is serving a call.
func (c *httpChain) idle() { c.handlers.wait() }

// stop closes the servers and the clients' idle connections, and returns
// once every server's Serve has.
func (c *httpChain) stop() error {
	var errs []error
	for _, srv := range c.servers {
		errs = append(errs, srv.Close())
	}
	for _, t := range c.clients {
		t.CloseIdleConnections()
	}
	c.serving.Wait()
	return errors.Join(errs...)
}
