// Wrong: the interrupt is stopped, but when stop says it has already begun, the deadline is reset without waiting for it, and the interrupt can set its deadline after the reset.

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
	stop := context.AfterFunc(ctx, func() { conn.SetReadDeadline(time.Now()) })
	n, err := conn.Read(p)
	stop()
	conn.SetReadDeadline(time.Time{})
	if errors.Is(err, os.ErrDeadlineExceeded) && ctx.Err() != nil {
		return n, fmt.Errorf("read interrupted: %w (%w)", ctx.Err(), err)
	}
	return n, err
}
