// Wrong: what stop returned is ignored, and ReadContext waits for the interrupt whenever ctx has ended; if ctx ends just after stop, the interrupt never runs and ReadContext waits for ever.

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
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	interrupted := make(chan struct{})
	stop := context.AfterFunc(ctx, func() {
		defer close(interrupted)
		conn.SetReadDeadline(time.Now()) // wakes the Read, now or to come
	})
	n, err := conn.Read(p)
	stop()
	if ctx.Err() != nil {
		<-interrupted // ctx has ended, so the interrupt has run: let it finish first
	}
	conn.SetReadDeadline(time.Time{})
	if errors.Is(err, os.ErrDeadlineExceeded) && ctx.Err() != nil {
		return n, fmt.Errorf("read interrupted: %w (%w)", ctx.Err(), err)
	}
	return n, err
}
