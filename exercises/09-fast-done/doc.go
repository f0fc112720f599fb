// Package fastdone is the second exercise of lesson 9, "Building a real
// token".
//
// This Token's Done takes its mutex on every call, and WakingLongTask
// calls Done once per step: tasks that only want the channel queue up
// behind whoever holds the lock. Make Done take the lock only on its first
// call, to make the channel, and on every later call read the channel
// without it, the way context's Done does:
//
//   - Every call, from any number of goroutines at once, returns the same
//     channel, and it is closed when the token is cancelled (also when
//     Cancel came before the first Done).
//   - Once the channel exists, Done returns it even while another
//     goroutine holds t.mu.
//   - Cancel may be called any number of times, from any goroutines;
//     only the first call has an effect.
//   - No data race: the tests run under the race detector.
//
// Cancel is given; change it only as your Done needs, and keep its lock:
// Cancel and the first Done must not interleave, since the first Done
// looks for the channel and then stores the one it made, and a Cancel in
// between would close nothing, or store the closed channel that Done's
// store replaces. The tests check that Cancel waits for t.mu.
package fastdone

// closedChan is the channel of a token cancelled before anyone asked for
// its channel.
var closedChan = func() chan struct{} {
	c := make(chan struct{})
	close(c)
	return c
}()
