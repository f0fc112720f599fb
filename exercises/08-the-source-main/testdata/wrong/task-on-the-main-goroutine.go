// Wrong: it runs the 10-step task on Main's own goroutine and moves the controller (sleep, "Cancelling...", cancel) to another one, the other way round from the source.

package sourcemain

import (
	"context"
	"fmt"
	"io"
	"time"
)

// Main is the source lesson's main, with context.
func Main(w io.Writer) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	time.AfterFunc(35*time.Millisecond, func() {
		fmt.Fprintln(w, "Cancelling...")
		cancel()
	})
	_, err := LongTask(ctx, 10, w)
	fmt.Fprintf(w, "Cancelled: %v\n", err)

	msg, err := LongTask(context.Background(), 3, w)
	if err != nil {
		msg = "error: " + err.Error()
	}
	fmt.Fprintf(w, "Result: %s\n", msg)
}
