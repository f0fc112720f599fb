// Wrong: it reads the task's error right after cancel without waiting for the task: a data race, which prints "Cancelled: <nil>" or the error depending on which goroutine gets there first.

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
	defer wg.Wait()
	wg.Go(func() { _, err = LongTask(ctx, 10, w) })
	time.Sleep(35 * time.Millisecond)
	fmt.Fprintln(w, "Cancelling...")
	cancel()
	fmt.Fprintf(w, "Cancelled: %v\n", err)

	msg, err2 := LongTask(context.Background(), 3, w)
	if err2 != nil {
		msg = "error: " + err2.Error()
	}
	fmt.Fprintf(w, "Result: %s\n", msg)
}
