// Wrong: it checks every millisecond in the middle of a step and abandons the step, where the lesson's task checks only between steps.

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
		for range StepDuration / time.Millisecond {
			if t.IsCancelled() {
				return "", fmt.Errorf("%w at step %d", ErrCancelled, i)
			}
			time.Sleep(time.Millisecond)
		}
		fmt.Fprintf(w, "Step %d complete\n", i)
	}
	return fmt.Sprintf("completed all %d steps", steps), nil
}
