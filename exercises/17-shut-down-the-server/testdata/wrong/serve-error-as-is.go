// Wrong: Serve returns srv.Serve's error as it is, so a normal stop ends with http.ErrServerClosed, which the caller takes for a failure.

package server

import (
	"context"
	"net"
	"net/http"
	"time"
)

// Serve serves HTTP with srv on ln until stop is done, then shuts srv down,
// giving the requests in flight grace to finish.
func Serve(stop context.Context, srv *http.Server, ln net.Listener, grace time.Duration) error {
	base, cutRequests := context.WithCancelCause(context.WithoutCancel(stop))
	defer cutRequests(nil)
	srv.BaseContext = func(net.Listener) context.Context { return base }

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
		cutRequests(ErrGraceOver)
		srv.Close()
	}
	if serveErr == nil {
		serveErr = <-served
	}
	return serveErr
}
