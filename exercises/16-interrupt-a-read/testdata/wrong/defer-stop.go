// Wrong: stop is deferred and its answer ignored, so when the interrupt has already begun the deferred reset does not wait for it, and the interrupt may set its deadline after the reset.

package interrupt

import (
	"context"
	"net"
	"time"
)

// ReadContext reads from conn into p, as conn.Read does, but gives up when
// ctx ends.
func ReadContext(ctx context.Context, conn net.Conn, p []byte) (int, error) {
	defer conn.SetReadDeadline(time.Time{})
	stop := context.AfterFunc(ctx, func() { conn.SetReadDeadline(time.Now()) })
	defer stop()
	n, err := conn.Read(p)
	if err != nil && ctx.Err() != nil {
		return n, ctx.Err()
	}
	return n, err
}
