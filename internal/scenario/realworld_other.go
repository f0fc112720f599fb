//go:build !unix

package scenario

import (
	"context"
	"log/slog"
)

// The process and signal stories need unix: SIGTERM that a process can
// catch, process groups, signals a process sends itself. Here each says
// so and ends.

// ChildProcessLive says that it needs unix: elsewhere Command kills a
// child at once, as there is no signal that asks it to stop.
func ChildProcessLive(ctx context.Context, log *slog.Logger) error {
	log.Info("child processes stopped by SIGTERM: unix only; here Command kills the child at once")
	return ctx.Err()
}

// ProcessGroupLive says that it needs unix: process groups are a unix idea.
func ProcessGroupLive(ctx context.Context, log *slog.Logger) error {
	log.Info("process groups: unix only; here GroupCommand is Command, and grandchildren run on")
	return ctx.Err()
}

// SignalsLive says that it needs unix: a process cannot send itself a
// signal here.
func SignalsLive(ctx context.Context, log *slog.Logger) error {
	log.Info("signals sent to oneself: unix only")
	return ctx.Err()
}
