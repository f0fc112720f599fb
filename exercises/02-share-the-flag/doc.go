// Package flag is the exercise of lesson 2, "The flag".
//
// Token is a cancellation flag shared by goroutines. Make Cancel set it and
// IsCancelled report it:
//
//   - The zero Token is ready to use and not cancelled.
//   - Cancel sets the flag and nothing ever clears it: after Cancel (once or
//     more), every call of IsCancelled returns true.
//   - Each Token has its own flag: cancelling one leaves the others alone.
//   - Holders of the same *Token share its flag: a Cancel made by one
//     goroutine is seen by IsCancelled in every other.
//   - Both methods are safe to call from any number of goroutines at once:
//     the tests call them concurrently under the race detector
//     (go test -race), which fails them on any data race.
package flag
