// Wrong: a replica that finds the context not yet cancelled takes itself for the first and closes the channel that tells First, but two replicas that answer at the same instant both find it live: the second close panics.

package first

import (
	"context"
	"errors"
)

var errNoReplicas = errors.New("first: no replicas to ask")

// A Replica answers a query, or gives up when ctx is done and returns
// ctx's error. Some replicas do not look at ctx at all.
type Replica func(ctx context.Context) (string, error)

// First asks every replica at once and returns the first answer, or ctx's
// error if ctx is done first. When it returns, the other replicas' context
// is cancelled, and no goroutine it started waits on: each has room to
// leave its answer.
func First(ctx context.Context, replicas ...Replica) (string, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel() // nobody wants the other answers: the replicas may stop
	if len(replicas) == 0 {
		return "", errNoReplicas
	}
	var (
		firstS   string
		firstErr error
	)
	answered := make(chan struct{})
	for _, r := range replicas {
		go func() {
			s, err := r(ctx)
			if ctx.Err() != nil {
				return // First has its answer already: nobody wants this one
			}
			firstS, firstErr = s, err
			close(answered) // the first answer: First takes it
		}()
	}
	select {
	case <-answered:
		return firstS, firstErr
	case <-ctx.Done():
		return "", ctx.Err()
	}
}
