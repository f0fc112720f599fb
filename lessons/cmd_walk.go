package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"sync"

	"golang.org/x/term"

	cancellation "example.com/cancellation"
	"example.com/cancellation/internal/course"
	"example.com/cancellation/internal/scenario"
)

var cmdWalk = &command{
	UsageLine: "walk [-color=WHEN] [-width=N] <lesson>",
	Short:     "a lesson section by section (Space, b back, q), scenarios played live",
	Long: `Walk shows a lesson one section at a time, for an instructor at a
terminal. On a terminal a single key does it: Space, Enter, n or the
right arrow goes on; b or the left arrow goes back a section; q or Esc
quits. The prompt after each section names the section, so its heading
is still in view when the section is taller than the screen.

Where a section shows a scenario's recorded transcript, walk then plays
that scenario live, on the real clock. A lesson's live-only demos (real
child processes, real signals) have no recording: at the end, walk
offers them (r runs them).

With its input not a terminal, walk reads lines (an empty line goes on,
b goes back, q quits), and when that input ends it shows the rest at
once, without the live-only demos. Each section lists its own links at
its end.`,
	Flags: viewCommand(func(ctx context.Context, s stdio, r renderer, l course.Lesson) error {
		keys, stop, err := newKeys(s.in)
		if err != nil {
			return err
		}
		defer stop()
		err = walk(ctx, l, r, keys, s.out)
		if err != nil && r.color {
			io.WriteString(s.out, reset) // leave the terminal as it was
		}
		return err
	}),
}

// A key is what a learner or instructor asked for at a walk's prompt.
type key int

const (
	keyNext key = iota
	keyBack
	keyQuit
	keyRun   // r: run the live-only demos
	keyOther // a key that means nothing here: ask again
	keyEnd   // the input ended: show the rest without asking
)

// keys reads what is asked at each prompt, until ctx is done.
type keys interface {
	read(ctx context.Context) (key, error)
	single() bool // one key, no Enter (a terminal)
}

// walk shows lesson l one section at a time, asking keys after each one;
// b goes back a section. Where a section shows a scenario's recorded
// transcript, walk then plays that scenario live. At the end it offers
// the lesson's live-only demos. When the input ends, it shows the rest
// without asking, and without the live-only demos.
//
// Ctrl-C (ctx's end, or the key itself on a terminal in raw mode) stops
// it, at a prompt too.
func walk(ctx context.Context, l course.Lesson, r renderer, in keys, w io.Writer) error {
	asking := true
	enter := "Enter"
	if in.single() {
		enter = "Space"
	}
	for i, shown := 0, 0; i < len(l.Sections); shown++ {
		sec := l.Sections[i]
		if shown > 0 {
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
		last := i == len(l.Sections)-1
		if last || !asking {
			i++
			continue
		}
		heading := l.Title
		if sec.Heading != "" {
			heading = sec.Heading
		}
		prompt := fmt.Sprintf("-- %d/%d %s -- %s: next section, b: back, q: quit ", i+1, len(l.Sections), heading, enter)
		for {
			fmt.Fprintf(w, "\n%s", r.style(noticeDim, prompt))
			k, err := in.read(ctx)
			if err != nil {
				return err
			}
			if in.single() {
				fmt.Fprintln(w)
			}
			switch k {
			case keyNext, keyRun:
				i++
			case keyBack:
				i = max(i-1, 0)
			case keyQuit:
				fmt.Fprintln(w, "(stopped at your request)")
				return nil
			case keyEnd:
				asking = false // no more input: show the rest
				fmt.Fprintln(w)
				i++
			case keyOther:
				continue
			}
			break
		}
	}
	return offerLive(ctx, l, r, in, w, asking)
}

// offerLive offers the lesson's live-only demos, which have no
// recording for walk to show: r runs them. Without input to ask, it says
// how to run them.
func offerLive(ctx context.Context, l course.Lesson, r renderer, in keys, w io.Writer, asking bool) error {
	var live []string
	for _, name := range l.Scenarios {
		if s, ok := scenario.Lookup(name); ok && s.Run == nil && s.Live != nil {
			live = append(live, name)
		}
	}
	if len(live) == 0 {
		return nil
	}
	what := fmt.Sprintf("This lesson also has live-only demos, with no recording: %s (go run ./lessons run %d plays them).", strings.Join(live, " and "), l.Number)
	if !asking {
		fmt.Fprintln(w, "\n"+r.style(noticeDim, what))
		return nil
	}
	for {
		fmt.Fprintf(w, "\n%s", r.style(noticeDim, what+" r: run them now, q: done "))
		k, err := in.read(ctx)
		if err != nil {
			return err
		}
		if in.single() {
			fmt.Fprintln(w)
		}
		switch k {
		case keyRun:
			for _, name := range live {
				fmt.Fprintln(w)
				if err := play(ctx, l, name, scenario.Options{}, w, r.width); err != nil {
					return err
				}
			}
			return nil
		case keyOther:
			continue
		}
		fmt.Fprintln(w)
		return nil
	}
}

// lineKeys reads keys as lines: an empty line or n is next, b back, q
// quit, r run; the input's end is keyEnd.
type lineKeys struct{ lines <-chan string }

func (lk lineKeys) single() bool { return false }

func (lk lineKeys) read(ctx context.Context) (key, error) {
	select {
	case <-ctx.Done():
		return 0, ctx.Err()
	case line, ok := <-lk.lines:
		if !ok {
			return keyEnd, nil
		}
		switch strings.ToLower(strings.TrimSpace(line)) {
		case "", "n":
			return keyNext, nil
		case "b":
			return keyBack, nil
		case "q":
			return keyQuit, nil
		case "r":
			return keyRun, nil
		}
		return keyOther, nil
	}
}

// rawKeys reads single keys from a terminal, in raw mode while it waits
// for one (and only then: raw mode would also stop the terminal from
// starting each printed line at its left edge): Space, Enter, n and →
// are next; b and ← back; q and Esc quit; r run. In raw mode Ctrl-C is a
// key, not a signal: it ends the walk as Ctrl-C would.
type rawKeys struct {
	fd    int
	bytes <-chan []byte
}

func (rk rawKeys) single() bool { return true }

func (rk rawKeys) read(ctx context.Context) (key, error) {
	if old, err := term.MakeRaw(rk.fd); err == nil {
		defer term.Restore(rk.fd, old)
	}
	select {
	case <-ctx.Done():
		return 0, ctx.Err()
	case b, ok := <-rk.bytes:
		if !ok {
			return keyEnd, nil
		}
		switch string(b) {
		case " ", "\r", "\n", "n", "N", "\x1b[C", "\x1b[6~":
			return keyNext, nil
		case "b", "B", "\x1b[D", "\x1b[5~":
			return keyBack, nil
		case "q", "Q", "\x1b":
			return keyQuit, nil
		case "r", "R":
			return keyRun, nil
		case "\x03": // Ctrl-C
			return 0, context.Canceled
		}
		return keyOther, nil
	}
}

// newKeys reads keys from in: single keys if it is a terminal, else
// lines; stop says no more are wanted.
func newKeys(in io.Reader) (k keys, stop func(), err error) {
	if f, ok := in.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		return rawKeys{int(f.Fd()), readKeys(f)}, func() {}, nil
	}
	lines, stop := readLines(in)
	return lineKeys{lines}, stop, nil
}

// readKeys reads r a key at a time (an escape sequence is one read) on
// its own goroutine. (A read from a terminal cannot be interrupted: a
// reader blocked in one ends with the process.)
func readKeys(r io.Reader) <-chan []byte {
	ch := make(chan []byte)
	go func() {
		defer close(ch)
		buf := make([]byte, 16)
		for {
			n, err := r.Read(buf)
			if n > 0 {
				ch <- slices.Clone(buf[:n])
			}
			if err != nil {
				return
			}
		}
	}()
	return ch
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
