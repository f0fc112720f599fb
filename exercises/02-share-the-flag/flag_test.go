package flag

import (
	"sync"
	"testing"
)

const hint = "\nHint: go run ./lessons hint 2"

func TestCancelSetsTheFlag(t *testing.T) {
	var tok Token
	if tok.IsCancelled() {
		t.Fatal("a new Token says it is cancelled; want false before Cancel" + hint)
	}
	tok.Cancel()
	if !tok.IsCancelled() {
		t.Fatal("after Cancel, IsCancelled() = false; want true" + hint)
	}
	tok.Cancel()
	if !tok.IsCancelled() {
		t.Fatal("after a second Cancel, IsCancelled() = false; want true" + hint)
	}
}

func TestSharedBetweenGoroutines(t *testing.T) {
	tok := &Token{}
	var wg sync.WaitGroup
	seen := make([]bool, 8)
	for range seen {
		wg.Go(func() { _ = tok.IsCancelled() })
	}
	wg.Go(tok.Cancel)
	wg.Wait()
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
