// Wrong: cancelChildren writes each child's cause field itself instead of calling CancelWithCause, so grandchildren are never cancelled and a child's own earlier cause is overwritten.

package childcause

// Child returns a token that is cancelled when t is.
func (t *Token) Child() *Token {
	child := &Token{}
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.cause != nil {
		child.cause = t.cause
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
		child.mu.Lock()
		child.cause = cause
		child.mu.Unlock()
	}
}
