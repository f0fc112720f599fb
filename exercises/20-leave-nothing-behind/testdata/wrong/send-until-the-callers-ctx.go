// Wrong: each late answer waits to be handed over until the caller's ctx is done, and that ctx may never be: First cancels nothing of its own.
//go:build !solution

package first

import "context"

// A Replica answers a query, or gives up when ctx is done and returns
// ctx's error. Some replicas do not look at ctx at all.
type Replica func(ctx context.Context) (string, error)

// First asks every replica at once and returns the first answer.
func First(ctx context.Context, replicas ...Replica) (string, error) {
	type answer struct {
		s   string
		err error
	}
	answers := make(chan answer)
	for _, r := range replicas {
		go func() {
			s, err := r(ctx)
			select {
			case answers <- answer{s, err}:
			case <-ctx.Done():
			}
		}()
	}
	select {
	case a := <-answers:
		return a.s, a.err
	case <-ctx.Done():
		return "", ctx.Err()
	}
}
