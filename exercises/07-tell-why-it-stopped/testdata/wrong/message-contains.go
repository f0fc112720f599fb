// Wrong: it looks for the words in the error's message, which misses a wrapped error whose message names only the cause, and is fooled by failures that merely mention them.

package why

import "strings"

// Describe says how a task ended, from the error it returned.
func Describe(err error) string {
	switch {
	case err == nil:
		return "finished"
	case strings.Contains(err.Error(), "context canceled"):
		return "cancelled"
	case strings.Contains(err.Error(), "context deadline exceeded"):
		return "timed out"
	}
	return "failed"
}
