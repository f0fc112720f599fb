// Wrong: it calls errors.Is with its arguments swapped, which asks whether context.Canceled wraps err and so holds only when err is context.Canceled itself.

package why

import (
	"context"
	"errors"
)

// Describe says how a task ended, from the error it returned.
func Describe(err error) string {
	switch {
	case err == nil:
		return "finished"
	case errors.Is(context.Canceled, err):
		return "cancelled"
	case errors.Is(context.DeadlineExceeded, err):
		return "timed out"
	}
	return "failed"
}
