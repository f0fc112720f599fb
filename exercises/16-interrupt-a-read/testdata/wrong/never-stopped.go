// Wrong: the interrupt is never stopped, so when ctx ends after the Read has returned, it sets a deadline that interrupts the connection's next Read.

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
	context.AfterFunc(ctx, func() { conn.SetReadDeadline(time.Now()) })
	n, err := conn.Read(p)
	conn.SetReadDeadline(time.Time{})
	if errors.Is(err, os.ErrDeadlineExceeded) && ctx.Err() != nil {
		return n, fmt.Errorf("read interrupted: %w (%w)", ctx.Err(), err)
	}
	return n, err
}
