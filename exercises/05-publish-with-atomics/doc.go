// Package publish is the exercise of lesson 5, "Memory ordering".
//
// A Box carries one result from the goroutine that computes it to the one
// that waits for it. As written, the two goroutines share a plain bool,
// which is a data race: the tests run under the race detector
// (go test -race) and fail. Make the handover race-free with sync/atomic,
// keeping the field value a plain int:
//
//   - Get on a Box nobody has Put into returns (0, false) at once.
//   - After Put(v), every Get returns (v, true), in any goroutine,
//     including for v == 0.
//   - Each Box is independent of the others.
//   - Put and Get may run at the same time in different goroutines with no
//     data race: a reader that sees the result ready also sees the value.
package publish
