// Wrong: at the end of the grace the connections are cut first and the requests' contexts cancelled after, so a handler whose connection is cut cannot yet learn that the grace is over.

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
	if err := srv.Shutdown(ctx); err != nil { // the grace is over
		srv.Close()               // cut their connections
		cutRequests(ErrGraceOver) // and tell the handlers why
	}
	if serveErr == nil {
		serveErr = <-served // http.ErrServerClosed, since Shutdown began
	}
	if errors.Is(serveErr, http.ErrServerClosed) {
		return nil
	}
	return serveErr
}
