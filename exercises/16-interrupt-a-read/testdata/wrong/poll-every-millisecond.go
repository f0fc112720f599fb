// Wrong: the Read is polled with deadlines a millisecond ahead, which sees the end of ctx in time here, but wakes a thousand times a second to do it.

package interrupt

import (
	"context"
	"errors"
	"net"
	"os"
	"time"
)

// ReadContext reads from conn into p, as conn.Read does, but gives up when
// ctx ends.
func ReadContext(ctx context.Context, conn net.Conn, p []byte) (int, error) {
	defer conn.SetReadDeadline(time.Time{})
	for {
		if err := ctx.Err(); err != nil {
			return 0, err
		}
		conn.SetReadDeadline(time.Now().Add(time.Millisecond))
		n, err := conn.Read(p)
		if errors.Is(err, os.ErrDeadlineExceeded) {
			continue // no data yet: look at ctx again
		}
		return n, err
	}
}
