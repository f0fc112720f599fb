// Wrong: the error has the right message but is made with errors.New, so errors.Is(err, ErrCancelled) is false.

package checktoken

import (
	"errors"
	"fmt"
	"io"
	"time"
)

// LongTask does steps steps of StepDuration, writing "Step i complete"
// after each.
func LongTask(t *Token, steps int, w io.Writer) (string, error) {
	for i := range steps {
		if t.IsCancelled() {
			return "", errors.New(fmt.Sprintf("cancelled at step %d", i))
		}
		time.Sleep(StepDuration)
		fmt.Fprintf(w, "Step %d complete\n", i)
	}
	return fmt.Sprintf("completed all %d steps", steps), nil
}
