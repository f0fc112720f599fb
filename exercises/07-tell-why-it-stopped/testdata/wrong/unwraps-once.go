// Wrong: it looks through one level of wrapping with errors.Unwrap, so an error wrapped twice, or joined, is taken for a failure.

package why

import (
	"context"
	"errors"
)

// Describe says how a task ended, from the error it returned.
func Describe(err error) string {
	if err == nil {
		return "finished"
	}
	for _, e := range []error{err, errors.Unwrap(err)} {
		switch e {
		case context.Canceled:
			return "cancelled"
		case context.DeadlineExceeded:
			return "timed out"
		}
	}
	return "failed"
}
