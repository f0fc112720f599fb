package bench

import (
	"fmt"
	"strings"

	"example.com/cancellation/internal/figure"
)

// Table renders one kind of results as a markdown table: "targets",
// "machine", or a benchmark group ("poll", "sum", "latency", "child",
// "fanout").
func (r *Results) Table(kind string) (string, error) {
	var b strings.Builder
	switch kind {
	case "machine":
		for _, k := range []string{"goos", "goarch", "cpu", "pkg"} {
			if v, ok := r.Config[k]; ok {
				fmt.Fprintf(&b, "- %s: `%s`\n", k, v)
			}
		}
		return b.String(), nil
	case "targets":
		ts, err := r.Targets()
		if err != nil {
			return "", err
		}
		b.WriteString("| goal | measured (medians) | met |\n| --- | --- | --- |\n")
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
	names := r.Names(g.prefix)
	if len(names) == 0 {
		return "", fmt.Errorf("no results for %s", g.prefix)
	}
	fmt.Fprintf(&b, "| benchmark | %s | runs |\n| --- | %s--- |\n", strings.Join(g.units, " | "), strings.Repeat("---: | ", len(g.units)))
	for _, n := range names {
		var cells []string
		runs := 0
		for _, u := range g.units {
			v, k, ok := r.Median(n, u)
			if !ok {
				cells = append(cells, "")
				continue
			}
			runs = k
			cells = append(cells, format(v))
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
	"sum":     {"Sum/", []string{"ns/op"}, "ns/op", false, "Summing 10M values, checking every N items (ms per 10M, median)"},
	"latency": {"Latency/", []string{"p50-µs", "p99-µs"}, "p99-µs", true, "From cancel to the task noticing, p99 (µs, log scale)"},
	"child":   {"Child/", []string{"ns/op", "B/op", "allocs/op"}, "ns/op", false, "A short-lived child: make it, cancel it (ns, median)"},
	"done":    {"Done/", []string{"ns/op"}, "ns/op", false, "Asking for the Done channel, from both cores (ns, median)"},
	"fanout":  {"FanOut/", []string{"ns/op"}, "ns/op", true, "Cancelling a parent with n children or n waiters (µs, log scale)"},
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
	for _, n := range r.Names(g.prefix) {
		v, _, ok := r.Median(n, g.chart)
		if !ok {
			continue
		}
		label := strings.TrimPrefix(n, g.prefix)
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
