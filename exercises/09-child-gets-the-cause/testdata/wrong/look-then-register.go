// Wrong: Child looks at the parent's cause under its lock, lets go of the lock, and takes it again to register the child, so a cancel that comes in between walks the children without it, and the child is never cancelled.

package childcause

// Child returns a token that is cancelled when t is, with t's cause; a
// child of a cancelled token starts cancelled.
func (t *Token) Child() *Token {
	child := &Token{}
	if cause := t.Cause(); cause != nil {
		child.CancelWithCause(cause)
		return child
	}
	t.mu.Lock()
	if t.children == nil {
		t.children = map[*Token]struct{}{}
	}
	t.children[child] = struct{}{}
	t.mu.Unlock()
	return child
}

func cancelChildren(children map[*Token]struct{}, cause error) {
	for child := range children {
		child.CancelWithCause(cause)
	}
}
