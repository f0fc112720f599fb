//go:build solution

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
	case errors.Is(err, context.DeadlineExceeded):
		return "timed out"
	}
	return "failed"
}
