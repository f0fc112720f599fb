package childcause

import (
	"errors"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"
	"unsafe"
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

// TestACancelBetweenLookAndRegister puts a cancel at the one instant where
// a Child that looks at the parent's cause and registers the child in two
// steps, letting go of the lock in between, goes wrong: just after the
// look. It uses how sync.Mutex hands itself over to a goroutine that has
// waited more than a millisecond for it ("starvation mode"): each Unlock
// then passes the lock to the next in line, at once. The test holds the
// lock while Child, then the cancel, line up for it; when it lets go,
// Child gets it, and as soon as Child lets go, the cancel gets it, even if
// Child wants it again.
func TestACancelBetweenLookAndRegister(t *testing.T) {
	driven := 0 // rounds in which the lock went from Child to the cancel
	for round := 0; driven < 10 && round < 1000; round++ {
		root := &Token{}
		root.mu.Lock()
		made := make(chan *Token, 1)
		go func() { made <- root.Child() }()
		for mutexState(&root.mu)>>mutexWaiterShift < 1 { // Child waits for the lock
			if len(made) > 0 {
				root.mu.Unlock()
				t.Fatalf("Child returned while another goroutine held the parent's lock; want it to look at the parent's cause and children only while holding that lock" + hint)
			}
			runtime.Gosched()
		}
		cancelled := make(chan struct{})
		go func() {
			defer close(cancelled)
			root.CancelWithCause(errLoggedOut)
		}()
		lockWaiters(&root.mu, 2)
		if starve(&root.mu) {
			driven++
		}
		root.mu.Unlock() // to Child, and from Child to the cancel
		child := <-made
		<-cancelled
		if got := child.Cause(); got != errLoggedOut {
			t.Fatalf("round %d: Child called, then its parent cancelled with %q by another goroutine the moment Child first let go of the parent's lock: the child's Cause() = %v; want %q: look at the parent's cause and register the child in one hold of the lock, so that the cancel either finds the child among the children or comes before the look"+hint,
				round, errLoggedOut, got, errLoggedOut)
		}
	}
	if driven < 10 {
		t.Fatalf("the test could put the cancel where it wanted in %d rounds only, of 1000; want 10 (the sync.Mutex of this Go no longer works as the test expects)", driven)
	}
}

// The bits of a sync.Mutex's state (internal/sync's mutexLocked,
// mutexStarving and mutexWaiterShift): its first field, an int32.
const (
	mutexWoken       = 2
	mutexStarving    = 4
	mutexWaiterShift = 3
)

func mutexState(mu *sync.Mutex) int32 { return atomic.LoadInt32((*int32)(unsafe.Pointer(mu))) }

// lockWaiters waits until n goroutines wait in line for mu.
func lockWaiters(mu *sync.Mutex, n int32) {
	for mutexState(mu)>>mutexWaiterShift < n {
		runtime.Gosched()
	}
}

// starve puts mu, which the caller holds and two others wait for, in
// starvation mode: it lets them wait over a millisecond, then lets go and
// takes mu back at once, so that the first in line wakes, finds mu taken
// after waiting that long, and marks it starving. It reports false if
// that one took mu first instead (it may, on another CPU): then the
// caller holds mu again, and the others may have had their turn.
func starve(mu *sync.Mutex) bool {
	start := time.Now()
	for time.Since(start) < 2*time.Millisecond {
		runtime.Gosched()
	}
	for range 100 {
		mu.Unlock()
		mu.Lock()
		for range 10000 {
			state := mutexState(mu)
			if state&mutexWoken != 0 {
				runtime.Gosched() // the one woken has not had its turn yet
				continue
			}
			switch {
			case state>>mutexWaiterShift < 2:
				return false
			case state&mutexStarving != 0:
				return true
			}
			break // nobody was woken: once more
		}
	}
	return false
}

var errChildOwn = errors.New("the child's own reason")

// TestParentAndChildCancelledAtOnce cancels a child and its parent at the
// same instant, from two goroutines, 20 times. The child keeps whichever
// cause came first. Under the race detector, a cancel that looks at a
// child's cause without holding the child's lock fails it with a DATA
// RACE report.
func TestParentAndChildCancelledAtOnce(t *testing.T) {
	for range 20 {
		synctest.Test(t, func(t *testing.T) {
			root := &Token{}
			child := root.Child()
			var wg sync.WaitGroup
			wg.Go(func() {
				time.Sleep(10 * time.Millisecond)
				child.CancelWithCause(errChildOwn)
			})
			wg.Go(func() {
				time.Sleep(10 * time.Millisecond)
				root.CancelWithCause(errLoggedOut)
			})
			wg.Wait()
			if got := child.Cause(); got != errChildOwn && got != errLoggedOut {
				t.Fatalf("a child cancelled with %q and its parent with %q, at the same instant: the child's Cause() = %v; want one of the two, whichever came first"+hint, errChildOwn, errLoggedOut, got)
			}
			if got := root.Cause(); got != errLoggedOut {
				t.Fatalf("a parent cancelled with %q: Cause() = %v; want %q"+hint, errLoggedOut, got, errLoggedOut)
			}
		})
	}
}
