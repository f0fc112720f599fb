package flag

import (
	"sync"
	"testing"
	"testing/synctest"
	"time"
)

const hint = "\nHint: go run ./lessons hint 2"

func TestCancelSetsTheFlag(t *testing.T) {
	var tok Token
	for i := range 3 {
		if tok.IsCancelled() {
			t.Fatalf("a new Token said it was cancelled (call %d of IsCancelled); want false until Cancel is called"+hint, i+1)
		}
	}
	tok.Cancel()
	for i := range 3 {
		if !tok.IsCancelled() {
			t.Fatalf("after Cancel, call %d of IsCancelled() returned false; want true every time"+hint, i+1)
		}
	}
	tok.Cancel()
	for i := range 3 {
		if !tok.IsCancelled() {
			t.Fatalf("after a second Cancel, call %d of IsCancelled() returned false; want true: Cancel sets the flag, it never clears it"+hint, i+1)
		}
	}
}

func TestEachTokenHasItsOwnFlag(t *testing.T) {
	var a, b Token
	a.Cancel()
	if b.IsCancelled() {
		t.Fatal("cancelling one Token made another Token say it is cancelled; want each Token to have a flag of its own" + hint)
	}
	var c Token
	if c.IsCancelled() {
		t.Fatal("a Token made after another one was cancelled says it is cancelled; want every new Token uncancelled" + hint)
	}
	if !a.IsCancelled() {
		t.Fatal("after Cancel, IsCancelled() = false; want true" + hint)
	}
}

// TestSharedBetweenGoroutines calls Cancel and IsCancelled from goroutines
// that do not wait for each other. Under the race detector (go test -race)
// a flag that is not safe to share fails it with a DATA RACE report.
func TestSharedBetweenGoroutines(t *testing.T) {
	tok := &Token{}
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() { _ = tok.IsCancelled() })
	}
	for range 2 {
		wg.Go(tok.Cancel)
	}
	for range 8 {
		wg.Go(func() { _ = tok.IsCancelled() })
	}
	wg.Wait()
	seen := make([]bool, 8)
	for i := range seen {
		wg.Go(func() { seen[i] = tok.IsCancelled() })
	}
	wg.Wait()
	for i, s := range seen {
		if !s {
			t.Fatalf("goroutine %d did not see the cancel made by another goroutine; want every holder of the *Token to see it"+hint, i)
		}
	}
}

// TestATaskSeesTheCancel is the lesson's picture: a task checks the token
// every millisecond while a controller cancels it at 5.5ms. On the virtual
// clock of testing/synctest the task must stop at its next check, at 6ms.
func TestATaskSeesTheCancel(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tok := &Token{}
		start := time.Now()
		stopped := make(chan time.Duration)
		go func() {
			for range 1000 { // a second at most
				if tok.IsCancelled() {
					break
				}
				time.Sleep(time.Millisecond)
			}
			stopped <- time.Since(start)
		}()
		time.AfterFunc(5*time.Millisecond+500*time.Microsecond, tok.Cancel)
		if took := <-stopped; took != 6*time.Millisecond {
			t.Fatalf("a task checking every 1ms saw a cancel made at 5.5ms after %v; want 6ms (its next check)"+hint, took)
		}
	})
}
