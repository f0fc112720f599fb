package std

import (
	"sync"
	"testing"
	"unsafe"
)

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

// TestFlagHasACacheLineOfItsOwn: nothing that the mutex guards, nor the
// done channel, shares the flag's 64-byte cache line
// (BenchmarkPollUnderTraffic shows why). That needs the fields to start a
// line after the flag, and every Token to start on a line: the allocator
// puts a Token in its 128-byte size class, whose objects are 128-byte
// aligned. A field added to Token that takes it past 128 bytes fails here.
func TestFlagHasACacheLineOfItsOwn(t *testing.T) {
	var tok Token
	if off := unsafe.Offsetof(tok.done); off < cacheLine {
		t.Errorf("done is at offset %d, inside the flag's %d-byte line", off, cacheLine)
	}
	if off := unsafe.Offsetof(tok.mu); off < cacheLine {
		t.Errorf("mu is at offset %d, inside the flag's %d-byte line", off, cacheLine)
	}
	if size := unsafe.Sizeof(tok); size > 128 {
		t.Errorf("a Token is %d bytes: past the 128-byte size class, it need not start on a cache line", size)
	}
	var tokens []*Token
	for range 1000 {
		tokens = append(tokens, NewToken())
	}
	for _, tk := range tokens {
		if at := uintptr(unsafe.Pointer(tk)); at%cacheLine != 0 {
			t.Fatalf("a Token at %#x, not on a %d-byte line: its flag shares a line with what is before it", at, cacheLine)
		}
	}
}

// TestDoneIsOneChannel: goroutines racing for the first Done all get the
// same channel, and it closes on Cancel.
func TestDoneIsOneChannel(t *testing.T) {
	tok := NewToken()
	chans := make([]<-chan struct{}, 8)
	var wg sync.WaitGroup
	for i := range chans {
		wg.Go(func() { chans[i] = tok.Done() })
	}
	wg.Wait()
	for i, c := range chans {
		if c != chans[0] {
			t.Fatalf("goroutine %d got another channel", i)
		}
	}
	tok.Cancel()
	select {
	case <-chans[0]:
	default:
		t.Fatal("Done's channel is still open after Cancel")
	}
	if tok.Done() != chans[0] {
		t.Error("Done after Cancel returned another channel")
	}
}
