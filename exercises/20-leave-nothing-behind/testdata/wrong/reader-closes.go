// Wrong: First closes the channel of answers once it has read the first: the channel is the senders', and the next one to send panics.
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
	defer close(answers) // no more answers wanted
	select {
	case a := <-answers:
		return a.s, a.err
	case <-ctx.Done():
		return "", ctx.Err()
	}
}
