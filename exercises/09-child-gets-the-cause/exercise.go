//go:build !solution

package childcause

// Child returns a token that is cancelled when t is.
func (t *Token) Child() *Token {
	child := &Token{}
	t.mu.Lock()
	defer t.mu.Unlock()
	// TODO: if t is already cancelled, the child must start cancelled too.
	if t.children == nil {
		t.children = map[*Token]struct{}{}
	}
	t.children[child] = struct{}{}
	return child
}

func cancelChildren(children map[*Token]struct{}, cause error) {
	for child := range children {
		child.CancelWithCause(ErrCancelled) // TODO: whose cause?
	}
}
