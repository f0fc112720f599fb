package bench

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

const sample = `goos: linux
goarch: amd64
pkg: example.com/cancellation/std
cpu: Some CPU @ 2.00GHz
BenchmarkPollInline/Token.IsCancelled-2   	1000000000	         0.55 ns/op
BenchmarkPollInline/Token.IsCancelled-2   	1000000000	         0.60 ns/op
BenchmarkPollInline/Token.IsCancelled-2   	1000000000	         0.50 ns/op
BenchmarkChild/Token-2   	16948536	        76 ns/op	      64 B/op	       1 allocs/op
BenchmarkChild/Token-2   	16948536	        74 ns/op	      64 B/op	       1 allocs/op
BenchmarkLatency/ctx.Done-2   	1141	   1040779 ns/op	         2.1 p50-µs	        18 p99-µs
PASS
ok  	example.com/cancellation/std	43.888s
`

func TestParseAndMedian(t *testing.T) {
	r, err := Parse(strings.NewReader(sample))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, unit string
		want       float64
		runs       int
	}{
		{"PollInline/Token.IsCancelled", "ns/op", 0.55, 3},
		{"Child/Token", "ns/op", 75, 2},
		{"Child/Token", "allocs/op", 1, 2},
		{"Latency/ctx.Done", "p99-µs", 18, 1},
	}
	for _, tt := range tests {
		got, runs, ok := r.Median(tt.name, tt.unit)
		if !ok || got != tt.want || runs != tt.runs {
			t.Errorf("Median(%s, %s) = %v, %d runs, %v; want %v, %d runs", tt.name, tt.unit, got, runs, ok, tt.want, tt.runs)
		}
	}
	if _, _, ok := r.Median("Nope", "ns/op"); ok {
		t.Error("Median of a missing benchmark is ok")
	}
	if diff := cmp.Diff("Some CPU @ 2.00GHz", r.Config["cpu"]); diff != "" {
		t.Errorf("cpu (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"Child/Token"}, r.Names("Child/")); diff != "" {
		t.Errorf("Names (-want +got):\n%s", diff)
	}
}

func TestParseRejectsGarbage(t *testing.T) {
	for _, in := range []string{"", "PASS\n", "BenchmarkX-2 10 abc ns/op\n", "BenchmarkX-2 10 5\n"} {
		if _, err := Parse(strings.NewReader(in)); err == nil {
			t.Errorf("Parse(%q) succeeded, want an error", in)
		}
	}
}

func TestTargetsNeedTheirBenchmarks(t *testing.T) {
	r, _ := Parse(strings.NewReader(sample))
	if _, err := r.Targets(); err == nil || !strings.Contains(err.Error(), "Sum/every=1000") {
		t.Errorf("Targets on partial results: %v, want an error naming what is missing", err)
	}
}

// TestRecordedResultsMeetTargets checks the committed run, the one that
// docs/performance.md reports: a recording that misses a target fails here.
func TestRecordedResultsMeetTargets(t *testing.T) {
	f, err := os.Open(filepath.Join("..", "..", "docs", "bench", "results.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r, err := Parse(f)
	if err != nil {
		t.Fatal(err)
	}
	targets, err := r.Targets()
	if err != nil {
		t.Fatal(err)
	}
	for _, tg := range targets {
		if !tg.Met {
			t.Errorf("target missed in docs/bench/results.txt: %s: %s", tg.Goal, tg.Measured)
		}
	}
}

func TestVerdict(t *testing.T) {
	tests := []struct {
		tok, ctx Spread
		want     string
	}{
		{Spread{Min: 1, Median: 2, Max: 3}, Spread{Min: 4, Median: 5, Max: 6}, "faster"},
		{Spread{Min: 4, Median: 5, Max: 6}, Spread{Min: 1, Median: 2, Max: 3}, "slower"},
		{Spread{Min: 1, Median: 2, Max: 5}, Spread{Min: 4, Median: 5, Max: 6}, "same within noise"},
		{Spread{Min: 1, Median: 1, Max: 1}, Spread{Min: 1, Median: 1, Max: 1}, "same within noise"},
	}
	for _, tt := range tests {
		if got := Verdict(tt.tok, tt.ctx); got != tt.want {
			t.Errorf("Verdict(%+v, %+v) = %q, want %q", tt.tok, tt.ctx, got, tt.want)
		}
	}
}

// TestTargetsCanFail: a recording in which every goal is met but one (the
// token's Done is slower than context's, with no overlap) misses exactly
// that one; and a spread that overlaps is not called faster.
func TestTargetsCanFail(t *testing.T) {
	var b strings.Builder
	line := func(name string, vals ...string) {
		for _, v := range vals {
			fmt.Fprintf(&b, "Benchmark%s-2 100 %s\n", name, v)
		}
	}
	for _, p := range Pairs {
		unit := p.Unit
		tokV, ctxV := "1 "+unit, "2 "+unit
		if p.Token == "Done/later/Token" {
			tokV, ctxV = "3 "+unit, "2 "+unit
		}
		line(p.Token, tokV, tokV)
		line(p.Context, ctxV, ctxV)
	}
	line("PollPaired", "1 token/load")
	for _, n := range []string{"Child", "Done", "Cause"} {
		line("PollUnderTraffic/"+n, "1 throughput-ratio")
	}
	line("Sum/every=1000", "100 ns/op")
	line("Sum/inline-loop", "100 ns/op")
	r, err := Parse(strings.NewReader(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	ts, err := r.Targets()
	if err != nil {
		t.Fatal(err)
	}
	var missed []string
	for _, tg := range ts {
		if !tg.Met {
			missed = append(missed, tg.Goal)
		}
	}
	if want := []string{"Done, later calls: Token no slower than context"}; !slices.Equal(missed, want) {
		t.Errorf("missed targets = %q, want %q", missed, want)
	}
}

// The chart of one check holds the checks only, each named without its
// group's prefix: not PollUnderTraffic's batches, thousands of times
// longer, which flattened the checks to hairlines.
func TestThePollChartHoldsOnlyChecks(t *testing.T) {
	f, err := os.Open(filepath.Join("..", "..", "docs", "bench", "results.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r, err := Parse(f)
	if err != nil {
		t.Fatal(err)
	}
	svg, err := r.Chart("poll")
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"UnderTraffic", "Paired", `">/`} {
		if strings.Contains(string(svg), bad) {
			t.Errorf("the poll chart has %q:\n%s", bad, svg)
		}
	}
	for _, want := range []string{">Token.IsCancelled<", ">Inline/ctx.Err<"} {
		if !strings.Contains(string(svg), want) {
			t.Errorf("the poll chart lacks the row %s", want)
		}
	}
}

// Every group charts from the recorded results: none is refused for a
// scale its bars do not fit.
func TestEveryGroupCharts(t *testing.T) {
	f, err := os.Open(filepath.Join("..", "..", "docs", "bench", "results.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r, err := Parse(f)
	if err != nil {
		t.Fatal(err)
	}
	for kind := range groups {
		if _, err := r.Chart(kind); err != nil {
			t.Errorf("chart %s: %v", kind, err)
		}
	}
}
