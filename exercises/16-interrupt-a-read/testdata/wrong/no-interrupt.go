// Wrong: ctx is checked before the Read, and then conn.Read waits for data alone: nothing wakes it when ctx ends.

package interrupt

import (
	"context"
	"net"
)

// ReadContext reads from conn into p, as conn.Read does, but gives up when
// ctx ends.
func ReadContext(ctx context.Context, conn net.Conn, p []byte) (int, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	return conn.Read(p)
}
