//go:build unix

package main

import (
	"fmt"
	"syscall"
)

// sendSignal sends process pid the signal named TERM or INT.
func sendSignal(pid int, name string) error {
	sig, ok := map[string]syscall.Signal{"TERM": syscall.SIGTERM, "INT": syscall.SIGINT}[name]
	if !ok {
		return fmt.Errorf("signal: unknown signal %q", name)
	}
	return syscall.Kill(pid, sig)
}
