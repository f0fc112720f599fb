//go:build !unix

package main

import "errors"

// sendSignal cannot send SIGTERM or SIGINT to another process on this
// system; the scripts that need it skip here.
func sendSignal(pid int, name string) error {
	return errors.New("signal: sending " + name + " to another process is not supported on this system")
}
