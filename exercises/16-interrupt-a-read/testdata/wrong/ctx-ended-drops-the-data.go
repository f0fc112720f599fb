// Wrong: after the Read, ReadContext asks ctx, not the Read's error, whether it was interrupted, so data that the Read got just before ctx ended is dropped.

package interrupt

import (
	"context"
	"fmt"
	"net"
	"time"
)

// ReadContext reads from conn into p, as conn.Read does, but gives up when
// ctx ends: then it returns an error that wraps ctx.Err(). When it
// returns, conn's read deadline is unset.
func ReadContext(ctx context.Context, conn net.Conn, p []byte) (int, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	interrupted := make(chan struct{})
	stop := context.AfterFunc(ctx, func() {
		defer close(interrupted)
		conn.SetReadDeadline(time.Now()) // wakes the Read, now or to come
	})
	n, err := conn.Read(p)
	if !stop() {
		<-interrupted // the interrupt has begun: let it finish first
	}
	conn.SetReadDeadline(time.Time{})
	if ctx.Err() != nil {
		return 0, fmt.Errorf("read interrupted: %w", ctx.Err())
	}
	return n, err
}
