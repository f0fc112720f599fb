// Wrong: the replicas are told to stop, but their answers still go to a channel with no room: a replica that ignores its context answers anyway, and waits forever to hand it over.
//go:build !solution

package first

import "context"

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
	answers := make(chan answer)
	for _, r := range replicas {
		go func() {
			s, err := r(ctx)
			answers <- answer{s, err}
		}()
	}
	select {
	case a := <-answers:
		return a.s, a.err
	case <-ctx.Done():
		return "", ctx.Err()
	}
}
