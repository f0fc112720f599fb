package figure

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"example.com/cancellation/internal/event"
)

func parse(t *testing.T, text string) []event.Event {
	t.Helper()
	events, err := event.Parse(text)
	if err != nil {
		t.Fatal(err)
	}
	return events
}

const ms = time.Millisecond

func TestLayoutOfTheFlagVersion(t *testing.T) {
	p, err := layout(Panel{Title: "std", Events: parse(t, `[  10ms] step "task 1"
[  20ms] step "task 1"
[  30ms] step "task 1"
[  35ms] cancel
[  40ms] step "task 1"
[  40ms] end "task 1" cut
[  50ms] step "task 2"
[  50ms] end "task 2" done
`)})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.lanes) != 2 {
		t.Fatalf("got %d lanes, want 2", len(p.lanes))
	}
	first := p.lanes[0]
	want := []bar{
		{step: 0, from: 0, to: 10 * ms},
		{step: 1, from: 10 * ms, to: 20 * ms},
		{step: 2, from: 20 * ms, to: 30 * ms},
		{step: 3, from: 30 * ms, to: 40 * ms, late: true},
	}
	if diff := cmp.Diff(want, first.bars, cmp.AllowUnexported(bar{})); diff != "" {
		t.Errorf("first lane's bars (-want +got):\n%s", diff)
	}
	if !first.wasCancelled || first.noticed != 40*ms || p.cancelAt != 35*ms {
		t.Errorf("cancel at %v, noticed at %v (cancelled %v); want 35ms, 40ms", p.cancelAt, first.noticed, first.wasCancelled)
	}
	second := p.lanes[1]
	if diff := cmp.Diff([]bar{{step: 0, from: 40 * ms, to: 50 * ms}}, second.bars, cmp.AllowUnexported(bar{})); diff != "" {
		t.Errorf("second lane starts where the first ended (-want +got):\n%s", diff)
	}
}

func TestLayoutOfTheSelectVersionCutsTheStep(t *testing.T) {
	p, err := layout(Panel{Title: "ctx", Events: parse(t, `[  10ms] step "task 1"
[  35ms] cancel
[  35ms] end "task 1" cut
`)})
	if err != nil {
		t.Fatal(err)
	}
	want := []bar{{step: 0, from: 0, to: 10 * ms}, {step: 1, from: 10 * ms, to: 35 * ms, cut: true}}
	if diff := cmp.Diff(want, p.lanes[0].bars, cmp.AllowUnexported(bar{})); diff != "" {
		t.Errorf("bars (-want +got):\n%s", diff)
	}
}

func TestTaggedLanes(t *testing.T) {
	p, err := layout(Panel{Title: "tags", Events: parse(t, `[   0ms] begin "A"
[   3ms] begin "B"
[  10ms] step "A"
[  13ms] step "B"
`)})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, l := range p.lanes {
		got = append(got, l.name)
	}
	if diff := cmp.Diff([]string{"A", "B"}, got); diff != "" {
		t.Errorf("lanes (-want +got):\n%s", diff)
	}
	if b := p.lanes[1].bars[0]; b.from != 3*ms || b.to != 13*ms {
		t.Errorf("B's first step spans %v-%v, want 3ms-13ms", b.from, b.to)
	}
}

// TestWholeTasks: a task told without steps is one bar from its begin to
// its end, drawn by how it ended; a name that comes back after its end
// gets a lane of its own.
func TestWholeTasks(t *testing.T) {
	p, err := layout(Panel{Title: "whole", Events: parse(t, `[   0ms] begin "handler"
[  35ms] cancel
[  35ms] end "handler" cut
[  35ms] begin "handler"
[  65ms] end "handler" done
[  65ms] begin "orders"
[  90ms] end "orders" failed
`)})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, l := range p.lanes {
		for _, b := range l.bars {
			got = append(got, fmt.Sprintf("%s %v-%v cut=%v failed=%v", l.name, b.from, b.to, b.cut, b.failed))
		}
	}
	want := []string{
		"handler 0s-35ms cut=true failed=false",
		"handler 35ms-65ms cut=false failed=false",
		"orders 65ms-90ms cut=false failed=true",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("bars (-want +got):\n%s", diff)
	}
}

func TestTimelineIsPlainSVGWithTheFacts(t *testing.T) {
	svg, err := Timeline(Panel{Title: "std", Events: parse(t, "[  10ms] step \"t\"\n[  15ms] cancel\n[  20ms] step \"t\"\n[  20ms] end \"t\" cut\n")})
	if err != nil {
		t.Fatal(err)
	}
	s := string(svg)
	for _, want := range []string{`<svg xmlns="http://www.w3.org/2000/svg"`, "cancel at 15ms", "noticed at 20ms: latency 5ms", "step finished after the cancel", "<title>"} {
		if !strings.Contains(s, want) {
			t.Errorf("SVG lacks %q", want)
		}
	}
	for _, banned := range []string{"<script", "onload", "<foreignObject", "@import"} {
		if strings.Contains(s, banned) {
			t.Errorf("SVG holds %q, which GitHub will not render", banned)
		}
	}
}

func TestTimelineNeedsSteps(t *testing.T) {
	if _, err := Timeline(Panel{Title: "empty", Events: parse(t, "[  35ms] cancel\n")}); err == nil {
		t.Error("Timeline of a transcript with no steps succeeded, want an error")
	}
}

// TestLegendOrderIsStable: a figure whose panels show both steps and whole
// tasks has two legend entries of one rank; they must come out in the same
// order every time (they once followed map iteration order).
func TestLegendOrderIsStable(t *testing.T) {
	panels := []Panel{
		{Title: "steps", Events: parse(t, "[  10ms] step \"t\"\n[  20ms] step \"t\"\n")},
		{Title: "tasks", Events: parse(t, "[   0ms] begin \"job 1\"\n[  30ms] end \"job 1\" done\n")},
	}
	first, err := Timeline(panels...)
	if err != nil {
		t.Fatal(err)
	}
	for _, words := range []string{">step<", ">work<"} {
		if !strings.Contains(string(first), words) {
			t.Fatalf("the figure has no legend entry %s; the test needs both kinds:\n%s", words, first)
		}
	}
	for i := range 200 {
		again, err := Timeline(panels...)
		if err != nil {
			t.Fatal(err)
		}
		if string(again) != string(first) {
			t.Fatalf("rendering %d differs from the first: %s", i+1, cmp.Diff(string(first), string(again)))
		}
	}
}

func TestDescribeTellsTheTimeline(t *testing.T) {
	events := parse(t, `[  10ms] step "task 1"
[  20ms] step "task 1"
[  30ms] step "task 1"
[  35ms] cancel
[  40ms] step "task 1"
[  40ms] end "task 1" cut
`)
	got, err := Describe(Panel{Title: "std: cancel at 35ms", Events: events})
	if err != nil {
		t.Fatal(err)
	}
	want := "std: cancel at 35ms. The cancel comes at 35ms.\n" +
		"- task 1: starts at 0ms; step 0 ends at 10ms; step 1 ends at 20ms; step 2 ends at 30ms; step 3 ends at 40ms, after the cancel (latency 5ms).\n"
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Describe (-want +got):\n%s", diff)
	}
}
