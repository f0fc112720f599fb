// Wrong: the stop closes the server at once, which cuts the requests in flight instead of giving them the grace.

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
	cutRequests(ErrGraceOver)
	srv.Close() // quick and clean
	if serveErr == nil {
		serveErr = <-served
	}
	if errors.Is(serveErr, http.ErrServerClosed) {
		return nil
	}
	return serveErr
}
