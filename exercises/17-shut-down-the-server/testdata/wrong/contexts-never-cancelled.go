// Wrong: at the end of the grace the server is closed, but the requests' contexts are not cancelled, and Close does not cancel a request whose handler has not read its body and writes nothing.

package server

import (
	"context"
	"errors"
	"net"
	"net/http"
	"time"
)

// Serve serves HTTP with srv on ln until stop is done, then shuts srv down,
// giving the requests in flight grace to finish.
func Serve(stop context.Context, srv *http.Server, ln net.Listener, grace time.Duration) error {
	srv.BaseContext = func(net.Listener) context.Context { return context.WithoutCancel(stop) }

	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	var serveErr error
	select {
	case serveErr = <-served:
	case <-stop.Done():
	}
	ctx, cancel := context.WithTimeout(context.WithoutCancel(stop), grace)
	defer cancel()
	if err := srv.Shutdown(ctx); err != nil {
		srv.Close() // Close ends the requests, and so their contexts
	}
	if serveErr == nil {
		serveErr = <-served
	}
	if errors.Is(serveErr, http.ErrServerClosed) {
		return nil
	}
	return serveErr
}
