package childcause

import (
	"errors"
	"sync"
	"testing"
	"testing/synctest"
	"time"
)

const hint = "\nHint: go run ./lessons hint child-gets-the-cause"

var (
	errLoggedOut = errors.New("user logged out")
	errShutdown  = errors.New("shutting down")
)

// childCount returns how many children t keeps.
func childCount(t *Token) int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return len(t.children)
}

func TestChildReportsTheParentsCause(t *testing.T) {
	root := &Token{}
	child := root.Child()
	sibling := root.Child()
	grandchild := child.Child()
	greatGrandchild := grandchild.Child()
	root.CancelWithCause(errLoggedOut)
	for _, tok := range []struct {
		name string
		tok  *Token
	}{{"child", child}, {"second child", sibling}, {"grandchild", grandchild}, {"great-grandchild", greatGrandchild}} {
		if got := tok.tok.Cause(); got != errLoggedOut {
			t.Errorf("root cancelled with %q: the %s's Cause() = %v; want %q, the root's cause, by the time CancelWithCause returns"+hint, errLoggedOut, tok.name, got, errLoggedOut)
		}
	}
}

func TestAChildKeepsItsOwnFirstCause(t *testing.T) {
	root := &Token{}
	child := root.Child()
	grandchild := child.Child()
	child.CancelWithCause(errShutdown)
	root.CancelWithCause(errLoggedOut)
	if got := child.Cause(); got != errShutdown {
		t.Errorf("a child cancelled with %q before its parent was cancelled with %q has Cause() = %v; want %q: the first cause wins"+hint, errShutdown, errLoggedOut, got, errShutdown)
	}
	if got := grandchild.Cause(); got != errShutdown {
		t.Errorf("the grandchild under a child cancelled with %q has Cause() = %v; want %q, its own parent's cause"+hint, errShutdown, got, errShutdown)
	}
}

func TestChildOfACancelledTokenStartsCancelled(t *testing.T) {
	root := &Token{}
	root.CancelWithCause(errLoggedOut)
	child := root.Child()
	if child == root {
		t.Fatal("Child of a cancelled token returned the token itself; want a new Token, cancelled with the parent's cause" + hint)
	}
	if got := child.Cause(); got != errLoggedOut {
		t.Fatalf("a child made after its parent was cancelled with %q has Cause() = %v; want %q (it starts cancelled, with the parent's cause)"+hint, errLoggedOut, got, errLoggedOut)
	}
	if got := child.Child().Cause(); got != errLoggedOut {
		t.Fatalf("a grandchild made after the root was cancelled with %q has Cause() = %v; want %q"+hint, errLoggedOut, got, errLoggedOut)
	}
	if n := childCount(root); n != 0 {
		t.Fatalf("a cancelled token kept %d child(ren) made after its cancel; want none: nothing will ever cancel them through it, so keeping them only holds on to memory"+hint, n)
	}
	child.CancelWithCause(errShutdown)
	if got := child.Cause(); got != errLoggedOut {
		t.Fatalf("a child that started cancelled with %q was cancelled again with %q and now has Cause() = %v; want %q: the first cause wins"+hint, errLoggedOut, errShutdown, got, errLoggedOut)
	}
}

func TestCancellingAChildLeavesTheParent(t *testing.T) {
	root := &Token{}
	child := root.Child()
	sibling := root.Child()
	child.Cancel()
	if root.Cause() != nil || sibling.Cause() != nil {
		t.Fatalf("cancelling a child cancelled its parent (Cause %v) or its sibling (Cause %v); want both untouched"+hint, root.Cause(), sibling.Cause())
	}
	if child.Cause() != ErrCancelled {
		t.Fatalf("after Cancel, the child's Cause() = %v; want ErrCancelled"+hint, child.Cause())
	}
	if child.Child() == child {
		t.Fatal("Child returned the token itself; want a new Token" + hint)
	}
}

// TestChildAndCancelInTwoGoroutines makes children in one goroutine and
// cancels their parent in another. Under the race detector, a Child that
// looks at the parent's cause without holding the parent's lock fails it
// with a DATA RACE report.
func TestChildAndCancelInTwoGoroutines(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		root := &Token{}
		var before, after *Token
		var wg sync.WaitGroup
		wg.Go(func() {
			time.Sleep(5 * time.Millisecond)
			before = root.Child()
			time.Sleep(10 * time.Millisecond)
			after = root.Child() // at 15ms, after the cancel
		})
		wg.Go(func() {
			time.Sleep(10 * time.Millisecond)
			root.CancelWithCause(errLoggedOut)
		})
		wg.Wait()
		if got := before.Cause(); got != errLoggedOut {
			t.Errorf("a child made at 5ms, its parent cancelled with %q at 10ms by another goroutine: Cause() = %v; want %q"+hint, errLoggedOut, got, errLoggedOut)
		}
		if got := after.Cause(); got != errLoggedOut {
			t.Errorf("a child made at 15ms, its parent cancelled with %q at 10ms by another goroutine: Cause() = %v; want %q"+hint, errLoggedOut, got, errLoggedOut)
		}
	})
}

// TestChildrenMadeDuringTheCancel makes children from several goroutines
// while another cancels their parent: each child is either in the set the
// cancel walks or sees the parent cancelled, so all end with its cause.
func TestChildrenMadeDuringTheCancel(t *testing.T) {
	for range 20 {
		root := &Token{}
		children := make([][]*Token, 4)
		var wg sync.WaitGroup
		for i := range children {
			wg.Go(func() {
				for range 50 {
					children[i] = append(children[i], root.Child())
				}
			})
		}
		wg.Go(func() { root.CancelWithCause(errLoggedOut) })
		wg.Wait()
		for _, cs := range children {
			for _, c := range cs {
				if got := c.Cause(); got != errLoggedOut {
					t.Fatalf("a child made while another goroutine cancelled its parent with %q has Cause() = %v; want %q: every child ends up cancelled with the parent's cause"+hint, errLoggedOut, got, errLoggedOut)
				}
			}
		}
	}
}
