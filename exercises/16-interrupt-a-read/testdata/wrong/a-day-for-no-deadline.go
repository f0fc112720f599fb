// Wrong: after the Read, the read deadline is moved a day ahead instead of unset with time.Time{}, so a connection that waits longer than a day for its next data has that Read fail with a timeout.

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
	if !stop() {
		<-interrupted // the interrupt has begun: let it finish first
	}
	conn.SetReadDeadline(time.Now().Add(24 * time.Hour)) // a day: as good as no deadline
	if errors.Is(err, os.ErrDeadlineExceeded) && ctx.Err() != nil {
		return n, fmt.Errorf("read interrupted: %w (%w)", ctx.Err(), err)
	}
	return n, err
}
