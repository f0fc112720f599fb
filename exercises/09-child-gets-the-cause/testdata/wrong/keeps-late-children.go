// Wrong: Child registers the new child before looking at the parent's cause, so a cancelled token keeps every child made after its cancel.

package childcause

// Child returns a token that is cancelled when t is.
func (t *Token) Child() *Token {
	child := &Token{}
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.children == nil {
		t.children = map[*Token]struct{}{}
	}
	t.children[child] = struct{}{}
	if t.cause != nil {
		child.CancelWithCause(t.cause)
	}
	return child
}

func cancelChildren(children map[*Token]struct{}, cause error) {
	for child := range children {
		child.CancelWithCause(cause)
	}
}
