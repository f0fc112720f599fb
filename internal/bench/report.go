package bench

import (
	"fmt"
	"strings"

	"example.com/cancellation/internal/figure"
)

// Table renders one kind of results as a markdown table: "targets",
// "machine", "versus" (each operation, Token against context, with a
// computed verdict), or a benchmark group ("poll", "sum", "latency",
// "child", "done", "traffic", "fanout").
func (r *Results) Table(kind string) (string, error) {
	var b strings.Builder
	switch kind {
	case "machine":
		for _, k := range []string{"go", "goos", "goarch", "cpu", "pkg"} {
			if v, ok := r.Config[k]; ok {
				fmt.Fprintf(&b, "- %s: `%s`\n", k, v)
			}
		}
		return b.String(), nil
	case "interval":
		return r.intervalTable()
	case "versus":
		b.WriteString("| operation | std.Token | context | verdict | allocs/op, B/op (Token / context) |\n| --- | ---: | ---: | --- | --- |\n")
		for _, p := range Pairs {
			tok, ok1 := r.Spread(p.Token, p.Unit)
			ctx, ok2 := r.Spread(p.Context, p.Unit)
			if !ok1 || !ok2 {
				return "", fmt.Errorf("no %s results for %s and %s", p.Unit, p.Token, p.Context)
			}
			mem := ""
			if ta, ok := r.Spread(p.Token, "allocs/op"); ok {
				tb, _ := r.Spread(p.Token, "B/op")
				ca, _ := r.Spread(p.Context, "allocs/op")
				cb, _ := r.Spread(p.Context, "B/op")
				mem = fmt.Sprintf("%.0f, %.0f / %.0f, %.0f", ta.Median, tb.Median, ca.Median, cb.Median)
			}
			fmt.Fprintf(&b, "| %s | %s | %s | %s | %s |\n", p.What, span(tok, p.Unit), span(ctx, p.Unit), Verdict(tok, ctx), mem)
		}
		return b.String(), nil
	case "targets":
		ts, err := r.Targets()
		if err != nil {
			return "", err
		}
		b.WriteString("| goal | measured: median (min–max) of the runs | met |\n| --- | --- | --- |\n")
		for _, t := range ts {
			met := "yes"
			if !t.Met {
				met = "**no**"
			}
			fmt.Fprintf(&b, "| %s | %s | %s |\n", t.Goal, t.Measured, met)
		}
		return b.String(), nil
	}
	g, ok := groups[kind]
	if !ok {
		return "", fmt.Errorf("unknown table %q", kind)
	}
	names := g.names(r)
	if len(names) == 0 {
		return "", fmt.Errorf("no results for %s", g.prefix)
	}
	fmt.Fprintf(&b, "| benchmark | %s | runs |\n| --- | %s--- |\n", strings.Join(g.units, " (median, min–max) | ")+" (median, min–max)", strings.Repeat("---: | ", len(g.units)))
	for _, n := range names {
		var cells []string
		runs := 0
		for _, u := range g.units {
			s, ok := r.Spread(n, u)
			if !ok {
				cells = append(cells, "")
				continue
			}
			runs = s.Runs
			cells = append(cells, fmt.Sprintf("%s (%s–%s)", format(s.Median), format(s.Min), format(s.Max)))
		}
		fmt.Fprintf(&b, "| `%s` | %s | %d |\n", n, strings.Join(cells, " | "), runs)
	}
	return b.String(), nil
}

type group struct {
	prefix string
	units  []string
	chart  string // the unit charted
	log    bool
	title  string
}

var groups = map[string]group{
	"poll":    {"Poll", []string{"ns/op"}, "ns/op", false, "Cost of one check (ns, median)"},
	"paired":  {"PollPaired", []string{"token-ns/poll", "load-ns/poll", "token/load"}, "token/load", false, "Token.IsCancelled against atomic.Bool.Load, in alternating batches"},
	"sum":     {"Sum/", []string{"ns/op"}, "ns/op", false, "Summing 10M values, checking every N items (ms per 10M, median)"},
	"latency": {"Latency/", []string{"p50-µs", "p99-µs"}, "p99-µs", true, "From cancel to the task noticing, p99 (µs, log scale)"},
	"child":   {"Child/", []string{"ns/op", "B/op", "allocs/op"}, "ns/op", false, "A short-lived child: make it, cancel it (ns, median)"},
	"done":    {"Done/", []string{"ns/op", "B/op", "allocs/op"}, "ns/op", false, "Asking for the Done channel (ns, median)"},
	"traffic": {"PollUnderTraffic/", []string{"idle-ns/poll", "busy-ns/poll", "traffic-ns/poll", "throughput-ratio"}, "throughput-ratio", false, "A poller's throughput while the other core works on its token, against the same work on another token"},
	"fanout":  {"FanOut/", []string{"ns/op"}, "ns/op", true, "Cancelling a parent with n children or n waiters (µs, log scale)"},
}

// names are the group's benchmarks: those under its prefix that report
// its first unit and belong to no group of a longer prefix (so "Poll"
// leaves out PollPaired and PollUnderTraffic, whose ns/op time a batch of
// work, not one check).
func (g group) names(r *Results) []string {
	var names []string
	for _, n := range r.Names(g.prefix) {
		if _, ok := r.Spread(n, g.units[0]); ok && !g.inLongerGroup(n) {
			names = append(names, n)
		}
	}
	return names
}

// inLongerGroup reports whether benchmark n is under the prefix of
// another group, longer than g's.
func (g group) inLongerGroup(n string) bool {
	for _, o := range groups {
		if len(o.prefix) > len(g.prefix) && strings.HasPrefix(o.prefix, g.prefix) && strings.HasPrefix(n, o.prefix) {
			return true
		}
	}
	return false
}

// label is benchmark n as a row of g's chart: without the group's prefix
// and the slash after it ("Poll/ctx.Err" is "ctx.Err").
func (g group) label(n string) string {
	return strings.TrimPrefix(strings.TrimPrefix(n, g.prefix), "/")
}

func format(v float64) string {
	switch {
	case v >= 100:
		return fmt.Sprintf("%.0f", v)
	case v >= 10:
		return fmt.Sprintf("%.1f", v)
	default:
		return fmt.Sprintf("%.3g", v)
	}
}

// Chart draws a benchmark group as a horizontal bar chart.
func (r *Results) Chart(kind string) ([]byte, error) {
	g, ok := groups[kind]
	if !ok {
		return nil, fmt.Errorf("unknown chart %q", kind)
	}
	var rows []figure.Row
	for _, n := range g.names(r) {
		v, _, ok := r.Median(n, g.chart)
		if !ok {
			continue
		}
		label := g.label(n)
		row := figure.Row{Label: label, Value: v}
		switch kind {
		case "sum":
			row.Value = v / 1e6
			row.Text = fmt.Sprintf("%.2f ms", row.Value)
			if every, ok := strings.CutPrefix(label, "every="); ok && every != "never" {
				var n float64
				fmt.Sscan(every, &n)
				row.Text += fmt.Sprintf(", worst-case latency ≈ %s", micro(n*v/1e7))
			}
		case "fanout":
			row.Value = v / 1e3
			row.Text = fmt.Sprintf("%s µs", format(row.Value))
		case "latency":
			p50, _, _ := r.Median(n, "p50-µs")
			row.Text = fmt.Sprintf("p99 %s µs (p50 %s µs)", format(v), format(p50))
		default:
			row.Text = format(v) + " ns"
		}
		rows = append(rows, row)
	}
	if len(rows) == 0 {
		return nil, fmt.Errorf("no results for %s", g.prefix)
	}
	return figure.Bars(g.title, g.log, rows)
}

// micro formats a duration given in ns.
func micro(ns float64) string {
	if ns < 1000 {
		return fmt.Sprintf("%.0f ns", ns)
	}
	return fmt.Sprintf("%.1f µs", ns/1000)
}

// SumItems is how many values BenchmarkSum adds in one op.
const SumItems = 10_000_000

// Budget is the latency budget that lesson 22 works an interval out for.
const Budget = 100e3 // ns: 100µs

// intervalTable works out, from the recorded sums, the two bounds of a
// check interval for a Budget of latency: what one item costs, the largest
// interval whose chunk fits in the budget, the smallest measured interval
// whose checks cost at most 5% (by median) over the unchecked sum, and the
// worst case at CheckInterval.
func (r *Results) intervalTable() (string, error) {
	unchecked, ok := r.Spread("Sum/unchecked", "ns/op")
	if !ok {
		return "", fmt.Errorf("no results for Sum/unchecked")
	}
	per := Spread{Min: unchecked.Min / SumItems, Median: unchecked.Median / SumItems, Max: unchecked.Max / SumItems}
	smallest := ""
	for _, every := range []int{1, 16, 256, 1000, 4096} {
		s, ok := r.Spread(fmt.Sprintf("Sum/every=%d", every), "ns/op")
		if ok && s.Median <= 1.05*unchecked.Median {
			smallest = fmt.Sprintf("every %d items (%+.1f%%)", every, 100*(s.Median/unchecked.Median-1))
			break
		}
	}
	if smallest == "" {
		smallest = "none of the measured intervals"
	}
	var b strings.Builder
	b.WriteString("| worked out from the recorded sums | value |\n| --- | ---: |\n")
	fmt.Fprintf(&b, "| time of one item: the unchecked sum ÷ %d items | %s ns (%s–%s) |\n", SumItems, format(per.Median), format(per.Min), format(per.Max))
	fmt.Fprintf(&b, "| upper bound for a %.0fµs budget: budget ÷ time of one item | %.0f items |\n", Budget/1e3, Budget/per.Median)
	fmt.Fprintf(&b, "| lower bound: the smallest measured interval within 5%% of the unchecked sum (medians) | %s |\n", smallest)
	fmt.Fprintf(&b, "| worst case at the default interval: 1000 × time of one item | %s |\n", micro(1000*per.Median))
	return b.String(), nil
}
