// Package event is the typed record of what a scenario does, kept beside
// the lines it prints: a task began, finished a step, ended (done, cut
// short by a cancel, or failed); the cancel was made; a shutdown's stop
// came; the result stopped mattering.
//
// The transcript shows the lines; the figures draw the events. The two
// share no sentence: a reworded line changes the transcript and never the
// figure, and a figure never guesses what a line means.
//
// A scenario is plain Go that logs with log/slog; a Handler turns its
// records into the transcript's lines and, from their attributes, into
// events. Every event goes to the first Recorder under the Handler's
// writer (a transcript.Writer is one), which stamps it with the same clock
// as the lines; with no Recorder the events are dropped and the Handler
// only prints.
package event

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"example.com/cancellation/std"
)

// Kind says what happened.
type Kind string

// The kinds of event.
const (
	Begin    Kind = "begin"    // a task began
	Step     Kind = "step"     // a task finished a step of its work
	End      Kind = "end"      // a task ended; the Outcome says how
	Cancel   Kind = "cancel"   // someone cancelled the work
	Stop     Kind = "stop"     // a shutdown's stop signal came
	Unneeded Kind = "unneeded" // the result stopped mattering, and nobody could say so
)

// Outcome says how a task ended.
type Outcome string

// The outcomes of a task.
const (
	Done   Outcome = "done"   // it did all its work
	Cut    Outcome = "cut"    // a cancel stopped it
	Failed Outcome = "failed" // an error of its own stopped it
)

// OutcomeOf classifies a task's error: Done for nil, Cut for a cancellation
// (std.ErrCancelled, context.Canceled or context.DeadlineExceeded anywhere
// in its chain), Failed for any other error.
func OutcomeOf(err error) Outcome {
	switch {
	case err == nil:
		return Done
	case errors.Is(err, std.ErrCancelled), errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return Cut
	default:
		return Failed
	}
}

// Event is one thing that happened, and when.
type Event struct {
	At      time.Duration // since the scenario began
	Kind    Kind
	Task    string  // the task, for Begin, Step and End
	Outcome Outcome // for End
}

// String formats e as one line of a recording: the stamp, the kind, and
// the task and outcome if it has them, as in
//
//	[  40ms] end "task 1" cut
func (e Event) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "[%4dms] %s", e.At.Round(time.Millisecond).Milliseconds(), e.Kind)
	if e.Task != "" {
		b.WriteString(" " + strconv.Quote(e.Task))
	}
	if e.Outcome != "" {
		b.WriteString(" " + string(e.Outcome))
	}
	return b.String()
}

// Sort puts events in the order of a recording: by time; at one instant,
// the scenario's own events (a cancel, a stop) first, then the tasks' in
// the order the tasks first appeared, each task's in the order they came.
// Goroutines that act at the same instant of a virtual clock act in no
// defined order: Sort makes their recording the same on every run, as
// long as the tasks themselves first appear in a defined order (begun one
// after another by one goroutine, or at different instants).
func Sort(events []Event) {
	rank := map[string]int{"": -1}
	for _, e := range events {
		if _, ok := rank[e.Task]; !ok {
			rank[e.Task] = len(rank)
		}
	}
	slices.SortStableFunc(events, func(a, b Event) int {
		return cmp.Or(cmp.Compare(a.At, b.At), cmp.Compare(rank[a.Task], rank[b.Task]))
	})
}

// Format returns the recording of events, one String a line.
func Format(events []Event) string {
	var b strings.Builder
	for _, e := range events {
		b.WriteString(e.String() + "\n")
	}
	return b.String()
}

var kinds = map[Kind]struct{ task, outcome bool }{
	Begin: {task: true}, Step: {task: true}, End: {task: true, outcome: true},
	Cancel: {}, Stop: {}, Unneeded: {},
}

// Parse reads a recording written by Format. A line that is not an event
// (an unknown kind, a missing or extra field, an unknown outcome) is an
// error naming the line.
func Parse(text string) ([]Event, error) {
	var events []Event
	for n, line := range strings.Split(strings.TrimSuffix(text, "\n"), "\n") {
		if line == "" && n == 0 {
			continue
		}
		e, err := parseLine(line)
		if err != nil {
			return nil, fmt.Errorf("event line %d: %q: %v", n+1, line, err)
		}
		events = append(events, e)
	}
	return events, nil
}

func parseLine(line string) (Event, error) {
	rest, ok := strings.CutPrefix(line, "[")
	stamp, rest, ok2 := strings.Cut(rest, "ms] ")
	ms, err := strconv.Atoi(strings.TrimSpace(stamp))
	if !ok || !ok2 || err != nil {
		return Event{}, errors.New("no [NNNNms] stamp")
	}
	e := Event{At: time.Duration(ms) * time.Millisecond}
	kind, rest, _ := strings.Cut(rest, " ")
	e.Kind = Kind(kind)
	want, ok := kinds[e.Kind]
	if !ok {
		return Event{}, fmt.Errorf("unknown kind %q", kind)
	}
	if want.task {
		q, err := strconv.QuotedPrefix(rest)
		if err != nil {
			return Event{}, errors.New("no quoted task name")
		}
		e.Task, _ = strconv.Unquote(q)
		if e.Task == "" {
			return Event{}, errors.New("an empty task name") // Log records none
		}
		rest = strings.TrimPrefix(rest[len(q):], " ")
	}
	if want.outcome {
		switch o := Outcome(rest); o {
		case Done, Cut, Failed:
			e.Outcome, rest = o, ""
		default:
			return Event{}, fmt.Errorf("unknown outcome %q", rest)
		}
	}
	if rest != "" {
		return Event{}, fmt.Errorf("unexpected %q after the event", rest)
	}
	return e, nil
}

// Recorder keeps events. Record stamps e with the time it is called (the
// At it is given is ignored) and must be safe for concurrent use.
type Recorder interface {
	Record(e Event)
}
