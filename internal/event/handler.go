package event

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"strings"
)

// The attributes a Handler reads. A scenario logs with plain log/slog, and
// says with these attributes what a line means:
//
//	task := log.With("lane", "task 1")              // the figure's row "task 1"
//	task.Info("task 1: started", "event", "begin")  // a Begin on that row
//	task.Info("Cancelled: "+err.Error(), "event", "end", "err", err)
//	log.Info("Cancelling...", "event", "cancel")    // the scenario's own event
//	log.Info("the cleanup finished")                // narration: no event
const (
	// TaskKey names the task of a line whose text begins "[name] ", so
	// that several tasks can share a transcript.
	TaskKey = "task"
	// LaneKey names the task of a line printed as it is: for a
	// transcript that tells one task at a time.
	LaneKey = "lane"
	// EventKey says what the line records: one of the Kinds. A line
	// without it is narration and records nothing.
	EventKey = "event"
	// ErrKey is the error an "end" ended with (see OutcomeOf); missing
	// or nil, the task is Done.
	ErrKey = "err"
)

// Handler is a slog.Handler that writes each record's message as a line of
// the transcript and records, typed, what the record's attributes say it
// means. Its events go to the first Recorder under its writer (a
// transcript.Writer is one), which stamps lines and events with one clock;
// with no Recorder it only prints.
//
// The level, the time and any other attribute are not printed: the
// transcript is the messages. A Handler is safe for concurrent use if its
// writer is, as a transcript.Writer is.
//
// A record that says it is an event of a task (begin, step, end) without
// naming the task, or names a kind that does not exist, is a mistake in
// the scenario, and Handle panics: slog would drop a returned error.
type Handler struct {
	w     io.Writer
	rec   Recorder
	attrs []slog.Attr // from WithAttrs, outside any group
	group bool        // WithGroup was called: later attributes are not ours
}

// NewHandler returns a Handler writing to w.
func NewHandler(w io.Writer) *Handler {
	rec, _ := w.(Recorder)
	return &Handler{w: w, rec: rec}
}

// Enabled reports true: a transcript has every line.
func (h *Handler) Enabled(context.Context, slog.Level) bool { return true }

// WithAttrs returns a Handler whose records have attrs too.
func (h *Handler) WithAttrs(attrs []slog.Attr) slog.Handler {
	if h.group || len(attrs) == 0 {
		return h
	}
	h2 := *h
	h2.attrs = append(h.attrs[:len(h.attrs):len(h.attrs)], attrs...)
	return &h2
}

// WithGroup returns a Handler for which the attributes that follow, being
// in a group, mean nothing.
func (h *Handler) WithGroup(name string) slog.Handler {
	if name == "" {
		return h
	}
	h2 := *h
	h2.group = true
	return &h2
}

// Handle writes r's message, a line for each of its lines, behind the
// task's tag, and records the event its attributes name.
func (h *Handler) Handle(_ context.Context, r slog.Record) error {
	var task, tag, kind string
	var err error
	see := func(a slog.Attr) bool {
		switch a.Key {
		case TaskKey:
			task = a.Value.String()
			tag = "[" + task + "] "
		case LaneKey:
			task, tag = a.Value.String(), ""
		case EventKey:
			kind = a.Value.String()
		case ErrKey:
			err, _ = a.Value.Any().(error)
		}
		return true
	}
	for _, a := range h.attrs {
		see(a)
	}
	if !h.group {
		r.Attrs(see)
	}
	k := Kind(kind)
	want, known := kinds[k]
	switch {
	case kind != "" && !known:
		panic(fmt.Sprintf("event: unknown event %q in %q", kind, r.Message))
	case want.task && task == "":
		panic(fmt.Sprintf("event: a %s needs a task: log it with a %q or %q attribute", k, TaskKey, LaneKey))
	}
	e := Event{Kind: k}
	if want.task {
		e.Task = task
	}
	if want.outcome {
		e.Outcome = OutcomeOf(err)
	}
	if k != Step && kind != "" {
		h.record(e)
	}
	if r.Message == "" {
		return nil
	}
	for _, line := range strings.Split(r.Message, "\n") {
		if _, err := io.WriteString(h.w, tag+line+"\n"); err != nil {
			return err
		}
		if k == Step {
			h.record(e)
		}
	}
	return nil
}

func (h *Handler) record(e Event) {
	if h.rec != nil {
		h.rec.Record(e)
	}
}
