// Wrong: it recognises a cancel with errors.Is but forgets context.DeadlineExceeded, so a timeout is reported as a failure.

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
	case errors.Is(err, context.Canceled):
		return "cancelled"
	}
	return "failed"
}
