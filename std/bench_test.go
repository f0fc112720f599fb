package std

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"example.com/cancellation/std/saturating"
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
	// Each check reaches its flag the same way, through a pointer held in
	// a local variable: a token captured by the closure would cost one
	// load more than the bare atomic.Bool, and that is the harness, not
	// the token.
	b.Run("Token.IsCancelled", func(b *testing.B) {
		tok := NewToken()
		n := 0
		for b.Loop() {
			if tok.IsCancelled() {
				n++
			}
		}
		sink.Add(int64(n))
	})
	b.Run("atomic.Bool.Load", func(b *testing.B) {
		flag := new(atomic.Bool)
		n := 0
		for b.Loop() {
			if flag.Load() {
				n++
			}
		}
		sink.Add(int64(n))
	})
	b.Run("ctx.Err", func(b *testing.B) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
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
	// The same saturating sum written out here, not through the helper
	// the implementation uses: an inlining difference in the helper cannot
	// make the checked sum look cheaper than a plain loop.
	b.Run("inline-loop", func(b *testing.B) {
		add := func(a, x int64) int64 { // the same shape as saturating.Add
			s := a + x
			if (a^s)&(x^s) < 0 {
				if a < 0 {
					return math.MinInt64
				}
				return math.MaxInt64
			}
			return s
		}
		for b.Loop() {
			var acc int64
			for _, x := range data {
				acc = add(acc, x)
			}
			sink.Add(acc)
		}
	})
	for _, every := range []int{1, 16, 256, 1000, 4096, sumItems} {
		name := fmt.Sprintf("every=%d", every)
		if every == sumItems {
			name = "every=never"
		}
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				s, _ := CancellableSumEvery(tok, data, every)
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

// BenchmarkDone is the cost of Done, on a token or context that is not
// cancelled: the first call on a new one (it makes the channel; the new
// token or context is counted in), later calls from one goroutine, and
// later calls from both cores at once.
func BenchmarkDone(b *testing.B) {
	b.Run("first/Token", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if NewToken().Done() == nil {
				b.Fatal("nil channel")
			}
		}
	})
	b.Run("first/context", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			ctx, cancel := context.WithCancel(context.Background())
			if ctx.Done() == nil {
				b.Fatal("nil channel")
			}
			cancel()
		}
	})
	tok := NewToken()
	tok.Done()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	ctx.Done()
	b.Run("later/Token", func(b *testing.B) {
		for b.Loop() {
			if tok.Done() == nil {
				b.Fatal("nil channel")
			}
		}
	})
	b.Run("later/context", func(b *testing.B) {
		for b.Loop() {
			if ctx.Done() == nil {
				b.Fatal("nil channel")
			}
		}
	})
	b.Run("contended/Token", func(b *testing.B) {
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				if tok.Done() == nil {
					b.Fatal("nil channel")
				}
			}
		})
	})
	b.Run("contended/context", func(b *testing.B) {
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				if ctx.Done() == nil {
					b.Fatal("nil channel")
				}
			}
		})
	})
}

// BenchmarkNew is what one token costs, against one context.WithCancel
// (and its cancel): time, bytes and allocations.
func BenchmarkNew(b *testing.B) {
	b.Run("Token", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			t := NewToken()
			t.Cancel()
		}
	})
	b.Run("context", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			_, cancel := context.WithCancel(context.Background())
			cancel()
		}
	})
}

// BenchmarkOnCancel registers a callback on a live token and stops it,
// against context.AfterFunc and its stop.
func BenchmarkOnCancel(b *testing.B) {
	f := func() {}
	b.Run("Token", func(b *testing.B) {
		tok := NewToken()
		b.ReportAllocs()
		for b.Loop() {
			stop := tok.OnCancel(f)
			stop()
		}
	})
	b.Run("context", func(b *testing.B) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		b.ReportAllocs()
		for b.Loop() {
			stop := context.AfterFunc(ctx, f)
			stop()
		}
	})
}

// BenchmarkChildParallel makes and cancels short-lived children of one
// parent from both cores at once: the parent's lock is contended.
func BenchmarkChildParallel(b *testing.B) {
	b.Run("Token", func(b *testing.B) {
		parent := NewToken()
		b.ReportAllocs()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				parent.Child().Cancel()
			}
		})
	})
	b.Run("context", func(b *testing.B) {
		parent, cancelParent := context.WithCancel(context.Background())
		defer cancelParent()
		b.ReportAllocs()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				_, cancel := context.WithCancel(parent)
				cancel()
			}
		})
	})
}

// unpaddedToken is a flag that shares its cache line with a mutex and a
// counter, as Token's flag did before it got a line of its own: the
// control for BenchmarkPollUnderTraffic.
type unpaddedToken struct {
	cancelled atomic.Bool
	mu        sync.Mutex
	n         int
}

func (u *unpaddedToken) touch() {
	u.mu.Lock()
	u.n++
	u.mu.Unlock()
}

// pollBatch is how many polls one timed batch makes: tens of microseconds,
// short enough to alternate often, long enough for time.Now to be exact.
const pollBatch = 1 << 15

// timePolls times one batch of polls.
func timePolls(isCancelled func() bool) time.Duration {
	start := time.Now()
	n := 0
	for range pollBatch {
		if isCancelled() {
			n++
		}
	}
	d := time.Since(start)
	sink.Add(int64(n))
	return d
}

// BenchmarkPollUnderTraffic is one goroutine polling a token in a hot loop
// while another goroutine, on the other core, keeps calling Child and
// Cancel, Done, or Cause on the same token: does the token's bookkeeping
// slow the poller down?
//
// On a shared machine a busy neighbour core slows a poller whatever it
// does, so the measurement is paired and interleaved. Each op times a
// batch of polls while the other goroutine does the very same calls on
// another token ("busy": the same work, none of it on the polled token's
// memory), then a batch while it makes them on the polled token
// ("traffic"), alternating, so that both see the same machine. Their
// ratio is what the token's own memory costs the poller. "idle" is a
// batch with the other goroutine parked, for reference. unpadded/locking
// polls a flag that shares its cache line with a mutex that the other
// goroutine keeps taking: what false sharing costs, and a case that misses
// the target.
func BenchmarkPollUnderTraffic(b *testing.B) {
	type subject struct {
		poll  func() bool
		touch func()
	}
	kinds := []struct {
		name string
		make func() subject
	}{
		{"Child", func() subject {
			t := NewToken()
			return subject{t.IsCancelled, func() { t.Child().Cancel() }}
		}},
		{"Done", func() subject {
			t := NewToken()
			t.Done()
			return subject{t.IsCancelled, func() { _ = t.Done() }}
		}},
		{"Cause", func() subject {
			t := NewToken()
			return subject{t.IsCancelled, func() { _ = t.Cause() }}
		}},
		{"unpadded/locking", func() subject {
			u := new(unpaddedToken)
			return subject{u.cancelled.Load, u.touch}
		}},
	}
	for _, k := range kinds {
		b.Run(k.name, func(b *testing.B) {
			polled, other := k.make(), k.make()
			const (
				idle = iota
				busy
				traffic
				stop
			)
			var mode atomic.Int32
			wake := make(chan struct{}, 1)
			var wg sync.WaitGroup
			wg.Go(func() {
				for {
					switch mode.Load() {
					case idle:
						<-wake
					case busy:
						other.touch()
					case traffic:
						polled.touch()
					case stop:
						return
					}
				}
			})
			set := func(m int32) {
				mode.Store(m)
				select {
				case wake <- struct{}{}:
				default:
				}
			}
			var tIdle, tBusy, tTraffic time.Duration
			ops := 0
			for b.Loop() {
				set(idle)
				tIdle += timePolls(polled.poll)
				set(busy)
				tBusy += timePolls(polled.poll)
				set(traffic)
				tTraffic += timePolls(polled.poll)
				ops++
			}
			set(stop)
			wg.Wait()
			per := func(d time.Duration) float64 { return float64(d.Nanoseconds()) / float64(ops*pollBatch) }
			b.ReportMetric(per(tIdle), "idle-ns/poll")
			b.ReportMetric(per(tBusy), "busy-ns/poll")
			b.ReportMetric(per(tTraffic), "traffic-ns/poll")
			b.ReportMetric(float64(tBusy)/float64(tTraffic), "throughput-ratio")
		})
	}
}

// BenchmarkPollPaired times Token.IsCancelled and a bare atomic.Bool.Load
// in alternating batches of one benchmark, so that both see the same
// machine, and reports the ratio of their times: the token's check against
// the instruction it is made of.
func BenchmarkPollPaired(b *testing.B) {
	tok := NewToken()
	flag := new(atomic.Bool)
	var tTok, tLoad time.Duration
	ops := 0
	for b.Loop() {
		if ops%2 == 0 { // alternate which goes first
			tTok += timePolls(tok.IsCancelled)
			tLoad += timePolls(flag.Load)
		} else {
			tLoad += timePolls(flag.Load)
			tTok += timePolls(tok.IsCancelled)
		}
		ops++
	}
	b.ReportMetric(float64(tTok.Nanoseconds())/float64(ops*pollBatch), "token-ns/poll")
	b.ReportMetric(float64(tLoad.Nanoseconds())/float64(ops*pollBatch), "load-ns/poll")
	b.ReportMetric(float64(tTok)/float64(tLoad), "token/load")
}
