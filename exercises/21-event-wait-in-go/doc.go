// Package eventwait is the exercise of lesson 21, "Across languages".
//
// Python's threading.Event.wait(timeout) returns True the moment the event
// is set, or False when the timeout passes. Write WaitFor, its Go
// counterpart on a context: true the moment ctx is done (not at the next
// poll), false exactly d after the call. If ctx is already done, true at
// once, whatever d, even 0 or less; if d is 0 or less and ctx is not
// done, false at once. WaitFor leaves nothing running when it returns.
package eventwait
