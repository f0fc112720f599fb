// Wrong: Child reads t.cause before taking t.mu, a data race with a CancelWithCause in another goroutine.

package childcause

// Child returns a token that is cancelled when t is.
func (t *Token) Child() *Token {
	child := &Token{}
	if cause := t.cause; cause != nil {
		child.CancelWithCause(cause)
		return child
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.children == nil {
		t.children = map[*Token]struct{}{}
	}
	t.children[child] = struct{}{}
	return child
}

func cancelChildren(children map[*Token]struct{}, cause error) {
	for child := range children {
		child.CancelWithCause(cause)
	}
}
