package site

import "syscall"

// addrInUse is the error Windows gives for an address in use:
// WSAEADDRINUSE, which syscall.EADDRINUSE is not there.
const addrInUse = syscall.Errno(10048)
