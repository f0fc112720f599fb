// Wrong: Child of a cancelled token returns the token itself instead of a new child, on the grounds that it is already cancelled with the right cause.

package childcause

// Child returns a token that is cancelled when t is.
func (t *Token) Child() *Token {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.cause != nil {
		return t
	}
	child := &Token{}
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
