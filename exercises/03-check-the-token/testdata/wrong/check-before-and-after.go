// Wrong: it checks once before the loop and then after each step, so a task cancelled during its last step does all the work and still reports "cancelled at step 10".

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
		return "", fmt.Errorf("%w at step %d", ErrCancelled, 0)
	}
	for i := range steps {
		time.Sleep(StepDuration)
		fmt.Fprintf(w, "Step %d complete\n", i)
		if t.IsCancelled() {
			return "", fmt.Errorf("%w at step %d", ErrCancelled, i+1)
		}
	}
	return fmt.Sprintf("completed all %d steps", steps), nil
}
