//go:build !windows

package site

import "syscall"

// addrInUse is the error for an address in use.
const addrInUse = syscall.EADDRINUSE
