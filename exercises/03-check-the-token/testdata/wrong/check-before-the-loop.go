// Wrong: it adds a check before the loop, so a task with no steps and a cancelled token reports "cancelled at step 0" although there was no step to stop.

package checktoken

import (
	"fmt"
	"io"
	"time"
)

// LongTask does steps steps of StepDuration, writing "Step i complete"
// after each.
func LongTask(t *Token, steps int, w io.Writer) (string, error) {
	if t.IsCancelled() {
		return "", fmt.Errorf("%w at step 0", ErrCancelled)
	}
	for i := range steps {
		if t.IsCancelled() {
			return "", fmt.Errorf("%w at step %d", ErrCancelled, i)
		}
		time.Sleep(StepDuration)
		fmt.Fprintf(w, "Step %d complete\n", i)
	}
	return fmt.Sprintf("completed all %d steps", steps), nil
}
