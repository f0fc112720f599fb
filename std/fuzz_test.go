package std

import (
	"encoding/binary"
	"errors"
	"example.com/cancellation/std/saturating"
	"fmt"
	"math"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
)

// int64s reads raw as little-endian int64s (a trailing partial word is
// dropped).
func int64s(raw []byte) []int64 {
	out := make([]int64, len(raw)/8)
	for i := range out {
		out[i] = int64(binary.LittleEndian.Uint64(raw[8*i:]))
	}
	return out
}

// FuzzCancellableSum checks CancellableSum, at any check interval, against
// the math/big reference: chunking must never reorder the additions, a
// cancelled token must stop any non-empty sum, and an empty one needs no
// check.
func FuzzCancellableSum(f *testing.F) {
	le := func(xs ...int64) []byte {
		b := make([]byte, 8*len(xs))
		for i, x := range xs {
			binary.LittleEndian.PutUint64(b[8*i:], uint64(x))
		}
		return b
	}
	f.Add(le(), uint16(1000), false)
	f.Add(le(1, 2, 3), uint16(1), false)
	f.Add(le(math.MaxInt64, 1, -1), uint16(2), false)
	f.Add(le(math.MinInt64, -1, 1), uint16(1), false)
	f.Add(le(math.MaxInt64, math.MaxInt64, math.MinInt64), uint16(3), false)
	f.Add(le(7), uint16(1000), true)
	f.Fuzz(func(t *testing.T, raw []byte, every uint16, cancelled bool) {
		data := int64s(raw)
		interval := int(every%4096) + 1
		tok := NewToken()
		if cancelled {
			tok.Cancel()
		}
		got, ok := CancellableSumEvery(tok, data, interval)
		if cancelled && len(data) > 0 {
			if ok || got != 0 {
				t.Fatalf("cancelled token, %d items: got (%d, %v), want (0, false)", len(data), got, ok)
			}
			return
		}
		if want := saturating.Exact(data); !ok || got != want {
			t.Fatalf("sum of %v every %d = (%d, %v), want (%d, true)", data, interval, got, ok, want)
		}
		if interval == CheckInterval {
			if got2, ok2 := CancellableSum(tok, data); got2 != got || ok2 != ok {
				t.Fatalf("CancellableSum differs from CancellableSumEvery at its own interval")
			}
		}
	})
}

// FuzzTokenTree runs random operations on a tree of tokens from several
// goroutines at once, then checks what must hold whatever the
// interleaving. Each byte of ops is one operation on one token.
func FuzzTokenTree(f *testing.F) {
	f.Add([]byte{0, 1, 2, 3, 4, 5, 6, 7})
	f.Add([]byte{0, 0, 0, 9, 17, 25, 33, 41, 2, 10})
	f.Add([]byte{8, 16, 24, 32, 40, 48, 56, 1, 3, 5, 7, 11, 13})
	f.Add([]byte{4, 12, 20, 28, 1, 6, 14, 22})
	f.Fuzz(func(t *testing.T, ops []byte) {
		if len(ops) > 512 {
			ops = ops[:512]
		}
		synctest.Test(t, func(t *testing.T) { runTreeOps(t, ops) })
	})
}

var errFuzz = []error{errors.New("cause A"), errors.New("cause B")}

type fuzzNode struct {
	tok      *Token
	parent   int // -1 for the root
	explicit atomic.Bool
	causes   sync.Map // the causes given to it directly
	calls    atomic.Int32
	mu       sync.Mutex
	stops    []func() bool
	stopped  atomic.Bool // some stop() reported true
}

func runTreeOps(t *testing.T, ops []byte) {
	const maxNodes = 64
	var mu sync.Mutex // guards nodes (the slice, not the nodes)
	nodes := []*fuzzNode{{tok: NewToken(), parent: -1}}
	node := func(b byte) *fuzzNode {
		mu.Lock()
		defer mu.Unlock()
		return nodes[int(b>>3)%len(nodes)]
	}
	var wg sync.WaitGroup
	for g := range 3 {
		wg.Go(func() {
			for i := g; i < len(ops); i += 3 {
				op, n := ops[i]&7, node(ops[i])
				switch op {
				case 0, 1: // a child
					mu.Lock()
					if len(nodes) < maxNodes {
						idx := -1
						for j, m := range nodes {
							if m == n {
								idx = j
							}
						}
						nodes = append(nodes, &fuzzNode{tok: n.tok.Child(), parent: idx})
					}
					mu.Unlock()
				case 2:
					n.explicit.Store(true)
					n.causes.Store(ErrCancelled, true)
					n.tok.Cancel()
				case 3, 4:
					cause := errFuzz[op-3]
					n.explicit.Store(true)
					n.causes.Store(cause, true)
					n.tok.CancelWithCause(cause)
				case 5:
					stop := n.tok.OnCancel(func() { n.calls.Add(1) })
					n.mu.Lock()
					n.stops = append(n.stops, stop)
					n.mu.Unlock()
				case 6:
					n.mu.Lock()
					if len(n.stops) > 0 && n.stops[0]() {
						n.stopped.Store(true)
					}
					n.mu.Unlock()
				case 7:
					if n.tok.IsCancelled() {
						<-n.tok.Done() // must not block: closed once cancelled
					}
				}
			}
		})
	}
	wg.Wait()
	synctest.Wait() // every callback that was started has run

	for i, n := range nodes {
		name := fmt.Sprintf("token %d", i)
		c := n.tok.IsCancelled()
		select {
		case <-n.tok.Done():
			if !c {
				t.Fatalf("%s: Done closed but not cancelled", name)
			}
		default:
			if c {
				t.Fatalf("%s: cancelled but Done open", name)
			}
		}
		if (n.tok.Cause() != nil) != c {
			t.Fatalf("%s: Cause %v with cancelled = %v", name, n.tok.Cause(), c)
		}
		// Cancelled exactly when it or an ancestor was cancelled directly;
		// the cause is one of theirs.
		want, causeOK := false, false
		for j := i; j >= 0; j = nodes[j].parent {
			if nodes[j].explicit.Load() {
				want = true
				if _, ok := nodes[j].causes.Load(n.tok.Cause()); ok {
					causeOK = true
				}
			}
		}
		if c != want {
			t.Fatalf("%s: cancelled = %v, want %v", name, c, want)
		}
		if c && !causeOK {
			t.Fatalf("%s: cause %v was given to neither it nor an ancestor", name, n.tok.Cause())
		}
		// Callbacks: none before the cancel; after it, each once unless
		// stopped in time.
		calls, registered := int(n.calls.Load()), len(n.stops)
		switch {
		case !c && calls != 0:
			t.Fatalf("%s: %d callbacks ran on an uncancelled token", name, calls)
		case c && calls > registered:
			t.Fatalf("%s: %d callbacks ran, only %d registered", name, calls, registered)
		case c && !n.stopped.Load() && calls != registered:
			t.Fatalf("%s: %d of %d callbacks ran, none was stopped", name, calls, registered)
		case c && n.stopped.Load() && calls != registered-1:
			t.Fatalf("%s: %d of %d callbacks ran, one was stopped", name, calls, registered)
		}
		// A live token holds no cancelled child.
		if !c {
			n.tok.mu.Lock()
			for child := range n.tok.children {
				if child.IsCancelled() {
					t.Errorf("%s: holds a cancelled child", name)
				}
			}
			n.tok.mu.Unlock()
		}
	}
}
