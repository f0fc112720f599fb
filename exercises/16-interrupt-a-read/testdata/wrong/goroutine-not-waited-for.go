// Wrong: a goroutine of its own waits for ctx.Done() or the end of the Read, and the deadline is reset without waiting for that goroutine, which may set its deadline after the reset.

package interrupt

import (
	"context"
	"net"
	"time"
)

// ReadContext reads from conn into p, as conn.Read does, but gives up when
// ctx ends.
func ReadContext(ctx context.Context, conn net.Conn, p []byte) (int, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	done := make(chan struct{})
	go func() {
		select {
		case <-ctx.Done():
			conn.SetReadDeadline(time.Now())
		case <-done:
		}
	}()
	n, err := conn.Read(p)
	close(done)
	conn.SetReadDeadline(time.Time{})
	if err != nil && ctx.Err() != nil {
		return n, ctx.Err()
	}
	return n, err
}
