// Wrong: the requests' base context is made from context.Background, which the stop does not cancel but which drops stop's values.

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
	base, cutRequests := context.WithCancelCause(context.Background())
	defer cutRequests(nil)
	srv.BaseContext = func(net.Listener) context.Context { return base }

	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	var serveErr error
	select {
	case serveErr = <-served:
	case <-stop.Done():
	}
	ctx, cancel := context.WithTimeout(context.Background(), grace)
	defer cancel()
	if err := srv.Shutdown(ctx); err != nil {
		cutRequests(ErrGraceOver)
		srv.Close()
	}
	if serveErr == nil {
		serveErr = <-served
	}
	if errors.Is(serveErr, http.ErrServerClosed) {
		return nil
	}
	return serveErr
}
