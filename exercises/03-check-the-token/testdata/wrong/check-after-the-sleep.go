// Wrong: it checks after the step's sleep but before writing its line, so the step is done and then thrown away as "not done".

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
		time.Sleep(StepDuration)
		if t.IsCancelled() {
			return "", fmt.Errorf("%w at step %d", ErrCancelled, i)
		}
		fmt.Fprintf(w, "Step %d complete\n", i)
	}
	return fmt.Sprintf("completed all %d steps", steps), nil
}
