//go:build !solution

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
	// TODO: the requests' contexts: srv.BaseContext.
	go func() {
		<-stop.Done()
		srv.Shutdown(context.Background()) // TODO: no deadline; and then?
	}()
	return srv.Serve(ln) // TODO: this returns as soon as Shutdown begins
}
