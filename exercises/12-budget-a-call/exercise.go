//go:build !solution

package budget

import (
	"context"
	"time"
)

// FetchWithin runs fetch with at most d to do its work.
func FetchWithin(ctx context.Context, d time.Duration, fetch func(context.Context) error) error {
	return fetch(ctx) // TODO: no budget at all
}
