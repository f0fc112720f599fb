package childcause

import (
	"errors"
	"testing"
)

const hint = "\nHint: go run ./lessons hint 9"

var errLoggedOut = errors.New("user logged out")

func TestChildReportsTheParentsCause(t *testing.T) {
	root := &Token{}
	child := root.Child()
	grandchild := child.Child()
	root.CancelWithCause(errLoggedOut)
	for name, tok := range map[string]*Token{"child": child, "grandchild": grandchild} {
		if tok.Cause() != errLoggedOut {
			t.Errorf("root cancelled with %q: the %s's Cause() = %v; want %q"+hint, errLoggedOut, name, tok.Cause(), errLoggedOut)
		}
	}
}

func TestChildOfACancelledTokenStartsCancelled(t *testing.T) {
	root := &Token{}
	root.CancelWithCause(errLoggedOut)
	child := root.Child()
	if child.Cause() != errLoggedOut {
		t.Fatalf("a child made after its parent was cancelled has Cause() = %v; want %q (it starts cancelled)"+hint, child.Cause(), errLoggedOut)
	}
}

func TestCancellingAChildLeavesTheParent(t *testing.T) {
	root := &Token{}
	child := root.Child()
	child.Cancel()
	if root.Cause() != nil {
		t.Fatalf("cancelling a child cancelled its parent (Cause %v); want the parent untouched"+hint, root.Cause())
	}
}
