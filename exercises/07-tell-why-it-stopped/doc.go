// Package why is the exercise of lesson 7, "Why it stopped".
//
// Describe compares error messages, so it misses wrapped errors and
// deadlines. Make it answer with errors.Is, which sees through every
// wrapping (%w, errors.Join, an Unwrap method returning one error or
// several) and asks any Is method on the way:
//
//   - "finished" for nil;
//   - "cancelled" for an error that is or wraps context.Canceled;
//   - "timed out" for one that is or wraps context.DeadlineExceeded;
//   - "failed" for anything else, including an error that only mentions
//     "context canceled" or "context deadline exceeded" in its message
//     without wrapping the error itself (errors.New, or fmt.Errorf with %v).
package why
