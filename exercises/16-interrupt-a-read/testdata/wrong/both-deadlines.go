// Wrong: the interrupt sets both deadlines with SetDeadline, and only the read deadline is unset afterwards, so the connection's writes fail from then on.

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
// ctx ends.
func ReadContext(ctx context.Context, conn net.Conn, p []byte) (int, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	interrupted := make(chan struct{})
	stop := context.AfterFunc(ctx, func() {
		defer close(interrupted)
		conn.SetDeadline(time.Now())
	})
	n, err := conn.Read(p)
	if !stop() {
		<-interrupted
	}
	conn.SetReadDeadline(time.Time{})
	if errors.Is(err, os.ErrDeadlineExceeded) && ctx.Err() != nil {
		return n, fmt.Errorf("read interrupted: %w (%w)", ctx.Err(), err)
	}
	return n, err
}
