//go:build solution

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
		time.Sleep(StepDuration)
		fmt.Fprintf(w, "Step %d complete\n", i)
	}
	return fmt.Sprintf("completed all %d steps", steps), nil
}
