// Wrong: the error is ErrCancelled itself, which errors.Is finds, but it does not say which step was not done.

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
			return "", ErrCancelled
		}
		time.Sleep(StepDuration)
		fmt.Fprintf(w, "Step %d complete\n", i)
	}
	return fmt.Sprintf("completed all %d steps", steps), nil
}
