package why

import (
	"context"
	"errors"
	"fmt"
	"testing"
)

const hint = "\nHint: go run ./lessons hint 7"

func TestDescribe(t *testing.T) {
	errDisk := errors.New("disk full")
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"no error", nil, "finished"},
		{"context.Canceled itself", context.Canceled, "cancelled"},
		{"a wrapped cancel", fmt.Errorf("fetch: cancelled at step 3: %w", context.Canceled), "cancelled"},
		{"a deadline", context.DeadlineExceeded, "timed out"},
		{"a wrapped deadline", fmt.Errorf("fetch: %w", context.DeadlineExceeded), "timed out"},
		{"a real failure", errDisk, "failed"},
		{"a failure that mentions cancel", errors.New("context canceled by nobody"), "failed"},
	}
	for _, tt := range tests {
		if got := Describe(tt.err); got != tt.want {
			t.Errorf("%s: Describe(%v) = %q; want %q"+hint, tt.name, tt.err, got, tt.want)
		}
	}
}
