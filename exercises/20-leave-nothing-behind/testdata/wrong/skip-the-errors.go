// Wrong: an error is not taken for an answer: First waits for the first success, so a replica that fails fast does not end the wait.

package first

import "context"

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
	var last answer
	for range replicas {
		select {
		case a := <-answers:
			if a.err == nil {
				return a.s, nil
			}
			last = a // perhaps another replica will succeed
		case <-ctx.Done():
			return "", ctx.Err()
		}
	}
	return last.s, last.err
}
