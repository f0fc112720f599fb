// Wrong: the end of ctx closes the connection, which wakes the Read, but ends the connection for good.

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
	stop := context.AfterFunc(ctx, func() { conn.Close() })
	n, err := conn.Read(p)
	if !stop() {
		return n, ctx.Err()
	}
	return n, err
}
