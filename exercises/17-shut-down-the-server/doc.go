// Package server is the exercise of lesson 17, "The server, whole".
//
// Serve runs an HTTP server until stop is done, and then shuts it down.
// As written, it has the shutdown that many servers have, and it is wrong:
// srv.Serve returns http.ErrServerClosed the moment srv.Shutdown begins, so
// Serve returns while requests are still running; Shutdown has no
// deadline, so one request that never ends holds it for ever; and nothing
// ends the requests' contexts. Make Serve:
//
//   - Accept no new connection once stop is done, and give the requests in
//     flight grace to finish: srv.Shutdown, with a deadline grace after
//     the stop. Their contexts are not done at the stop, and they keep
//     stop's values: set srv.BaseContext.
//   - Return only once Shutdown has returned, not when srv.Serve does: at
//     once if nothing is in flight, soon after the last request is
//     answered if they all end in time (Shutdown looks for that at
//     intervals that start at a millisecond and grow).
//   - If the grace runs out, cancel the context of every request still
//     running, with the cause ErrGraceOver, then call srv.Close, which cuts
//     their connections, and return at that instant (stop + grace).
//   - Return nil after a stop, whether requests were cut or not:
//     http.ErrServerClosed is how srv.Serve says that Shutdown began. If
//     srv.Serve fails on its own, do not wait for the stop: shut down the
//     same way, and return srv.Serve's error.
package server

import "errors"

// ErrGraceOver is the cause of the context of a request that was still
// running when the grace ran out.
var ErrGraceOver = errors.New("shutdown grace period over")
