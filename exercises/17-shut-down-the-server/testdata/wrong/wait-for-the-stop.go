// Wrong: Serve always waits for the stop, so when srv.Serve fails on its own the server is down and nobody hears of it until the stop.

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
	<-stop.Done()
	ctx, cancel := context.WithTimeout(context.WithoutCancel(stop), grace)
	defer cancel()
	if err := srv.Shutdown(ctx); err != nil {
		cutRequests(ErrGraceOver)
		srv.Close()
	}
	if err := <-served; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
