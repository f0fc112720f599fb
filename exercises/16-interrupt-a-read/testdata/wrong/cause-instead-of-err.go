// Wrong: the error wraps context.Cause(ctx) instead of ctx.Err(), so when ctx was cancelled with a cause, errors.Is finds neither context.Canceled nor context.DeadlineExceeded in it.

package interrupt

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"time"
)

// ReadContext reads from conn into p, as conn.Read does, but gives up when
// ctx ends: then it returns an error that wraps ctx.Err(). When it
// returns, conn's read deadline is unset.
func ReadContext(ctx context.Context, conn net.Conn, p []byte) (int, error) {
	if ctx.Err() != nil {
		return 0, context.Cause(ctx)
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
	if errors.Is(err, os.ErrDeadlineExceeded) && ctx.Err() != nil {
		return n, fmt.Errorf("read interrupted: %w (%w)", context.Cause(ctx), err)
	}
	return n, err
}
