// Wrong: it walks the chain with errors.Unwrap, which cannot follow an error that wraps several (errors.Join, Unwrap() []error) nor ask an error's Is method.

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
	for e := err; e != nil; e = errors.Unwrap(e) {
		switch e {
		case context.Canceled:
			return "cancelled"
		case context.DeadlineExceeded:
			return "timed out"
		}
	}
	return "failed"
}
