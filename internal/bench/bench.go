// Package bench reads a file of `go test -bench` results (the format
// benchstat reads) and turns it into the tables, charts and target checks
// of docs/performance.md.
package bench

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// Results are the benchmark results of one recorded run: every value of
// every unit, by benchmark name (without the -GOMAXPROCS suffix), and the
// configuration lines (goos, goarch, cpu, ...).
type Results struct {
	Config map[string]string
	values map[string]map[string][]float64 // name -> unit -> values
	order  []string                        // names in order of first appearance
}

var (
	configLine = regexp.MustCompile(`^([a-z]+): (.+)$`)
	procs      = regexp.MustCompile(`-\d+$`)
)

// Parse reads results in the Go benchmark format.
func Parse(r io.Reader) (*Results, error) {
	res := &Results{Config: map[string]string{}, values: map[string]map[string][]float64{}}
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if m := configLine.FindStringSubmatch(line); m != nil {
			res.Config[m[1]] = m[2]
			continue
		}
		if !strings.HasPrefix(line, "Benchmark") {
			continue
		}
		f := strings.Fields(line)
		if len(f) < 4 || len(f)%2 != 0 {
			return nil, fmt.Errorf("line %d: %q is not a benchmark result", n, line)
		}
		name := strings.TrimPrefix(procs.ReplaceAllString(f[0], ""), "Benchmark")
		if res.values[name] == nil {
			res.values[name] = map[string][]float64{}
			res.order = append(res.order, name)
		}
		for i := 2; i+1 < len(f); i += 2 {
			v, err := strconv.ParseFloat(f[i], 64)
			if err != nil {
				return nil, fmt.Errorf("line %d: %q is not a number", n, f[i])
			}
			res.values[name][f[i+1]] = append(res.values[name][f[i+1]], v)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if len(res.order) == 0 {
		return nil, fmt.Errorf("no benchmark results")
	}
	return res, nil
}

// Median returns the median of a benchmark's values in unit, and how many
// runs there were; ok is false if there are none.
func (r *Results) Median(name, unit string) (median float64, runs int, ok bool) {
	vs := slices.Clone(r.values[name][unit])
	if len(vs) == 0 {
		return 0, 0, false
	}
	slices.Sort(vs)
	if len(vs)%2 == 1 {
		return vs[len(vs)/2], len(vs), true
	}
	return (vs[len(vs)/2-1] + vs[len(vs)/2]) / 2, len(vs), true
}

// Names returns the benchmarks whose name starts with prefix, in the order
// of the file.
func (r *Results) Names(prefix string) []string {
	var names []string
	for _, n := range r.order {
		if strings.HasPrefix(n, prefix) {
			names = append(names, n)
		}
	}
	return names
}

// Spread is what the runs of one benchmark measured in one unit.
type Spread struct {
	Min, Median, Max float64
	Runs             int
}

// Spread returns the smallest, median and largest values of a benchmark in
// unit; ok is false if there are none.
func (r *Results) Spread(name, unit string) (Spread, bool) {
	vs := slices.Clone(r.values[name][unit])
	if len(vs) == 0 {
		return Spread{}, false
	}
	slices.Sort(vs)
	m, n, _ := r.Median(name, unit)
	return Spread{Min: vs[0], Median: m, Max: vs[len(vs)-1], Runs: n}, true
}

// Verdict compares a token's spread with context's, lower being better:
// "faster" or "slower" only when the spreads do not overlap, "same within
// noise" when they do.
func Verdict(token, context Spread) string {
	switch {
	case token.Max < context.Min:
		return "faster"
	case token.Min > context.Max:
		return "slower"
	}
	return "same within noise"
}

// Pair is one operation measured for std.Token and for context in the
// same run: the benchmarks' names and what the operation is.
type Pair struct {
	What           string
	Token, Context string
	Unit           string // "ns/op", or the latency benchmarks' "p50-µs"
}

// Pairs are the operations of the Token-against-context table, in order.
var Pairs = []Pair{
	{"check: IsCancelled / ctx.Err()", "PollInline/Token.IsCancelled", "PollInline/ctx.Err", "ns/op"},
	{"new token / WithCancel, then cancel", "New/Token", "New/context", "ns/op"},
	{"Done, first call on a new one", "Done/first/Token", "Done/first/context", "ns/op"},
	{"Done, later calls", "Done/later/Token", "Done/later/context", "ns/op"},
	{"Done, later calls from both cores", "Done/contended/Token", "Done/contended/context", "ns/op"},
	{"OnCancel + stop / AfterFunc + stop", "OnCancel/Token", "OnCancel/context", "ns/op"},
	{"short-lived child: make, cancel", "Child/Token", "Child/context", "ns/op"},
	{"… from both cores on one parent", "ChildParallel/Token", "ChildParallel/context", "ns/op"},
	{"cancel a parent of 1,000 children", "FanOut/children=1000/Token", "FanOut/children=1000/context", "ns/op"},
	{"cancel a parent of 100,000 children", "FanOut/children=100000/Token", "FanOut/children=100000/context", "ns/op"},
	{"cancel and wake 1,000 waiters", "FanOut/waiters=1000/Token", "FanOut/waiters=1000/context", "ns/op"},
	{"cancel and wake 100,000 waiters", "FanOut/waiters=100000/Token", "FanOut/waiters=100000/context", "ns/op"},
	{"cancel to wake-up, one waiter (p50)", "Latency/Token.Done", "Latency/ctx.Done", "p50-µs"},
}

// Target is one goal of the course's performance issue, checked against
// the recorded results.
type Target struct {
	Goal     string // what is promised
	Measured string // what the results say
	Met      bool
}

// Targets checks the goals against the results: every operation of Pairs
// no slower for the token than for context, with no more allocations;
// IsCancelled within 1.1× of the atomic load it is made of; a poller's
// throughput while the other core makes Child, Done and Cause calls on its
// token at least 0.9× of its throughput while the other core makes the
// same calls on another token; CancellableSum at the default interval
// within 1.05× of a plain saturating loop.
func (r *Results) Targets() ([]Target, error) {
	var errs []error
	spread := func(name, unit string) Spread {
		s, ok := r.Spread(name, unit)
		if !ok {
			errs = append(errs, fmt.Errorf("no %s result for %s", unit, name))
		}
		return s
	}
	var ts []Target
	for _, p := range Pairs {
		tok, ctx := spread(p.Token, p.Unit), spread(p.Context, p.Unit)
		v := Verdict(tok, ctx)
		ts = append(ts, Target{
			Goal:     p.What + ": Token no slower than context",
			Measured: fmt.Sprintf("%s against %s: %s", span(tok, p.Unit), span(ctx, p.Unit), v),
			Met:      v != "slower",
		})
		ta, okT := r.Spread(p.Token, "allocs/op")
		ca, okC := r.Spread(p.Context, "allocs/op")
		if okT && okC {
			ts = append(ts, Target{
				Goal:     p.What + ": no more allocations",
				Measured: fmt.Sprintf("%.0f against %.0f allocs/op", ta.Median, ca.Median),
				Met:      ta.Median <= ca.Median,
			})
		}
	}
	ratio := spread("PollPaired", "token/load")
	note := ""
	if ratio.Median < 1 {
		note = " (below 1 is not the token beating the load it is made of: it is noise, or where the loops sit in memory)"
	}
	ts = append(ts, Target{
		Goal:     "IsCancelled within 1.1× of a bare atomic.Bool.Load (timed in alternating batches)",
		Measured: fmt.Sprintf("%s× (%s–%s)%s", format(ratio.Median), format(ratio.Min), format(ratio.Max), note),
		Met:      ratio.Median <= 1.1,
	})
	for _, traffic := range []string{"Child", "Done", "Cause"} {
		r := spread("PollUnderTraffic/"+traffic, "throughput-ratio")
		ts = append(ts, Target{
			Goal:     "a poller's throughput while the other core calls " + traffic + " on its token: at least 0.9× that with the same calls on another token",
			Measured: fmt.Sprintf("%s× (%s–%s)", format(r.Median), format(r.Min), format(r.Max)),
			Met:      r.Median >= 0.9,
		})
	}
	sum, loop := spread("Sum/every=1000", "ns/op"), spread("Sum/inline-loop", "ns/op")
	ts = append(ts, Target{
		Goal:     "CancellableSum (every 1000) within 1.05× of a plain saturating loop",
		Measured: fmt.Sprintf("%s against %s per 10M: %.3f×", span(sum, "ns/op"), span(loop, "ns/op"), sum.Median/loop.Median),
		Met:      sum.Median <= 1.05*loop.Median,
	})
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return ts, nil
}

// span shows a spread as "median (min–max) unit", in readable units.
func span(s Spread, unit string) string {
	switch {
	case unit == "ns/op" && s.Median >= 1e6:
		return fmt.Sprintf("%s ms (%s–%s)", format(s.Median/1e6), format(s.Min/1e6), format(s.Max/1e6))
	case unit == "ns/op" && s.Median >= 1e4:
		return fmt.Sprintf("%s µs (%s–%s)", format(s.Median/1e3), format(s.Min/1e3), format(s.Max/1e3))
	case unit == "ns/op":
		return fmt.Sprintf("%s ns (%s–%s)", format(s.Median), format(s.Min), format(s.Max))
	}
	return fmt.Sprintf("%s µs (%s–%s)", format(s.Median), format(s.Min), format(s.Max))
}
