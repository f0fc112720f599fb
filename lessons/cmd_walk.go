package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"strings"
	"sync"

	cancellation "example.com/cancellation"
	"example.com/cancellation/internal/course"
	"example.com/cancellation/internal/scenario"
)

var cmdWalk = &command{
	UsageLine: "walk [-color=WHEN] [-width=N] <lesson>",
	Short:     "a lesson one section per Enter (q quits), its scenario played live",
	Long: `Walk shows a lesson one section at a time, for an instructor at a
terminal: Enter goes on, q quits. Where a section shows a scenario's
recorded transcript, walk then plays that scenario live, on the real
clock. With its input at an end (piped), it shows the rest at once.
Each section lists its own links at its end.`,
	Flags: viewCommand(func(ctx context.Context, s stdio, r renderer, l course.Lesson) error {
		err := walk(ctx, l, r, s.in, s.out)
		if err != nil && r.color {
			io.WriteString(s.out, reset) // leave the terminal as it was
		}
		return err
	}),
}

// walk shows lesson l one section at a time, for an instructor at a
// terminal. After each section it waits for a line on stdin: an empty line
// goes on, "q" quits. Where a section shows a scenario's recorded
// transcript, walk then plays that scenario live. When stdin ends (piped
// input used up, or closed), it shows the rest without waiting.
//
// Ctrl-C (ctx's end) stops it, at a prompt too.
func walk(ctx context.Context, l course.Lesson, r renderer, stdin io.Reader, w io.Writer) error {
	lines, stop := readLines(stdin)
	defer stop()
	waiting := true
	for i, sec := range l.Sections {
		if i > 0 {
			fmt.Fprintln(w)
		}
		fmt.Fprint(w, r.render(l.Doc, sec.Nodes))
		for _, d := range sec.Directives {
			if name := recordedScenario(d); name != "" {
				fmt.Fprintln(w, r.style(bold, "\nThat was recorded on a virtual clock. Now live, on the real one:"))
				if err := play(ctx, l, name, scenario.Options{}, w, r.width); err != nil {
					return err
				}
			}
		}
		if i == len(l.Sections)-1 || !waiting {
			continue
		}
		fmt.Fprintf(w, "\n%s", r.style(noticeDim, fmt.Sprintf("-- %d/%d -- Enter: next section, q: quit ", i+1, len(l.Sections))))
		var line string
		var ok bool
		select {
		case <-ctx.Done():
			return ctx.Err()
		case line, ok = <-lines:
		}
		if !ok {
			waiting = false // no more input: show the rest
			fmt.Fprintln(w)
			continue
		}
		if strings.EqualFold(strings.TrimSpace(line), "q") {
			fmt.Fprintln(w, "(stopped at your request)")
			return nil
		}
	}
	return nil
}

// readLines reads r line by line on its own goroutine, so that a wait for
// the next line can also wait for Ctrl-C; the channel closes when r ends.
// stop tells the reader that no more lines are wanted. (A read from a
// terminal cannot be interrupted: a reader blocked in one ends with the
// process.)
func readLines(r io.Reader) (lines <-chan string, stop func()) {
	ch := make(chan string)
	done := make(chan struct{})
	go func() {
		defer close(ch)
		sc := bufio.NewScanner(r)
		for sc.Scan() {
			select {
			case ch <- sc.Text():
			case <-done:
				return
			}
		}
	}()
	return ch, func() { close(done) }
}

// recordings is the index of the scenario recordings embedded in the
// command, read once.
var recordings = sync.OnceValues(func() (course.Recordings, error) {
	return course.LoadRecordings(cancellation.Recordings)
})

// recordedScenario is the scenario whose recorded transcript d shows, or
// "" if d shows none.
func recordedScenario(d course.Directive) string {
	t, ok := d.Elem.(course.Transcript)
	if !ok {
		return ""
	}
	idx, err := recordings()
	if err != nil {
		return "" // TestWalkPlaysTheScenariosItShows fails instead
	}
	return idx.Of(t.Archive, t.Part)
}
