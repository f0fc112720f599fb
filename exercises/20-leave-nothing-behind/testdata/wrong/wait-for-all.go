// Wrong: nothing leaks, because First waits for every replica before it returns: the first answer comes only when the slowest one is done.
//go:build !solution

package first

import (
	"context"
	"sync"
)

// A Replica answers a query, or gives up when ctx is done and returns
// ctx's error. Some replicas do not look at ctx at all.
type Replica func(ctx context.Context) (string, error)

// First asks every replica at once and returns the first answer.
func First(ctx context.Context, replicas ...Replica) (string, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	type answer struct {
		s   string
		err error
	}
	answers := make(chan answer, len(replicas))
	var wg sync.WaitGroup
	for _, r := range replicas {
		wg.Go(func() {
			s, err := r(ctx)
			answers <- answer{s, err}
		})
	}
	wg.Wait()
	a := <-answers
	return a.s, a.err
}
