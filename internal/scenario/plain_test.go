package scenario

import (
	"log/slog"
	"strings"
	"testing"
	"testing/synctest"

	"github.com/google/go-cmp/cmp"
)

// TestAStoryRunsWithAnyHandler: the stories are plain Go. Lesson 1 says
// that a learner can run one in a program of their own with slog's own
// TextHandler, and see its lines and their attributes; here is StdMain so.
func TestAStoryRunsWithAnyHandler(t *testing.T) {
	var out strings.Builder
	synctest.Test(t, func(t *testing.T) {
		noTime := func(_ []string, a slog.Attr) slog.Attr {
			if a.Key == slog.TimeKey {
				return slog.Attr{}
			}
			return a
		}
		StdMain(slog.New(slog.NewTextHandler(&out, &slog.HandlerOptions{ReplaceAttr: noTime})))
	})
	want := `level=INFO msg="Step 0 complete" lane="task 1" event=step
level=INFO msg="Step 1 complete" lane="task 1" event=step
level=INFO msg="Step 2 complete" lane="task 1" event=step
level=INFO msg=Cancelling... event=cancel
level=INFO msg="Step 3 complete" lane="task 1" event=step
level=INFO msg="Cancelled: cancelled at step 4" lane="task 1" event=end err="cancelled at step 4"
level=INFO msg="Step 0 complete" lane="task 2" event=step
level=INFO msg="Step 1 complete" lane="task 2" event=step
level=INFO msg="Step 2 complete" lane="task 2" event=step
level=INFO msg="Result: completed all 3 steps" lane="task 2" event=end err=<nil>
`
	if diff := cmp.Diff(want, out.String()); diff != "" {
		t.Errorf("StdMain with slog.TextHandler (-want +got):\n%s", diff)
	}
}
