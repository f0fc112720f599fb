// Wrong: it compares err with == to context.Canceled and context.DeadlineExceeded, which misses every wrapped error.

package why

import "context"

// Describe says how a task ended, from the error it returned.
func Describe(err error) string {
	switch {
	case err == nil:
		return "finished"
	case err == context.Canceled:
		return "cancelled"
	case err == context.DeadlineExceeded:
		return "timed out"
	}
	return "failed"
}
