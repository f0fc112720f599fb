// Wrong: each step's line is written before the step's work, so "Step N complete" is said of a step that has only begun.

package checktoken

import (
	"fmt"
	"io"
	"time"
)

// LongTask does steps steps of StepDuration, writing "Step i complete"
// after each, and checks t before each step.
func LongTask(t *Token, steps int, w io.Writer) (string, error) {
	for i := range steps {
		if t.IsCancelled() {
			return "", fmt.Errorf("%w at step %d", ErrCancelled, i)
		}
		fmt.Fprintf(w, "Step %d complete\n", i)
		time.Sleep(StepDuration)
	}
	return fmt.Sprintf("completed all %d steps", steps), nil
}
