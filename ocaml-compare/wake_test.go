package ports

import (
	"context"
	"fmt"
	"io"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/google/go-cmp/cmp"

	"example.com/cancellation/ctxversion"
	"example.com/cancellation/internal/transcript"
	"example.com/cancellation/std"
)

// TestGoWakes is the ports' wake scenarios for Go's own tasks: a cancel in
// the middle of step 0, made directly, through a parent (the ports' tree),
// or by a deadline (the ports' timeout). On testing/synctest's virtual
// clock every stamp is exact, so no bound is needed: a task that waits in
// a select on its context or token ends at the cancel, with the ports'
// lines; std.LongTask, which only polls, is the control the test must tell
// apart: it sleeps out the step first.
func TestGoWakes(t *testing.T) {
	tests := []struct {
		name string
		task func(ctx context.Context, token *std.Token, w io.Writer) (string, error)
		want string
	}{{
		name: "ctxversion.LongTask",
		task: func(ctx context.Context, _ *std.Token, w io.Writer) (string, error) {
			return ctxversion.LongTask(ctx, 10, w)
		},
		want: "[   5ms] Cancelling...\n" +
			"[   5ms] Cancelled: cancelled at step 0: context canceled\n",
	}, {
		name: "std.WakingLongTask",
		task: func(_ context.Context, token *std.Token, w io.Writer) (string, error) {
			return std.WakingLongTask(token, 10, w)
		},
		want: "[   5ms] Cancelling...\n" +
			"[   5ms] Cancelled: cancelled at step 0\n",
	}, {
		// The ports' tree scenario: the task waits on a child, and only
		// the parent is cancelled.
		name: "ctxversion.LongTask on a child context",
		task: func(ctx context.Context, _ *std.Token, w io.Writer) (string, error) {
			child, stop := context.WithCancel(ctx)
			defer stop()
			return ctxversion.LongTask(child, 10, w)
		},
		want: "[   5ms] Cancelling...\n" +
			"[   5ms] Cancelled: cancelled at step 0: context canceled\n",
	}, {
		name: "std.WakingLongTask on a child token",
		task: func(_ context.Context, token *std.Token, w io.Writer) (string, error) {
			return std.WakingLongTask(token.Child(), 10, w)
		},
		want: "[   5ms] Cancelling...\n" +
			"[   5ms] Cancelled: cancelled at step 0\n",
	}, {
		// The ports' timeout scenario: a deadline, before anyone cancels.
		name: "ctxversion.LongTask under context.WithTimeout",
		task: func(ctx context.Context, _ *std.Token, w io.Writer) (string, error) {
			ctx, stop := context.WithTimeout(ctx, 3*time.Millisecond)
			defer stop()
			return ctxversion.LongTask(ctx, 10, w)
		},
		want: "[   3ms] Cancelled: cancelled at step 0: context deadline exceeded\n" +
			"[   5ms] Cancelling...\n",
	}, {
		name: "std.LongTask polls", // the control
		task: func(_ context.Context, token *std.Token, w io.Writer) (string, error) {
			return std.LongTask(token, 10, w)
		},
		want: "[   5ms] Cancelling...\n" +
			"[  10ms] Step 0 complete\n" +
			"[  10ms] Cancelled: cancelled at step 1\n",
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				var out strings.Builder
				w := transcript.NewWriter(&out)
				ctx, cancel := context.WithCancel(context.Background())
				token := std.NewToken()
				done := make(chan struct{})
				go func() {
					defer close(done)
					msg, err := tt.task(ctx, token, w)
					if err != nil {
						fmt.Fprintf(w, "Cancelled: %v\n", err)
					} else {
						fmt.Fprintf(w, "Success: %s\n", msg)
					}
				}()
				time.Sleep(std.StepDuration / 2)
				fmt.Fprintln(w, "Cancelling...")
				cancel()
				token.Cancel()
				<-done
				if diff := cmp.Diff(tt.want, out.String()); diff != "" {
					t.Errorf("transcript (-want +got):\n%s", diff)
				}
			})
		})
	}
}
