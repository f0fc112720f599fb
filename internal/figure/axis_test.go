package figure

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"testing"
	"time"

	"example.com/cancellation/internal/event"
)

// tickText is a tick label of an axis: a bare time, centred under its tick.
var tickText = regexp.MustCompile(`<text x="([\d.]+)" y="(\d+)" text-anchor="middle" fill="` + muted + `">(\d+m?s)</text>`)

// checkTicks fails if two tick labels of one axis of svg touch, or if a
// tick is not a round value (1, 2 or 5 times a power of ten).
func checkTicks(t *testing.T, name string, svg []byte) {
	t.Helper()
	type label struct {
		x    float64
		text string
	}
	axes := map[string][]label{}
	for _, m := range tickText.FindAllSubmatch(svg, -1) {
		x, _ := strconv.ParseFloat(string(m[1]), 64)
		axes[string(m[2])] = append(axes[string(m[2])], label{x, string(m[3])})
	}
	if len(axes) == 0 {
		t.Errorf("%s: no tick labels", name)
	}
	for y, labels := range axes {
		slices.SortFunc(labels, func(a, b label) int { return int(a.x - b.x) })
		for i := 1; i < len(labels); i++ {
			a, b := labels[i-1], labels[i]
			room := float64(len(a.text)+len(b.text)) / 2 * charWidth
			if b.x-a.x < room+tickGap {
				t.Errorf("%s: tick labels %q and %q at y=%s are %.1f apart, want %.1f at least", name, a.text, b.text, y, b.x-a.x, room+tickGap)
			}
		}
		if len(labels) > 1 {
			d, err := time.ParseDuration(labels[1].text)
			if err != nil || !round(d) {
				t.Errorf("%s: ticks every %s, want 1, 2 or 5 times a power of ten", name, labels[1].text)
			}
		}
	}
}

func round(d time.Duration) bool {
	for d >= 10 && d%10 == 0 {
		d /= 10
	}
	return d == 1 || d == 2 || d == 5
}

// TestTickLabelsNeverTouch: on every recorded figure, and on a live run
// of any length from 0.1s to 10s (the longest a lesson's live run takes,
// and more), the axis is ticked at round values and no two labels touch.
// The live runs are drawn with a lane cut at the very end, whose "noticed"
// label narrows the plot the most.
func TestTickLabelsNeverTouch(t *testing.T) {
	figs, err := filepath.Glob(filepath.Join("..", "..", "docs", "figures", "*.svg"))
	if err != nil {
		t.Fatal(err)
	}
	recorded := 0
	for _, f := range figs {
		if filepath.Base(f)[:6] == "bench-" {
			continue // bar charts: no time axis
		}
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		checkTicks(t, filepath.Base(f), data)
		recorded++
	}
	if recorded == 0 {
		t.Error("no recorded figure found")
	}
	for d := 100 * time.Millisecond; d <= 10*time.Second; d += d / 20 {
		d = d.Round(time.Millisecond)
		events := []event.Event{{At: 0, Kind: event.Begin, Task: "a long task name"}}
		step := d / 8
		for at := step; at < d; at += step {
			events = append(events, event.Event{At: at, Kind: event.Step, Task: "a long task name"})
		}
		events = append(events,
			event.Event{At: d / 2, Kind: event.Cancel},
			event.Event{At: d, Kind: event.End, Task: "a long task name", Outcome: event.Cut})
		event.Sort(events)
		svg, err := Timeline(Panel{Title: "live", Events: events})
		if err != nil {
			t.Fatalf("a run of %v: %v", d, err)
		}
		checkTicks(t, "a live run of "+d.String(), svg)
	}
}

// TestTheLegendNamesOnlyWhatIsDrawn: a live run whose cancel lands just as
// a step ends has a cut step a few microseconds long, too thin to see:
// the legend must not name it.
func TestTheLegendNamesOnlyWhatIsDrawn(t *testing.T) {
	svg, err := Timeline(Panel{Title: "live", Events: []event.Event{
		{At: 10 * time.Millisecond, Kind: event.Step, Task: "t"},
		{At: 20 * time.Millisecond, Kind: event.Step, Task: "t"},
		{At: 20 * time.Millisecond, Kind: event.Cancel},
		{At: 20*time.Millisecond + 30*time.Microsecond, Kind: event.End, Task: "t", Outcome: event.Cut},
	}})
	if err != nil {
		t.Fatal(err)
	}
	if regexp.MustCompile(`cut short`).Match(svg) {
		t.Errorf("the legend names a cut step, and none is drawn:\n%s", svg)
	}
}

// TestUntilFixesTheAxis: a replay drawn as it grows keeps the axis of the
// whole recording (Panel.Until), so its first frames are ticked as its
// last.
func TestUntilFixesTheAxis(t *testing.T) {
	part := []event.Event{{At: 10 * time.Millisecond, Kind: event.Step, Task: "t"}}
	whole := append(part, event.Event{At: 200 * time.Millisecond, Kind: event.Step, Task: "t"})
	ticks := func(p Panel) []string {
		svg, err := Timeline(p)
		if err != nil {
			t.Fatal(err)
		}
		var labels []string
		for _, m := range tickText.FindAllSubmatch(svg, -1) {
			labels = append(labels, string(m[3]))
		}
		return labels
	}
	got, want := ticks(Panel{Title: "replay", Events: part, Until: 200 * time.Millisecond}), ticks(Panel{Title: "replay", Events: whole})
	if !slices.Equal(got, want) {
		t.Errorf("the first frame's ticks %q, want the whole recording's %q", got, want)
	}
}
