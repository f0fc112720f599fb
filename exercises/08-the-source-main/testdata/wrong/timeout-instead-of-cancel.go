// Wrong: it gives the task a 35ms timeout instead of cancelling it, so the task stops on a deadline ("context deadline exceeded"), not on a cancel.

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
	ctx, cancel := context.WithTimeout(context.Background(), 35*time.Millisecond)
	defer cancel()
	var (
		err error
		wg  sync.WaitGroup
	)
	wg.Go(func() { _, err = LongTask(ctx, 10, w) })
	time.Sleep(35 * time.Millisecond)
	fmt.Fprintln(w, "Cancelling...")
	wg.Wait()
	fmt.Fprintf(w, "Cancelled: %v\n", err)

	msg, err := LongTask(context.Background(), 3, w)
	if err != nil {
		msg = "error: " + err.Error()
	}
	fmt.Fprintf(w, "Result: %s\n", msg)
}
