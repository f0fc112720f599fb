// Package bench reads a file of `go test -bench` results (the format
// benchstat reads) and turns it into the tables, charts and target checks
// of docs/performance.md.
package bench

import (
	"bufio"
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

// Target is one goal of the course's performance issue, checked against
// the recorded results.
type Target struct {
	Goal     string // what is promised
	Measured string // what the results say
	Met      bool
}

// Targets checks the goals against the results.
func (r *Results) Targets() ([]Target, error) {
	get := func(name, unit string) (float64, error) {
		v, _, ok := r.Median(name, unit)
		if !ok {
			return 0, fmt.Errorf("no %s result for %s", unit, name)
		}
		return v, nil
	}
	var errs []error
	must := func(name, unit string) float64 {
		v, err := get(name, unit)
		if err != nil {
			errs = append(errs, err)
		}
		return v
	}
	isC := must("PollInline/Token.IsCancelled", "ns/op")
	load := must("PollInline/atomic.Bool.Load", "ns/op")
	ctxErr := must("PollInline/ctx.Err", "ns/op")
	sum1000 := must("Sum/every=1000", "ns/op")
	unchecked := must("Sum/unchecked", "ns/op")
	childT, childC := must("Child/Token", "ns/op"), must("Child/context", "ns/op")
	allocT, allocC := must("Child/Token", "allocs/op"), must("Child/context", "allocs/op")
	fanT, fanC := must("FanOut/children=100000/Token", "ns/op"), must("FanOut/children=100000/context", "ns/op")
	if len(errs) > 0 {
		return nil, fmt.Errorf("%v", errs)
	}
	return []Target{
		{"Token.IsCancelled within 1.2× of a bare atomic.Bool.Load",
			fmt.Sprintf("%.2f ns against %.2f ns: %.2f×", isC, load, isC/load), isC <= 1.2*load},
		{"Token.IsCancelled at least 3× cheaper than ctx.Err()",
			fmt.Sprintf("%.2f ns against %.2f ns: %.1f× cheaper", isC, ctxErr, ctxErr/isC), ctxErr >= 3*isC},
		{"CancellableSum (every 1000) within 5% of the unchecked sum",
			fmt.Sprintf("%.2f ms against %.2f ms per 10M: %+.1f%%", sum1000/1e6, unchecked/1e6, 100*(sum1000/unchecked-1)), sum1000 <= 1.05*unchecked},
		{"Child + Cancel no slower than context.WithCancel + cancel",
			fmt.Sprintf("%.0f ns against %.0f ns", childT, childC), childT <= childC},
		{"… with no more allocations",
			fmt.Sprintf("%.0f against %.0f allocs/op", allocT, allocC), allocT <= allocC},
		{"cancelling a parent with 100k children no slower than context",
			fmt.Sprintf("%.1f ms against %.1f ms", fanT/1e6, fanC/1e6), fanT <= fanC},
	}, nil
}
