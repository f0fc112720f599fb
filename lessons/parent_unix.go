//go:build unix

package main

import (
	"context"
	"os"
	"time"
)

// watchParent returns a context that ends, with cause errParentGone, when
// this process's parent changes: the process that started it has died,
// and it was handed to init (or to a subreaper).
//
// That is what happens to a command started by "go run" when the go
// command is killed: kill -9 cannot be caught, and on a SIGTERM the go
// command dies too without passing it on, so the child, left running, would
// go on writing to the terminal (and, for "run -wait-signal", wait for a
// signal forever). The check is a poll of os.Getppid every interval: unix
// has no notice of a parent's death that works on every system (Linux's
// PR_SET_PDEATHSIG is Linux only, and tied to the parent's thread).
func watchParent(ctx context.Context, every time.Duration) (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithCancelCause(ctx)
	parent := os.Getppid()
	go func() {
		tick := time.NewTicker(every)
		defer tick.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-tick.C:
				if os.Getppid() != parent {
					cancel(errParentGone)
					return
				}
			}
		}
	}()
	return ctx, func() { cancel(nil) }
}
