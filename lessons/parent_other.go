//go:build !unix

package main

import (
	"context"
	"time"
)

// watchParent watches nothing here: on Windows a process whose parent dies
// is not handed to another, and os.Getppid goes on returning the dead
// parent's pid, so the unix check cannot work; there is no other as cheap.
// Killing the go command of "go run" leaves lessons running: stop it with
// Ctrl-C in its console, or with taskkill.
func watchParent(ctx context.Context, every time.Duration) (context.Context, context.CancelFunc) {
	return context.WithCancel(ctx)
}
