// Wrong: the task's goroutine prints "Cancelled: ..." itself and Main never waits for it, so nothing makes sure the first task is over before Main goes on (or returns).

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
	go func() {
		_, err := LongTask(ctx, 10, w)
		fmt.Fprintf(w, "Cancelled: %v\n", err)
	}()
	time.Sleep(35 * time.Millisecond)
	fmt.Fprintln(w, "Cancelling...")
	cancel()

	msg, err := LongTask(context.Background(), 3, w)
	if err != nil {
		msg = "error: " + err.Error()
	}
	fmt.Fprintf(w, "Result: %s\n", msg)
}
