// Wrong: Serve returns when srv.Serve does, which is the moment Shutdown begins, not when the requests in flight are done.

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
	srv.BaseContext = func(net.Listener) context.Context { return base }
	go func() {
		defer cutRequests(nil)
		<-stop.Done()
		ctx, cancel := context.WithTimeout(context.WithoutCancel(stop), grace)
		defer cancel()
		if err := srv.Shutdown(ctx); err != nil {
			cutRequests(ErrGraceOver)
			srv.Close()
		}
	}()
	err := srv.Serve(ln)
	if errors.Is(err, http.ErrServerClosed) {
		return nil
	}
	return err
}
