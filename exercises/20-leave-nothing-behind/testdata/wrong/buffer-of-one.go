// Wrong: a buffer of one answer, with the cancel and the select: the first late replica leaves its answer, the next waits forever to leave its own.
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
	answers := make(chan answer, 1)
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
