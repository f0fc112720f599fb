package event_test

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"example.com/cancellation/internal/event"
	"example.com/cancellation/std"
)

// recorder keeps events in the order they come, stamped with a counter.
type recorder struct {
	strings.Builder
	mu     sync.Mutex
	events []event.Event
}

func (r *recorder) Record(e event.Event) {
	r.mu.Lock()
	defer r.mu.Unlock()
	e.At = time.Duration(len(r.events)) * time.Millisecond
	r.events = append(r.events, e)
}

func TestHandlerPrintsAndRecords(t *testing.T) {
	var r recorder
	log := slog.New(event.NewHandler(&r))
	a := log.With("task", "A")
	a.Info("started", "event", "begin")
	fmt.Fprint(slog.NewLogLogger(a.With("event", "step").Handler(), slog.LevelInfo).Writer(), "Step 0 complete\nStep 1 complete\n")
	log.Info("Cancelling...", "event", "cancel")
	err := &std.StepError{Step: 2}
	a.Info("Cancelled: "+err.Error(), "event", "end", "err", err)
	main := log.With("lane", "main")
	main.Info("", "event", "begin")
	main.Info("", "event", "end", "err", errors.New("disk full"))
	main.Info("narration records nothing, even on a lane", "level", "ignored")
	log.WithGroup("g").Info("attributes in a group mean nothing", "event", "stop")
	log.Info("a scenario's own event", "event", "stop")

	wantText := `[A] started
[A] Step 0 complete
[A] Step 1 complete
Cancelling...
[A] Cancelled: cancelled at step 2
narration records nothing, even on a lane
attributes in a group mean nothing
a scenario's own event
`
	if diff := cmp.Diff(wantText, r.String()); diff != "" {
		t.Errorf("lines (-want +got):\n%s", diff)
	}
	wantEvents := `[   0ms] begin "A"
[   1ms] step "A"
[   2ms] step "A"
[   3ms] cancel
[   4ms] end "A" cut
[   5ms] begin "main"
[   6ms] end "main" failed
[   7ms] stop
`
	if diff := cmp.Diff(wantEvents, event.Format(r.events)); diff != "" {
		t.Errorf("events (-want +got):\n%s", diff)
	}
}

func TestOutcomeOf(t *testing.T) {
	tests := []struct {
		err  error
		want event.Outcome
	}{
		{nil, event.Done},
		{&std.StepError{Step: 1}, event.Cut},
		{fmt.Errorf("fetch: %w", context.Canceled), event.Cut},
		{context.DeadlineExceeded, event.Cut},
		{errors.New("database unreachable"), event.Failed},
	}
	for _, tt := range tests {
		if got := event.OutcomeOf(tt.err); got != tt.want {
			t.Errorf("OutcomeOf(%v) = %s, want %s", tt.err, got, tt.want)
		}
	}
}

func TestMistakesInAScenarioPanic(t *testing.T) {
	for name, logIt := range map[string]func(*slog.Logger){
		"a step of no task": func(l *slog.Logger) { l.Info("Step 0 complete", "event", "step") },
		"an end of no task": func(l *slog.Logger) { l.Info("done", "event", "end") },
		"an unknown event":  func(l *slog.Logger) { l.With("lane", "t").Info("x", "event", "finish") },
	} {
		t.Run(name, func(t *testing.T) {
			defer func() {
				if recover() == nil {
					t.Error("no panic: the mistake would go unseen")
				}
			}()
			logIt(slog.New(event.NewHandler(&recorder{})))
		})
	}
}

func TestWithoutARecorderAHandlerOnlyPrints(t *testing.T) {
	var b strings.Builder
	log := slog.New(event.NewHandler(&b))
	log.Info("Cancelling...", "event", "cancel")
	log.With("lane", "t").Info("Step 0 complete", "event", "step")
	if got, want := b.String(), "Cancelling...\nStep 0 complete\n"; got != want {
		t.Errorf("printed %q, want %q", got, want)
	}
}

func TestParseRoundTrip(t *testing.T) {
	text := `[   0ms] begin "worker A"
[  10ms] step "worker A"
[  35ms] cancel
[  35ms] stop
[  35ms] unneeded
[  40ms] end "worker A" cut
[  45ms] end "with \"quotes\"" done
`
	events, err := event.Parse(text)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(text, event.Format(events)); diff != "" {
		t.Errorf("Format(Parse(text)) (-want +got):\n%s", diff)
	}
}

func TestParseNamesTheBadLine(t *testing.T) {
	for _, tt := range []struct{ text, want string }{
		{"[  1ms] begin \"a\"\nStep 0 complete\n", `event line 2: "Step 0 complete": no [NNNNms] stamp`},
		{"[  1ms] done \"a\"\n", `unknown kind "done"`},
		{"[  1ms] step a\n", "no quoted task name"},
		{"[  1ms] begin \"\"\n", "an empty task name"}, // found by FuzzParse
		{"[  1ms] end \"a\" finished\n", `unknown outcome "finished"`},
		{"[  1ms] cancel now\n", `unexpected "now" after the event`},
		{"[  1ms] step \"a\" cut\n", `unexpected "cut" after the event`},
	} {
		_, err := event.Parse(tt.text)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Parse(%q) = %v, want an error containing %q", tt.text, err, tt.want)
		}
	}
}

// TestSortKeepsEachTaskInOrder: events of one instant come out the same
// whatever order concurrent goroutines recorded them in.
func TestSortKeepsEachTaskInOrder(t *testing.T) {
	const ms = time.Millisecond
	one := []event.Event{
		{At: 0, Kind: event.Begin, Task: "B"},
		{At: 0, Kind: event.Begin, Task: "A"},
		{At: 35 * ms, Kind: event.End, Task: "A", Outcome: event.Cut},
		{At: 35 * ms, Kind: event.Cancel},
		{At: 35 * ms, Kind: event.End, Task: "B", Outcome: event.Cut},
		{At: 35 * ms, Kind: event.Begin, Task: "B"}, // B again, after its end
	}
	other := []event.Event{one[0], one[1], one[4], one[5], one[3], one[2]}
	event.Sort(one)
	event.Sort(other)
	want := `[   0ms] begin "B"
[   0ms] begin "A"
[  35ms] cancel
[  35ms] end "B" cut
[  35ms] begin "B"
[  35ms] end "A" cut
`
	for _, got := range [][]event.Event{one, other} {
		if diff := cmp.Diff(want, event.Format(got)); diff != "" {
			t.Errorf("sorted (-want +got):\n%s", diff)
		}
	}
}

// FuzzParse: any text either parses into events that format back to the
// same events, or is an error naming a line; never a panic.
func FuzzParse(f *testing.F) {
	f.Add("[   0ms] begin \"A\"\n[  10ms] step \"A\"\n[  35ms] cancel\n[  40ms] end \"A\" cut\n")
	f.Add("[  1ms] end \"a\\\"b\" failed\n")
	f.Add("[  1ms] step \"a\" cut\n")
	f.Add("[x] stop\n")
	f.Fuzz(func(t *testing.T, text string) {
		events, err := event.Parse(text)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "event line ") {
				t.Fatalf("Parse error %q does not name the line", err)
			}
			return
		}
		again, err := event.Parse(event.Format(events))
		if err != nil {
			t.Fatalf("Parse(Format(events)) = %v", err)
		}
		if diff := cmp.Diff(events, again); diff != "" {
			t.Fatalf("Parse(Format(Parse(text))) differs (-first +again):\n%s", diff)
		}
	})
}
