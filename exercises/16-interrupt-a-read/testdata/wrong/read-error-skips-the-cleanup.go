// Wrong: when the Read fails for a reason of its own (the peer closed the connection), ReadContext returns at once without stopping the interrupt, which still sets a deadline on conn when ctx ends later.

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
	if err != nil && !errors.Is(err, os.ErrDeadlineExceeded) {
		return n, err // the peer's error: nothing to clean up
	}
	if !stop() {
		<-interrupted // the interrupt has begun: let it finish first
	}
	conn.SetReadDeadline(time.Time{})
	if errors.Is(err, os.ErrDeadlineExceeded) && ctx.Err() != nil {
		return n, fmt.Errorf("read interrupted: %w (%w)", ctx.Err(), err)
	}
	return n, err
}
