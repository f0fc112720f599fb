// Wrong: a grace of 0 is taken to mean no limit, so Shutdown waits with no deadline and a request that never ends holds the shutdown for ever.

package server

import (
	"context"
	"errors"
	"net"
	"net/http"
	"time"
)

// Serve serves HTTP with srv on ln until stop is done. Then it accepts no
// new connection, gives the requests in flight grace to finish, cancels
// and cuts those still running, and returns once that is done.
func Serve(stop context.Context, srv *http.Server, ln net.Listener, grace time.Duration) error {
	// Every request's context descends from base: the stop does not
	// cancel it (it keeps stop's values only), the end of the grace does.
	base, cutRequests := context.WithCancelCause(context.WithoutCancel(stop))
	defer cutRequests(nil)
	srv.BaseContext = func(net.Listener) context.Context { return base }

	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	var serveErr error
	select {
	case serveErr = <-served: // it failed on its own
	case <-stop.Done():
	}

	// The grace starts now, at the stop.
	ctx, cancel := context.WithTimeout(context.WithoutCancel(stop), grace)
	defer cancel()
	if grace <= 0 { // no grace given: let the requests take as long as they need
		ctx = context.WithoutCancel(stop)
	}
	if err := srv.Shutdown(ctx); err != nil { // the grace is over
		cutRequests(ErrGraceOver) // first: the handlers learn why
		srv.Close()               // then: cut their connections
	}
	if serveErr == nil {
		serveErr = <-served // http.ErrServerClosed, since Shutdown began
	}
	if errors.Is(serveErr, http.ErrServerClosed) {
		return nil
	}
	return serveErr
}
