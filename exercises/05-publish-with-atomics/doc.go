// Package publish is the exercise of lesson 5, "Memory ordering".
//
// A Box carries one result from the goroutine that computes it to the one
// that waits for it. As written, the two goroutines share a plain bool,
// which is a data race: the tests run under the race detector and fail.
// Make the handover race-free with sync/atomic, keeping value a plain int.
package publish
