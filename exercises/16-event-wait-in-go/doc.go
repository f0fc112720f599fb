// Package eventwait is the exercise of lesson 16, "Across languages".
//
// Python's threading.Event.wait(timeout) returns True the moment the event
// is set, or False when the timeout passes. Write WaitFor, its Go
// counterpart on a context: true as soon as ctx is done, false after d.
package eventwait
