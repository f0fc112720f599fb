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
//   - No data race: the tests run under the race detector.
//
// Cancel is given; change it only as your Done needs.
package fastdone

// closedChan is the channel of a token cancelled before anyone asked for
// its channel.
var closedChan = func() chan struct{} {
	c := make(chan struct{})
	close(c)
	return c
}()
