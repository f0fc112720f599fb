//go:build !unix

package scenario

// selfStopNote says how a live graceful-shutdown run stops itself.
const selfStopNote = "this run stops itself after 45ms (a process cannot send itself SIGTERM here: the stop context is cancelled directly)"

// selfStop stops a live graceful-shutdown run. Windows has no SIGTERM that
// a process can send itself, so it cancels the stop context directly:
// the pool sees the same stop, without the signal.
func selfStop(cancel func()) error {
	cancel()
	return nil
}
