// Wrong: cancelChildren reads each child's cause without the child's lock, to skip children cancelled already, so a child cancelled at the same moment as its parent is read and written at once: a data race.

package childcause

// Child returns a token that is cancelled when t is, with t's cause; a
// child of a cancelled token starts cancelled.
func (t *Token) Child() *Token {
	child := &Token{}
	t.mu.Lock()
	if t.cause != nil {
		cause := t.cause
		t.mu.Unlock()
		child.CancelWithCause(cause)
		return child
	}
	if t.children == nil {
		t.children = map[*Token]struct{}{}
	}
	t.children[child] = struct{}{}
	t.mu.Unlock()
	return child
}

func cancelChildren(children map[*Token]struct{}, cause error) {
	for child := range children {
		if child.cause != nil {
			continue // cancelled already: it keeps its own cause
		}
		child.CancelWithCause(cause)
	}
}
