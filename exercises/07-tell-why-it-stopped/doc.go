// Package why is the exercise of lesson 7, "Why it stopped".
//
// Describe compares error messages, so it misses wrapped errors and
// deadlines. Make it answer with errors.Is: "finished" for nil,
// "cancelled" for an error that is or wraps context.Canceled, "timed out"
// for context.DeadlineExceeded, and "failed" for anything else.
package why
