package std

import "testing"

// TestCancelledChildIsDetached looks inside: after a child cancels itself,
// its parent no longer holds it, and after the parent cancels, it holds
// nothing at all.
func TestCancelledChildIsDetached(t *testing.T) {
	parent := NewToken()
	a, b := parent.Child(), parent.Child()
	stop := parent.OnCancel(func() {})
	a.Cancel()
	if _, held := parent.children[a]; held || len(parent.children) != 1 {
		t.Errorf("after a.Cancel, parent holds %d children (a held: %v), want only b", len(parent.children), held)
	}
	if a.parent != nil {
		t.Error("a cancelled child still points at its parent")
	}
	stop()
	if len(parent.callbacks) != 0 {
		t.Errorf("a stopped callback is still registered")
	}
	parent.Cancel()
	if parent.children != nil || !b.IsCancelled() || b.parent != nil {
		t.Error("a cancelled parent still holds its children")
	}
}
