package why

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"
)

const hint = "\nHint: go run ./lessons hint 7"

// stepError is like the course's ctxversion.StepError: it wraps both the
// context's error and the cause, with Unwrap() []error.
type stepError struct {
	step       int
	err, cause error
}

func (e *stepError) Error() string   { return fmt.Sprintf("cancelled at step %d: %v", e.step, e.cause) }
func (e *stepError) Unwrap() []error { return []error{e.err, e.cause} }

// flagError is like the course's std.StepError: it wraps nothing, and says
// with an Is method which error it stands for.
type flagError struct{ step int }

func (e *flagError) Error() string        { return fmt.Sprintf("stopped at step %d", e.step) }
func (e *flagError) Is(target error) bool { return target == context.Canceled }

// stopped returns what a real context says once it is done: ctx.Err() and
// context.Cause(ctx).
func stopped(cancelled bool, cause error) (err, why error) {
	var ctx context.Context
	if cancelled {
		c, cancel := context.WithCancelCause(context.Background())
		cancel(cause)
		ctx = c
	} else {
		c, cancel := context.WithDeadlineCause(context.Background(), time.Now().Add(-time.Second), cause)
		defer cancel()
		ctx = c
	}
	return ctx.Err(), context.Cause(ctx)
}

func TestDescribe(t *testing.T) {
	errDisk := errors.New("disk full")
	errLoggedOut := errors.New("user logged out")
	errTooSlow := errors.New("backend too slow")
	cancelErr, cancelCause := stopped(true, errLoggedOut)
	deadlineErr, deadlineCause := stopped(false, errTooSlow)
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"no error", nil, "finished"},

		{"context.Canceled itself", context.Canceled, "cancelled"},
		{"a wrapped cancel", fmt.Errorf("fetch: cancelled at step 3: %w", context.Canceled), "cancelled"},
		{"a cancel wrapped twice", fmt.Errorf("handler: %w", fmt.Errorf("fetch: %w", context.Canceled)), "cancelled"},
		{"a cancel wrapped three times", fmt.Errorf("a: %w", fmt.Errorf("b: %w", fmt.Errorf("c: %w", context.Canceled))), "cancelled"},
		{"ctx.Err() of a context cancelled with a cause", cancelErr, "cancelled"},
		{"a task's error wrapping ctx.Err() and the cause", &stepError{3, cancelErr, cancelCause}, "cancelled"},
		{"a cancel joined with another error", errors.Join(errDisk, context.Canceled), "cancelled"},
		{"a wrapped error wrapping two errors, one a cancel", fmt.Errorf("run: %w", fmt.Errorf("%w and %w", errDisk, context.Canceled)), "cancelled"},
		{"an error whose Is method says it is a cancel", &flagError{4}, "cancelled"},
		{"a wrapped error whose Is method says it is a cancel", fmt.Errorf("job: %w", &flagError{4}), "cancelled"},

		{"context.DeadlineExceeded itself", context.DeadlineExceeded, "timed out"},
		{"a wrapped deadline", fmt.Errorf("fetch: %w", context.DeadlineExceeded), "timed out"},
		{"a deadline wrapped twice", fmt.Errorf("handler: %w", fmt.Errorf("fetch: %w", context.DeadlineExceeded)), "timed out"},
		{"ctx.Err() of a context past a deadline with a cause", deadlineErr, "timed out"},
		{"a task's error wrapping ctx.Err() and the deadline's cause", &stepError{5, deadlineErr, deadlineCause}, "timed out"},
		{"a deadline joined with another error", errors.Join(errDisk, context.DeadlineExceeded), "timed out"},

		{"a real failure", errDisk, "failed"},
		{"a wrapped failure", fmt.Errorf("save: %w", errDisk), "failed"},
		{"a failure whose message is exactly \"context canceled\"", errors.New("context canceled"), "failed"},
		{"a failure whose message is exactly \"context deadline exceeded\"", errors.New("context deadline exceeded"), "failed"},
		{"a failure that mentions a cancel", errors.New("context canceled by nobody"), "failed"},
		{"a failure that mentions a deadline", errors.New("job failed: context deadline exceeded was not expected"), "failed"},
		{"a cancel's message copied with %v, not wrapped", fmt.Errorf("fetch: %v", context.Canceled), "failed"},
		{"a deadline's message copied with %v, not wrapped", fmt.Errorf("fetch: %v", context.DeadlineExceeded), "failed"},
	}
	for _, tt := range tests {
		if got := Describe(tt.err); got != tt.want {
			t.Errorf("%s: Describe(%q) = %q; want %q"+hint, tt.name, errText(tt.err), got, tt.want)
		}
	}
}

func errText(err error) string {
	if err == nil {
		return "nil"
	}
	return err.Error()
}
