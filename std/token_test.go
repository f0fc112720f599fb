package std_test

import (
	"sync"
	"testing"

	"example.com/cancellation/std"
)

// The source lesson's first two tests.

func TestNewTokenIsNotCancelled(t *testing.T) {
	if std.NewToken().IsCancelled() {
		t.Fatal("NewToken().IsCancelled() = true, want false")
	}
}

func TestCancelSetsFlag(t *testing.T) {
	tok := std.NewToken()
	tok.Cancel()
	if !tok.IsCancelled() {
		t.Fatal("after Cancel, IsCancelled() = false, want true")
	}
}

// A reviewer's additions.

func TestZeroTokenIsReadyToUse(t *testing.T) {
	var tok std.Token
	if tok.IsCancelled() {
		t.Fatal("zero Token: IsCancelled() = true, want false")
	}
	tok.Cancel()
	if !tok.IsCancelled() {
		t.Fatal("zero Token after Cancel: IsCancelled() = false, want true")
	}
}

func TestCancelIsIdempotent(t *testing.T) {
	tok := std.NewToken()
	for range 3 {
		tok.Cancel()
		if !tok.IsCancelled() {
			t.Fatal("after repeated Cancel, IsCancelled() = false, want true")
		}
	}
}

func TestTokensAreIndependent(t *testing.T) {
	a, b := std.NewToken(), std.NewToken()
	a.Cancel()
	if b.IsCancelled() {
		t.Fatal("cancelling one token cancelled another")
	}
}

// TestConcurrentCancelsAndChecks runs many cancellers and checkers at once;
// under -race it proves the flag needs no other synchronisation.
func TestConcurrentCancelsAndChecks(t *testing.T) {
	tok := std.NewToken()
	var wg sync.WaitGroup
	for range 50 {
		wg.Go(tok.Cancel)
		wg.Go(func() { _ = tok.IsCancelled() })
	}
	wg.Wait()
	if !tok.IsCancelled() {
		t.Fatal("after 50 concurrent Cancels, IsCancelled() = false, want true")
	}
}

// TestSharingIsByPointer shows what the Rust Arc clone becomes in Go: every
// holder of the same *Token sees one flag.
func TestSharingIsByPointer(t *testing.T) {
	controller := std.NewToken()
	holders := []*std.Token{controller, controller, controller}
	seen := make(chan bool, len(holders))
	var wg sync.WaitGroup
	controller.Cancel()
	for _, h := range holders {
		wg.Go(func() { seen <- h.IsCancelled() })
	}
	wg.Wait()
	close(seen)
	for s := range seen {
		if !s {
			t.Fatal("a goroutine holding the shared *Token did not see the cancel")
		}
	}
}
