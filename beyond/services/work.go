package services

import (
	"context"
	"fmt"
	"time"
)

// Work stands for a service's own work: it takes d, or stops early, with
// ctx's error, when ctx is done.
func Work(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Left says how long ctx has before its deadline, as "deadline in 80ms",
// or "no deadline".
func Left(ctx context.Context) string {
	dl, ok := ctx.Deadline()
	if !ok {
		return "no deadline"
	}
	return fmt.Sprintf("deadline in %v", time.Until(dl).Round(time.Millisecond))
}
