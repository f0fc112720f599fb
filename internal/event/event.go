// Package event is the typed record of what a scenario does, kept beside
// the lines it prints: a task began, finished a step, ended (done, cut
// short by a cancel, or failed); the cancel was made; a shutdown's stop
// came; the result stopped mattering.
//
// The transcript shows the lines; the figures draw the events. The two
// share no sentence: a reworded line changes the transcript and never the
// figure, and a figure never guesses what a line means.
//
// A scenario writes through a Log. Every event it records goes to the first
// Recorder under the Log's writer (a transcript.Writer is one), which stamps
// it with the same clock as the lines; with no Recorder the events are
// dropped and the Log only prints.
package event

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
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

// Log writes a scenario's lines to a writer and records, typed, what they
// mean. The zero Log discards everything. A Log is safe for concurrent use
// if its writer is, as a transcript.Writer is.
type Log struct {
	w    io.Writer
	rec  Recorder
	task string // the lane its events are on, "" for the whole scenario
	tag  string // what each line begins with
}

// To returns a Log of the whole scenario, writing to w. Its events go to
// w if w is a Recorder.
func To(w io.Writer) Log {
	rec, _ := w.(Recorder)
	return Log{w: w, rec: rec}
}

// Task returns a Log of the task called name: its lines begin "[name] ",
// so that several tasks can share a transcript, and its events are the
// task's.
func (l Log) Task(name string) Log {
	l.task, l.tag = name, "["+name+"] "
	return l
}

// Lane returns a Log of the task called name whose lines have no tag: for
// a transcript that tells one task at a time.
func (l Log) Lane(name string) Log {
	l.task, l.tag = name, ""
	return l
}

// Write is for the task's own output, as LongTask's writer: it writes p,
// whole lines, behind the Log's tag, and records a Step for each line.
func (l Log) Write(p []byte) (int, error) {
	if l.w == nil {
		return len(p), nil
	}
	for line := range strings.Lines(string(p)) {
		if _, err := io.WriteString(l.w, l.tag+line); err != nil {
			return 0, err
		}
		l.record(Step, "")
	}
	return len(p), nil
}

// Printf writes a line that records nothing: narration.
func (l Log) Printf(format string, args ...any) {
	l.say(format, args)
}

// Begin records that the log's task began, and writes the line.
func (l Log) Begin(format string, args ...any) {
	l.record(Begin, "")
	l.say(format, args)
}

// End records that the log's task ended with err (see OutcomeOf) and
// writes the line. An empty format writes no line: for a task whose result
// is told later.
func (l Log) End(err error, format string, args ...any) {
	l.record(End, OutcomeOf(err))
	l.say(format, args)
}

// Cancel records that the work was cancelled, and writes the line, which
// may be empty as for End.
func (l Log) Cancel(format string, args ...any) {
	l.record(Cancel, "")
	l.say(format, args)
}

// Stop records a shutdown's stop signal, and writes the line.
func (l Log) Stop(format string, args ...any) {
	l.record(Stop, "")
	l.say(format, args)
}

// Unneeded records that the result stopped mattering, and writes the line.
func (l Log) Unneeded(format string, args ...any) {
	l.record(Unneeded, "")
	l.say(format, args)
}

// record records an event of kind k: on the Log's task for the kinds a
// task has, for the whole scenario otherwise. A task's event on a Log of
// no task is a mistake in the scenario, and panics.
func (l Log) record(k Kind, o Outcome) {
	if l.rec == nil {
		return
	}
	e := Event{Kind: k, Outcome: o}
	if kinds[k].task {
		if l.task == "" {
			panic(fmt.Sprintf("event: a %s needs a task: use Log.Task or Log.Lane", k))
		}
		e.Task = l.task
	}
	l.rec.Record(e)
}

func (l Log) say(format string, args []any) {
	if format == "" || l.w == nil {
		return
	}
	fmt.Fprintf(l.w, "%s"+format+"\n", append([]any{l.tag}, args...)...)
}
