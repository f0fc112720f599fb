//go:build unix

package scenario

import (
	"os"
	"syscall"
)

// selfStopNote says how a live graceful-shutdown run stops itself.
const selfStopNote = "this run sends itself SIGTERM after 45ms"

// selfStop stops a live graceful-shutdown run the way an operator would:
// it sends this process a real SIGTERM. cancel is not needed here.
func selfStop(cancel func()) error {
	return syscall.Kill(os.Getpid(), syscall.SIGTERM)
}
