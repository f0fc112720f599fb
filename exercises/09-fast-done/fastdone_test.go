package fastdone

import (
	"regexp"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
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
// goroutine asks for the channel, which already exists. Done must return
// it without waiting for the lock; a dump of the goroutines' stacks shows
// whether it waits for the lock instead.
func TestDoneTakesNoLockOnceMade(t *testing.T) {
	tok := &Token{}
	want := tok.Done()
	tok.mu.Lock()
	before := lockWaiters()
	got := make(chan (<-chan struct{}), 1)
	go func() { got <- tok.Done() }()
	for {
		select {
		case c := <-got:
			tok.mu.Unlock()
			if c != want {
				t.Fatal("Done returned another channel than the first call's" + hint)
			}
			return
		default:
		}
		if lockWaiters() > before {
			tok.mu.Unlock()
			<-got
			t.Fatal("with the channel made and the mutex held by someone else, Done waited for the mutex; want it to return the channel without the lock" + hint)
		}
		runtime.Gosched()
	}
}

// TestCancelWaitsForTheLock calls Cancel while the test holds the token's
// mutex: Cancel must wait for it. The first Done makes the channel under
// the lock, between a look and a store; a Cancel that does not take the
// lock can run in between, store the closed channel that Done's store then
// replaces, or find none to close, and the channel Done hands out is never
// closed. (No test can stop Done between its look and its store, so this
// one checks that Cancel keeps the lock, which rules that out.)
func TestCancelWaitsForTheLock(t *testing.T) {
	for _, first := range []string{"before the first Done", "after the first Done"} {
		tok := &Token{}
		if first == "after the first Done" {
			tok.Done()
		}
		tok.mu.Lock()
		before := lockWaiters()
		returned := make(chan struct{})
		go func() {
			defer close(returned)
			tok.Cancel()
		}()
		// Until Cancel waits for the lock, or returns (or a long while
		// has passed: a Cancel that waits for something else).
		for tries := 0; lockWaiters()-before < 1 && tries < 100000 && !closed(returned); tries++ {
			runtime.Gosched()
		}
		if closed(returned) {
			tok.mu.Unlock()
			t.Fatalf("Cancel, called %s, returned while another goroutine held the token's mutex; want it to wait for the lock, as given: the first Done makes the channel under the lock, and a Cancel that does not take it can come between Done's look and its store, so that the channel Done hands out is never closed"+hint, first)
		}
		tok.mu.Unlock()
		<-returned
		if d := tok.Done(); !closed(d) {
			t.Fatalf("Cancel, called %s, has returned, and Done's channel is open; want it closed"+hint, first)
		}
	}
}

// lockWaiters returns how many goroutines wait to lock a sync.Mutex or a
// sync.RWMutex, as a dump of every goroutine's stack shows them.
func lockWaiters() int {
	buf := make([]byte, 1<<20)
	n := runtime.Stack(buf, true)
	return len(waitingForALock.FindAll(buf[:n], -1))
}

var waitingForALock = regexp.MustCompile(`(?m)^goroutine \d+ \[sync\.(RW)?Mutex\.R?Lock`)

// TestFirstDonesThatWaitedForTheLock drives the schedule that makes two
// first calls of Done meet: while the test holds the token's mutex, two
// goroutines call Done, find no channel, and wait for the lock; then the
// test lets them go, one after the other. The second must find the
// channel that the first made.
func TestFirstDonesThatWaitedForTheLock(t *testing.T) {
	tok := &Token{}
	tok.mu.Lock()
	before := lockWaiters()
	chans := make([]<-chan struct{}, 2)
	var returned atomic.Int32
	var wg sync.WaitGroup
	for i := range chans {
		wg.Go(func() {
			chans[i] = tok.Done()
			returned.Add(1)
		})
	}
	// Until both wait for the lock (or returned without it, or a long
	// while has passed: then the test checks what it can).
	for tries := 0; lockWaiters()-before < 2 && returned.Load() < 2 && tries < 100000; tries++ {
		runtime.Gosched()
	}
	tok.mu.Unlock()
	wg.Wait()
	if chans[0] == nil || chans[0] != chans[1] {
		t.Fatalf("two goroutines called Done while the token's mutex was held, and got different channels (or nil): %v and %v; want the same one: whoever gets the lock second must find the channel the first one made, and return it"+hint, chans[0], chans[1])
	}
	tok.Cancel()
	if !closed(chans[0]) {
		t.Fatal("two goroutines called the first Done while the token's mutex was held; after Cancel, the channel they got is open; want it closed" + hint)
	}
}

// cancelChecked calls tok.Cancel and fails the test if it panics.
func cancelChecked(t *testing.T, tok *Token, what string) {
	t.Helper()
	defer func() {
		if r := recover(); r != nil {
			t.Fatalf("%s, Cancel panicked: %v; want it to do nothing: only the first call of Cancel has an effect"+hint, what, r)
		}
	}()
	tok.Cancel()
}

func TestCancelTwice(t *testing.T) {
	tok := &Token{}
	d := tok.Done()
	cancelChecked(t, tok, "Done, then Cancel")
	cancelChecked(t, tok, "Done, Cancel, and Cancel again")
	if !closed(d) || tok.Done() != d {
		t.Fatal("Done, Cancel, Cancel: Done's channel is open, or Done returns another one; want the first channel, closed" + hint)
	}

	tok = &Token{}
	cancelChecked(t, tok, "Cancel before any Done")
	cancelChecked(t, tok, "Cancel before any Done, and Cancel again")
	if d := tok.Done(); d == nil || !closed(d) {
		t.Fatal("Cancel, Cancel, then Done: Done's channel is open (or nil); want it closed" + hint)
	}
}

// TestCancelFromTwoGoroutines cancels a token from two goroutines at once,
// while a third asks for its channel.
func TestCancelFromTwoGoroutines(t *testing.T) {
	for round := range 50 {
		tok := &Token{}
		if round%2 == 0 {
			tok.Done()
		}
		var start, wg sync.WaitGroup
		start.Add(1)
		panics := make(chan any, 2)
		for range 2 {
			wg.Go(func() {
				defer func() {
					if r := recover(); r != nil {
						panics <- r
					}
				}()
				start.Wait()
				tok.Cancel()
			})
		}
		var d <-chan struct{}
		wg.Go(func() {
			start.Wait()
			d = tok.Done()
		})
		start.Done()
		wg.Wait()
		close(panics)
		for r := range panics {
			t.Fatalf("round %d: two goroutines called Cancel at once, and one panicked: %v; want only the first call to have an effect, and the other to do nothing"+hint, round, r)
		}
		if !closed(d) || !closed(tok.Done()) {
			t.Fatalf("round %d: two goroutines called Cancel at once; then Done's channel is open; want it closed"+hint, round)
		}
	}
}
