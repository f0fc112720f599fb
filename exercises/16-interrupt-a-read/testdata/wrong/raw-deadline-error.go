// Wrong: the deadline wakes the Read, but its error is returned as it is, an i/o timeout in which errors.Is finds no context error.

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
	interrupted := make(chan struct{})
	stop := context.AfterFunc(ctx, func() {
		defer close(interrupted)
		conn.SetReadDeadline(time.Now())
	})
	n, err := conn.Read(p)
	if !stop() {
		<-interrupted
	}
	conn.SetReadDeadline(time.Time{})
	return n, err
}
