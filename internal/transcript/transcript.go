// Package transcript stamps the lines a scenario prints with the time since
// it started, and reads such transcripts back.
//
// Inside a testing/synctest bubble the clock is virtual, so a transcript is
// exact: a step of 10ms ends at 10ms, not 10.2ms. Outside one it shows real
// elapsed time, rounded to the millisecond.
package transcript

import (
	"bytes"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"example.com/cancellation/internal/event"
)

// Writer prefixes each complete line written to it with the elapsed time,
// as "[  35ms] text". It is safe for use by multiple goroutines; each Write
// should carry whole lines, as fmt.Fprintln and fmt.Fprintf with a trailing
// newline do.
type Writer struct {
	start time.Time

	mu      sync.Mutex // guards the fields below
	out     io.Writer
	partial []byte        // the start of a line whose newline has not come yet
	events  []event.Event // what the lines meant, as an event.Handler recorded it
}

// NewWriter returns a Writer to out whose clock starts now.
func NewWriter(out io.Writer) *Writer {
	return &Writer{start: time.Now(), out: out}
}

// Write stamps and writes every line in p that ends with a newline, and
// keeps the rest until its newline arrives.
func (w *Writer) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	at := time.Since(w.start)
	w.partial = append(w.partial, p...)
	for {
		i := bytes.IndexByte(w.partial, '\n')
		if i < 0 {
			return len(p), nil
		}
		line := w.partial[:i]
		if _, err := fmt.Fprintf(w.out, "%s %s\n", Stamp(at), line); err != nil {
			return 0, err
		}
		w.partial = w.partial[i+1:]
	}
}

// Record keeps e, stamped with the elapsed time, as an event.Recorder: an
// event.Handler writing to w records its events here.
func (w *Writer) Record(e event.Event) {
	w.mu.Lock()
	defer w.mu.Unlock()
	e.At = time.Since(w.start)
	w.events = append(w.events, e)
}

// Events returns the events recorded so far, in the order of event.Sort.
func (w *Writer) Events() []event.Event {
	w.mu.Lock()
	defer w.mu.Unlock()
	events := slices.Clone(w.events)
	event.Sort(events)
	return events
}

// Stamp formats an elapsed time as a transcript does: "[  35ms]".
func Stamp(d time.Duration) string {
	return fmt.Sprintf("[%4dms]", d.Round(time.Millisecond).Milliseconds())
}

// Line is one line of a transcript.
type Line struct {
	At   time.Duration // the time stamp
	Text string        // what was printed, without the stamp
}

// Parse reads a transcript written by a Writer. Lines without a stamp are
// an error.
func Parse(text string) ([]Line, error) {
	var lines []Line
	for n, s := range strings.Split(strings.TrimSuffix(text, "\n"), "\n") {
		if s == "" && n == 0 {
			continue
		}
		rest, ok := strings.CutPrefix(s, "[")
		stamp, body, ok2 := strings.Cut(rest, "ms] ")
		ms, err := strconv.Atoi(strings.TrimSpace(stamp))
		if !ok || !ok2 || err != nil {
			return nil, fmt.Errorf("line %d: %q has no [NNNNms] stamp", n+1, s)
		}
		lines = append(lines, Line{At: time.Duration(ms) * time.Millisecond, Text: body})
	}
	return lines, nil
}
