package std_test

import (
	"errors"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"example.com/cancellation/std"
)

var errLoggedOut = errors.New("user logged out")

func TestFlag(t *testing.T) {
	var f std.Flag
	if f.IsCancelled() {
		t.Fatal("zero Flag is cancelled")
	}
	f.Cancel()
	f.Cancel()
	if !f.IsCancelled() {
		t.Fatal("Flag not cancelled after Cancel")
	}
}

func isClosed(c <-chan struct{}) bool {
	select {
	case <-c:
		return true
	default:
		return false
	}
}

func TestDoneWakesWaitersAtTheCancel(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tok := std.NewToken()
		start := time.Now()
		var woke [100]time.Duration
		var wg sync.WaitGroup
		for i := range woke {
			wg.Go(func() {
				<-tok.Done()
				woke[i] = time.Since(start)
			})
		}
		time.Sleep(35 * time.Millisecond)
		tok.Cancel()
		wg.Wait()
		for i, d := range woke {
			if d != 35*time.Millisecond {
				t.Fatalf("waiter %d woke at %v, want 35ms (the instant of the cancel)", i, d)
			}
		}
	})
}

func TestDone(t *testing.T) {
	var zero std.Token
	first, second := zero.Done(), zero.Done()
	if first != second {
		t.Error("Done returned two different channels")
	}
	if isClosed(zero.Done()) {
		t.Error("Done of an uncancelled token is closed")
	}
	zero.Cancel()
	if !isClosed(zero.Done()) {
		t.Error("Done not closed after Cancel")
	}
	early := std.NewToken()
	early.Cancel() // before anyone asked for Done
	if !isClosed(early.Done()) {
		t.Error("Done of a token cancelled before Done was called is not closed")
	}
}

func TestChildren(t *testing.T) {
	tests := []struct {
		name       string
		run        func(root, a, b, aa *std.Token)
		wantCancel [4]bool // root, a, b, aa
	}{
		{"cancel the root: the whole tree", func(root, a, b, aa *std.Token) { root.Cancel() }, [4]bool{true, true, true, true}},
		{"cancel the middle: it and below", func(root, a, b, aa *std.Token) { a.Cancel() }, [4]bool{false, true, false, true}},
		{"cancel a leaf: only the leaf", func(root, a, b, aa *std.Token) { aa.Cancel() }, [4]bool{false, false, false, true}},
		{"cancel a sibling: the other lives", func(root, a, b, aa *std.Token) { b.Cancel() }, [4]bool{false, false, true, false}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := std.NewToken()
			a, b := root.Child(), root.Child()
			aa := a.Child()
			tt.run(root, a, b, aa)
			for i, tok := range []*std.Token{root, a, b, aa} {
				name := []string{"root", "a", "b", "a's child"}[i]
				if tok.IsCancelled() != tt.wantCancel[i] {
					t.Errorf("%s: IsCancelled() = %v, want %v", name, tok.IsCancelled(), tt.wantCancel[i])
				}
				if isClosed(tok.Done()) != tt.wantCancel[i] {
					t.Errorf("%s: Done closed = %v, want %v", name, isClosed(tok.Done()), tt.wantCancel[i])
				}
			}
		})
	}
}

func TestChildOfCancelledTokenStartsCancelled(t *testing.T) {
	parent := std.NewToken()
	parent.CancelWithCause(errLoggedOut)
	child := parent.Child()
	if !child.IsCancelled() || !isClosed(child.Done()) {
		t.Fatal("child of a cancelled token is not cancelled")
	}
	if !errors.Is(child.Cause(), errLoggedOut) {
		t.Errorf("child's Cause() = %v, want the parent's %v", child.Cause(), errLoggedOut)
	}
	if !child.Child().IsCancelled() {
		t.Error("grandchild of a cancelled token is not cancelled")
	}
}

func TestCause(t *testing.T) {
	errOther := errors.New("other")
	tests := []struct {
		name string
		run  func(tok *std.Token)
		want error
	}{
		{"not cancelled: nil", func(*std.Token) {}, nil},
		{"Cancel records ErrCancelled", func(tok *std.Token) { tok.Cancel() }, std.ErrCancelled},
		{"a nil cause is ErrCancelled", func(tok *std.Token) { tok.CancelWithCause(nil) }, std.ErrCancelled},
		{"the cause given", func(tok *std.Token) { tok.CancelWithCause(errLoggedOut) }, errLoggedOut},
		{"the first cause wins", func(tok *std.Token) {
			tok.CancelWithCause(errLoggedOut)
			tok.CancelWithCause(errOther)
			tok.Cancel()
		}, errLoggedOut},
		{"Cancel first, then a cause: Cancel wins", func(tok *std.Token) {
			tok.Cancel()
			tok.CancelWithCause(errLoggedOut)
		}, std.ErrCancelled},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tok := std.NewToken()
			tt.run(tok)
			if got := tok.Cause(); got != tt.want {
				t.Errorf("Cause() = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestChildCancelledThroughParentReportsParentsCause(t *testing.T) {
	root := std.NewToken()
	mid := root.Child()
	leaf := mid.Child()
	root.CancelWithCause(errLoggedOut)
	for name, tok := range map[string]*std.Token{"child": mid, "grandchild": leaf} {
		if tok.Cause() != errLoggedOut {
			t.Errorf("%s: Cause() = %v, want %v", name, tok.Cause(), errLoggedOut)
		}
	}
}

// TestChildrenMadeDuringCancel makes children from many goroutines while the
// parent is being cancelled: every child must end up cancelled, whichever
// side of the cancel it was made on. The cancel comes once 400 children are
// made, and the goroutines go on until they see it, so the parent's lock is
// contended at the cancel: a Child that checks the flag before it takes the
// lock is caught waiting for the lock with a stale answer on nearly every
// round.
func TestChildrenMadeDuringCancel(t *testing.T) {
	for range 20 {
		parent := std.NewToken()
		var wg sync.WaitGroup
		var made atomic.Int64
		enough := make(chan struct{})
		children := make([][]*std.Token, 8)
		for g := range children {
			wg.Go(func() {
				for !parent.IsCancelled() {
					children[g] = append(children[g], parent.Child())
					if made.Add(1) == 400 {
						close(enough)
					}
				}
			})
		}
		wg.Go(func() {
			<-enough
			parent.Cancel()
		})
		wg.Wait()
		for _, cs := range children {
			for _, c := range cs {
				if !c.IsCancelled() {
					t.Fatal("a child made during the parent's cancel was left uncancelled")
				}
			}
		}
	}
}

func TestConcurrentCancelsOfATree(t *testing.T) {
	root := std.NewToken()
	var all []*std.Token
	for range 10 {
		c := root.Child()
		all = append(all, c, c.Child(), c.Child())
	}
	var wg sync.WaitGroup
	for _, tok := range all {
		wg.Go(tok.Cancel)
	}
	wg.Go(root.Cancel)
	wg.Wait()
	for i, tok := range append(all, root) {
		if !tok.IsCancelled() || !isClosed(tok.Done()) {
			t.Fatalf("token %d not cancelled", i)
		}
	}
}

func TestOnCancel(t *testing.T) {
	t.Run("runs once, after the cancel", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			tok := std.NewToken()
			var calls atomic.Int32
			tok.OnCancel(func() { calls.Add(1) })
			synctest.Wait()
			if calls.Load() != 0 {
				t.Fatal("callback ran before the cancel")
			}
			tok.Cancel()
			tok.Cancel()
			synctest.Wait()
			if got := calls.Load(); got != 1 {
				t.Fatalf("callback ran %d times, want 1", got)
			}
		})
	})
	t.Run("runs at once on a cancelled token", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			tok := std.NewToken()
			tok.Cancel()
			ran := make(chan struct{})
			tok.OnCancel(func() { close(ran) })
			<-ran
		})
	})
	t.Run("stop before the cancel prevents it", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			tok := std.NewToken()
			var calls atomic.Int32
			stop := tok.OnCancel(func() { calls.Add(1) })
			if !stop() {
				t.Error("first stop() = false, want true: it prevented the call")
			}
			if stop() {
				t.Error("second stop() = true, want false")
			}
			tok.Cancel()
			synctest.Wait()
			if calls.Load() != 0 {
				t.Error("a stopped callback ran")
			}
		})
	})
	t.Run("stop after it started reports false", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			tok := std.NewToken()
			stop := tok.OnCancel(func() {})
			tok.Cancel()
			synctest.Wait()
			if stop() {
				t.Error("stop() after the callback started = true, want false")
			}
		})
	})
	t.Run("a callback may cancel and make tokens", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			parent := std.NewToken()
			child := parent.Child()
			other := std.NewToken()
			var made *std.Token
			child.OnCancel(func() {
				parent.Cancel() // the token's own parent: must not deadlock
				other.Cancel()
				made = child.Child()
			})
			// A deadlock here, on the tokens' mutexes, is not a durable
			// block: synctest cannot report it, and the test hangs until
			// go test's -timeout ends it.
			child.Cancel()
			synctest.Wait()
			if !parent.IsCancelled() || !other.IsCancelled() || made == nil || !made.IsCancelled() {
				t.Error("the callback's own cancels and tokens did not take effect")
			}
		})
	})
	t.Run("children's callbacks run when the parent is cancelled", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			root := std.NewToken()
			var calls atomic.Int32
			for range 10 {
				root.Child().OnCancel(func() { calls.Add(1) })
			}
			root.Cancel()
			synctest.Wait()
			if got := calls.Load(); got != 10 {
				t.Errorf("%d callbacks ran, want 10", got)
			}
		})
	})
}

// TestShortLivedChildrenDoNotGrowTheParent: a long-lived parent hands out a
// million children, each cancelled when its work is done. Cancelled children
// are detached, so the parent's memory does not grow with them.
func TestShortLivedChildrenDoNotGrowTheParent(t *testing.T) {
	n := 1_000_000
	if testing.Short() {
		n = 100_000
	}
	parent := std.NewToken()
	heap := func() uint64 {
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return m.HeapAlloc
	}
	before := heap()
	for range n {
		child := parent.Child()
		child.OnCancel(func() {})() // register and stop a callback too
		child.Cancel()
	}
	after := heap()
	runtime.KeepAlive(parent)
	// A retained child costs well over 100 bytes (the Token, its map entry);
	// a million retained would be over 100MB. Allow 1MB of noise.
	if after > before && after-before > 1<<20 {
		t.Errorf("heap grew by %d bytes over %d short-lived children, want under 1MB", after-before, n)
	}
}

func TestWakingLongTaskStopsAtTheCancel(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tok := std.NewToken()
		time.AfterFunc(35*time.Millisecond, func() { tok.CancelWithCause(errLoggedOut) })
		start := time.Now()
		_, err := std.WakingLongTask(tok, 10, new(countingWriter))
		if took := time.Since(start); took != 35*time.Millisecond {
			t.Errorf("returned after %v, want 35ms", took)
		}
		if err == nil || err.Error() != "cancelled at step 3" {
			t.Errorf("error = %v, want \"cancelled at step 3\"", err)
		}
		if !errors.Is(err, std.ErrCancelled) || !errors.Is(err, errLoggedOut) {
			t.Errorf("errors.Is(err, ErrCancelled) = %v, errors.Is(err, cause) = %v; want both true",
				errors.Is(err, std.ErrCancelled), errors.Is(err, errLoggedOut))
		}
	})
}

type countingWriter struct{ n int }

func (c *countingWriter) Write(p []byte) (int, error) { c.n += len(p); return len(p), nil }
