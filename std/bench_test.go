package std

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"example.com/cancellation/internal/saturating"
)

// The benchmarks behind docs/performance.md. They are not part of the
// default test run; run them with
//
//	go test -run '^$' -bench . -count 10 ./std > new.txt
//
// and compare with docs/bench/results.txt using benchstat.

// sink keeps results alive so that the compiler cannot drop the work.
var sink atomic.Int64

// BenchmarkPoll is the cost of one cancellation check, on a token or
// context that is not cancelled: what a task pays for every check.
func BenchmarkPoll(b *testing.B) {
	tok := NewToken()
	var flag atomic.Bool
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := ctx.Done()
	polls := []struct {
		name string
		poll func() bool
	}{
		{"Token.IsCancelled", tok.IsCancelled},
		{"atomic.Bool.Load", flag.Load},
		{"ctx.Err", func() bool { return ctx.Err() != nil }},
		{"select-Done-default", func() bool {
			select {
			case <-done:
				return true
			default:
				return false
			}
		}},
	}
	for _, p := range polls {
		b.Run(p.name, func(b *testing.B) {
			n := 0
			for b.Loop() {
				if p.poll() {
					n++
				}
			}
			sink.Add(int64(n))
		})
		b.Run(p.name+"/parallel", func(b *testing.B) {
			b.RunParallel(func(pb *testing.PB) {
				n := 0
				for pb.Next() {
					if p.poll() {
						n++
					}
				}
				sink.Add(int64(n))
			})
		})
	}
}

// BenchmarkPollInline is BenchmarkPoll without the indirect call the table
// adds: what a loop that calls the method directly pays.
func BenchmarkPollInline(b *testing.B) {
	tok := NewToken()
	var flag atomic.Bool
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	b.Run("Token.IsCancelled", func(b *testing.B) {
		n := 0
		for b.Loop() {
			if tok.IsCancelled() {
				n++
			}
		}
		sink.Add(int64(n))
	})
	b.Run("atomic.Bool.Load", func(b *testing.B) {
		n := 0
		for b.Loop() {
			if flag.Load() {
				n++
			}
		}
		sink.Add(int64(n))
	})
	b.Run("ctx.Err", func(b *testing.B) {
		n := 0
		for b.Loop() {
			if ctx.Err() != nil {
				n++
			}
		}
		sink.Add(int64(n))
	})
}

const sumItems = 10_000_000

var sumData = sync.OnceValue(func() []int64 {
	r := rand.New(rand.NewPCG(1, 2))
	data := make([]int64, sumItems)
	for i := range data {
		data[i] = r.Int64N(1 << 20)
	}
	return data
})

// BenchmarkSum adds 10M values with checks every N items, against the same
// saturating sum with no checks at all. Each op is the whole 10M.
func BenchmarkSum(b *testing.B) {
	data := sumData()
	tok := NewToken()
	b.Run("unchecked", func(b *testing.B) {
		for b.Loop() {
			sink.Add(saturating.Sum(0, data))
		}
	})
	for _, every := range []int{1, 16, 256, 1000, 4096, sumItems} {
		name := fmt.Sprintf("every=%d", every)
		if every == sumItems {
			name = "every=never"
		}
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				s, _ := sumChecking(tok, data, every)
				sink.Add(s)
			}
		})
	}
}

// BenchmarkLatency measures, on the real clock, the time from a cancel to
// the moment the waiting task sees it, and reports its median and 99th
// percentile: a task that polls the token every 100µs, a task blocked on
// Token.Done, and one blocked on ctx.Done.
func BenchmarkLatency(b *testing.B) {
	const pollEvery = 100 * time.Microsecond
	kinds := []struct {
		name string
		run  func(seen chan<- time.Time) (cancel func())
	}{
		{"poll-every-100us", func(seen chan<- time.Time) func() {
			tok := NewToken()
			go func() {
				for !tok.IsCancelled() {
					time.Sleep(pollEvery)
				}
				seen <- time.Now()
			}()
			return tok.Cancel
		}},
		{"Token.Done", func(seen chan<- time.Time) func() {
			tok := NewToken()
			done := tok.Done()
			go func() { <-done; seen <- time.Now() }()
			return tok.Cancel
		}},
		{"ctx.Done", func(seen chan<- time.Time) func() {
			ctx, cancel := context.WithCancel(context.Background())
			done := ctx.Done()
			go func() { <-done; seen <- time.Now() }()
			return cancel
		}},
	}
	for _, k := range kinds {
		b.Run(k.name, func(b *testing.B) {
			var lat []time.Duration
			seen := make(chan time.Time)
			for b.Loop() {
				cancel := k.run(seen)
				time.Sleep(time.Duration(rand.Int64N(int64(pollEvery)))) // cancel at a random moment
				start := time.Now()
				cancel()
				lat = append(lat, (<-seen).Sub(start))
			}
			slices.Sort(lat)
			b.ReportMetric(float64(lat[len(lat)/2].Nanoseconds())/1e3, "p50-µs")
			b.ReportMetric(float64(lat[len(lat)*99/100].Nanoseconds())/1e3, "p99-µs")
		})
	}
}

// BenchmarkChild is the cost of a short-lived child: make it under a
// long-lived parent, then cancel it. Token.Child and Cancel against
// context.WithCancel and its cancel.
func BenchmarkChild(b *testing.B) {
	b.Run("Token", func(b *testing.B) {
		parent := NewToken()
		b.ReportAllocs()
		for b.Loop() {
			child := parent.Child()
			child.Cancel()
		}
	})
	b.Run("context", func(b *testing.B) {
		parent, cancelParent := context.WithCancel(context.Background())
		defer cancelParent()
		b.ReportAllocs()
		for b.Loop() {
			_, cancel := context.WithCancel(parent)
			cancel()
		}
	})
}

// BenchmarkFanOut cancels a parent with n children, or with n goroutines
// waiting on its Done channel, and (for waiters) waits until all have woken.
// Only the cancel is timed, not building the tree.
func BenchmarkFanOut(b *testing.B) {
	for _, n := range []int{1_000, 100_000} {
		b.Run(fmt.Sprintf("children=%d/Token", n), func(b *testing.B) {
			for b.Loop() {
				b.StopTimer()
				parent := NewToken()
				for range n {
					parent.Child()
				}
				b.StartTimer()
				parent.Cancel()
			}
		})
		b.Run(fmt.Sprintf("children=%d/context", n), func(b *testing.B) {
			for b.Loop() {
				b.StopTimer()
				parent, cancel := context.WithCancel(context.Background())
				children := make([]context.CancelFunc, n) // cancelled through the parent
				for i := range children {
					_, children[i] = context.WithCancel(parent)
				}
				b.StartTimer()
				cancel()
			}
		})
	}
	// Waiters: each goroutine fetches its channel and says it is ready
	// before the timer starts, so only the cancel and the wake-ups are
	// timed. (What Done itself costs is BenchmarkDone's business.)
	waiters := func(b *testing.B, n int, make func() (done func() <-chan struct{}, cancel func())) {
		for b.Loop() {
			b.StopTimer()
			done, cancel := make()
			var ready, woken sync.WaitGroup
			ready.Add(n)
			for range n {
				woken.Go(func() {
					ch := done()
					ready.Done()
					<-ch
				})
			}
			ready.Wait()
			b.StartTimer()
			cancel()
			woken.Wait()
		}
	}
	for _, n := range []int{1_000, 100_000} {
		b.Run(fmt.Sprintf("waiters=%d/Token", n), func(b *testing.B) {
			waiters(b, n, func() (func() <-chan struct{}, func()) {
				tok := NewToken()
				return tok.Done, tok.Cancel
			})
		})
		b.Run(fmt.Sprintf("waiters=%d/context", n), func(b *testing.B) {
			waiters(b, n, func() (func() <-chan struct{}, func()) {
				ctx, cancel := context.WithCancel(context.Background())
				return ctx.Done, cancel
			})
		})
	}
}

// BenchmarkDone is the cost of asking for the Done channel of a token or
// context that is not cancelled, from both cores at once. Token.Done takes
// its mutex every time; context's Done has a lock-free fast path once the
// channel exists (lesson 9's question).
func BenchmarkDone(b *testing.B) {
	b.Run("Token", func(b *testing.B) {
		tok := NewToken()
		tok.Done()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				if tok.Done() == nil {
					b.Fatal("nil channel")
				}
			}
		})
	})
	b.Run("context", func(b *testing.B) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		ctx.Done()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				if ctx.Done() == nil {
					b.Fatal("nil channel")
				}
			}
		})
	})
}
