package fastdone

import (
	"sync"
	"testing"
	"time"
)

const hint = "\nHint: go run ./lessons hint fast-done"

// firstDone has goroutines race for the first Done and returns what each got.
func firstDone(tok *Token, n int) []<-chan struct{} {
	chans := make([]<-chan struct{}, n)
	var start, wg sync.WaitGroup
	start.Add(1)
	for i := range chans {
		wg.Go(func() {
			start.Wait()
			chans[i] = tok.Done()
		})
	}
	start.Done()
	wg.Wait()
	return chans
}

func closed(c <-chan struct{}) bool {
	select {
	case <-c:
		return true
	default:
		return false
	}
}

func TestEveryCallGetsTheSameChannel(t *testing.T) {
	for round := range 50 {
		tok := &Token{}
		chans := firstDone(tok, 8)
		for i, c := range chans {
			if c == nil || c != chans[0] {
				t.Fatalf("round %d: goroutine %d got another channel than goroutine 0 (or nil); want one channel for every call"+hint, round, i)
			}
		}
		if again := tok.Done(); again != chans[0] {
			t.Fatalf("round %d: a later Done returned another channel; want the same one every time"+hint, round)
		}
		if closed(chans[0]) {
			t.Fatalf("round %d: Done's channel is closed before Cancel"+hint, round)
		}
		tok.Cancel()
		if !closed(chans[0]) || !closed(tok.Done()) || tok.Done() != chans[0] {
			t.Fatalf("round %d: after Cancel, Done's channel must be closed, and Done must still return it"+hint, round)
		}
	}
}

func TestCancelBeforeDone(t *testing.T) {
	tok := &Token{}
	tok.Cancel()
	if d := tok.Done(); d == nil || !closed(d) {
		t.Fatal("Cancel came before the first Done, and Done's channel is open (or nil); want it closed" + hint)
	}
	if tok.Done() != tok.Done() {
		t.Fatal("after Cancel, two calls of Done returned different channels; want the same one" + hint)
	}
}

// TestDoneTakesNoLockOnceMade holds the token's mutex while another
// goroutine asks for the channel, which already exists. A Done that locks
// would wait for as long as the lock is held: the test gives up after a
// second (a bound on a wait that should take microseconds, not a time it
// expects), then releases the lock so that the test can end.
func TestDoneTakesNoLockOnceMade(t *testing.T) {
	tok := &Token{}
	want := tok.Done()
	tok.mu.Lock()
	got := make(chan (<-chan struct{}), 1)
	go func() { got <- tok.Done() }()
	select {
	case c := <-got:
		tok.mu.Unlock()
		if c != want {
			t.Fatal("Done returned another channel than the first call's" + hint)
		}
	case <-time.After(time.Second):
		tok.mu.Unlock()
		<-got
		t.Fatal("with the channel made and the mutex held by someone else, Done waited for the mutex; want it to return the channel without the lock" + hint)
	}
}
