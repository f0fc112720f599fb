// Wrong: it runs the second task with the context it has already cancelled, so the task that nobody should cancel stops at step 0.

package sourcemain

import (
	"context"
	"fmt"
	"io"
	"sync"
	"time"
)

// Main is the source lesson's main, with context.
func Main(w io.Writer) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var (
		err error
		wg  sync.WaitGroup
	)
	wg.Go(func() { _, err = LongTask(ctx, 10, w) })
	time.Sleep(35 * time.Millisecond)
	fmt.Fprintln(w, "Cancelling...")
	cancel()
	wg.Wait()
	fmt.Fprintf(w, "Cancelled: %v\n", err)

	msg, err := LongTask(ctx, 3, w)
	if err != nil {
		msg = "error: " + err.Error()
	}
	fmt.Fprintf(w, "Result: %s\n", msg)
}
