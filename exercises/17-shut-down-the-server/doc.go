// Package server is the exercise of lesson 17, "The server, whole".
//
// Serve runs an HTTP server until stop is done, and then shuts it down.
// As written, it has the shutdown that many servers have, and it is wrong:
// it returns while requests are still running, one request that never
// ends holds the shutdown for ever, and nothing tells the requests to
// stop. Make Serve:
//
//   - Accept no new connection once stop is done, and give the requests in
//     flight grace to finish, counted from the stop. Their contexts are not
//     done at the stop, and they keep stop's values.
//   - Return only once the shutdown is over, not at the stop: at once if
//     nothing is in flight, soon after the last request is answered if they
//     all end in time (the server looks for that at intervals that start at
//     a millisecond and grow).
//   - If the grace runs out, end the context of every request still
//     running, with the cause ErrGraceOver, and then cut their connections,
//     so that even a request that ignores its context ends; return at that
//     instant (stop + grace).
//   - Return nil after a stop, whether requests were cut or not. If the
//     server fails on its own (its listener breaks), do not wait for the
//     stop: shut down the same way, with the grace, and return its error.
package server

import "errors"

// ErrGraceOver is the cause of the context of a request that was still
// running when the grace ran out.
var ErrGraceOver = errors.New("shutdown grace period over")
