// Wrong: the read deadline is unset before the Read instead of after it, so after an interrupt it stays in the past, and the connection's next Read fails at once.

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
	conn.SetReadDeadline(time.Time{}) // clear what an earlier interrupt left
	interrupted := make(chan struct{})
	stop := context.AfterFunc(ctx, func() {
		defer close(interrupted)
		conn.SetReadDeadline(time.Now())
	})
	n, err := conn.Read(p)
	if !stop() {
		<-interrupted
	}
	if errors.Is(err, os.ErrDeadlineExceeded) && ctx.Err() != nil {
		return n, fmt.Errorf("read interrupted: %w (%w)", ctx.Err(), err)
	}
	return n, err
}
