// Wrong: when the caller's ctx is done first, First returns context.Cause(ctx) instead of ctx.Err(), so a caller whose ctx ran out with a cause of its own (context.WithTimeoutCause) cannot find context.DeadlineExceeded in the error.

package first

import (
	"context"
	"errors"
)

// A Replica answers a query, or gives up when ctx is done and returns
// ctx's error. Some replicas do not look at ctx at all.
type Replica func(ctx context.Context) (string, error)

// First asks every replica at once and returns the first answer, or ctx's
// error if ctx is done first. When it returns, the other replicas' context
// is cancelled, and no goroutine it started waits on: each has room to
// leave its answer.
func First(ctx context.Context, replicas ...Replica) (string, error) {
	if len(replicas) == 0 {
		return "", errors.New("first: no replica to ask")
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel() // nobody wants the other answers: the replicas may stop
	type answer struct {
		s   string
		err error
	}
	answers := make(chan answer, len(replicas)) // room for every answer
	for _, r := range replicas {
		go func() {
			s, err := r(ctx)
			answers <- answer{s, err} // never waits: there is room
		}()
	}
	select {
	case a := <-answers:
		return a.s, a.err
	case <-ctx.Done():
		return "", context.Cause(ctx)
	}
}
