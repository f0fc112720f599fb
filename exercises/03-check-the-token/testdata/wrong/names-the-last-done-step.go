// Wrong: the error names the last step that was done instead of the first step that was not done.

package checktoken

import (
	"fmt"
	"io"
	"time"
)

// LongTask does steps steps of StepDuration, writing "Step i complete"
// after each.
func LongTask(t *Token, steps int, w io.Writer) (string, error) {
	for i := range steps {
		if t.IsCancelled() {
			return "", fmt.Errorf("%w at step %d", ErrCancelled, max(i-1, 0))
		}
		time.Sleep(StepDuration)
		fmt.Fprintf(w, "Step %d complete\n", i)
	}
	return fmt.Sprintf("completed all %d steps", steps), nil
}
