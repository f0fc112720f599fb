// Wrong: a child made from an already cancelled token is cancelled with Cancel(), so it reports ErrCancelled instead of the parent's cause.

package childcause

// Child returns a token that is cancelled when t is.
func (t *Token) Child() *Token {
	child := &Token{}
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.cause != nil {
		child.Cancel()
		return child
	}
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
