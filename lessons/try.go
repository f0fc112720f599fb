package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"example.com/cancellation/internal/course"
	"example.com/cancellation/internal/event"
	"example.com/cancellation/internal/figure"
	"example.com/cancellation/internal/scenario"
	"example.com/cancellation/internal/transcript"
)

// tryLesson plays each scenario of lesson l that takes the learner's
// numbers p (set names the flags given): first on the virtual clock, where
// every stamp is exact (go test runs internal/scenario's TestTry in a
// synctest bubble), with its figure told in words and drawn to a file;
// then the same numbers live, on the real clock.
func tryLesson(ctx context.Context, l course.Lesson, p scenario.Params, set []string, w io.Writer, width int) error {
	if err := p.Validate(); err != nil {
		return badUsageIn("run", "%s", strings.TrimPrefix(err.Error(), scenario.ErrBadParam.Error()+": "))
	}
	var names []string
	for _, name := range l.Scenarios {
		if _, ok := scenario.TryOf(name); ok {
			names = append(names, name)
		}
	}
	if len(names) == 0 {
		return badUsageIn("run", "lesson %d's story takes none of -%s: try lessons 3, 4, 6, 8 or 22", l.Number, strings.Join(set, ", -"))
	}
	for _, flag := range set {
		if !slices.ContainsFunc(names, func(n string) bool { t, _ := scenario.TryOf(n); return slices.Contains(t.Takes, flag) }) {
			return badUsageIn("run", "-%s is not a number of lesson %d's story: it takes -%s", flag, l.Number, strings.Join(takes(names), ", -"))
		}
	}
	root, err := courseRoot()
	if err != nil {
		return err
	}
	for i, name := range names {
		if i > 0 {
			fmt.Fprintln(w)
		}
		t, _ := scenario.TryOf(name)
		spec := name + " " + only(p, t.Takes).String()
		s, _ := scenario.Lookup(name)
		story, _, _ := strings.Cut(s.Title, ":") // without the lesson's own numbers
		head := fmt.Sprintf("Lesson %d, %s: %s, with %s (virtual clock: every stamp exact)", l.Number, l.Title, story, only(p, t.Takes))
		for _, line := range wrapLine(head, width, "  ") {
			fmt.Fprintln(w, line)
		}
		text, events, err := playVirtual(ctx, root, spec, w)
		if err != nil {
			return err
		}
		io.WriteString(w, text)
		if slices.Contains(t.Takes, "step") { // a timeline; the sum has none
			if err := tellFigure(w, spec, events, width); err != nil {
				return err
			}
		}
		fmt.Fprintln(w)
		head = fmt.Sprintf("The same, live (real time): %s", only(p, t.Takes))
		for _, line := range wrapLine(head, width, "  ") {
			fmt.Fprintln(w, line)
		}
		if err := scenario.PlayWith(ctx, name, p, transcript.NewWriter(w)); err != nil {
			return err
		}
	}
	return nil
}

// takes lists the flags the stories names take, each once.
func takes(names []string) []string {
	var all []string
	for _, n := range names {
		t, _ := scenario.TryOf(n)
		for _, f := range t.Takes {
			if !slices.Contains(all, f) {
				all = append(all, f)
			}
		}
	}
	return all
}

// only is p with the numbers a story does not take at their defaults, so
// that it says only what it uses.
func only(p scenario.Params, takes []string) scenario.Params {
	d := scenario.DefaultParams
	keep := func(flag string) bool { return slices.Contains(takes, flag) }
	if !keep("cancel-after") {
		p.CancelAfter = d.CancelAfter
	}
	if !keep("steps") {
		p.Steps = d.Steps
	}
	if !keep("step") {
		p.Step = d.Step
	}
	if !keep("items") {
		p.Items = d.Items
	}
	if !keep("every") {
		p.Every = d.Every
	}
	return p
}

// errNoSource says that the virtual clock's runner needs the course's
// source.
var errNoSource = errors.New("run: trying other numbers needs the course's source (it runs go test): run it from inside the course's folder")

// courseRoot is the course's module folder: the nearest folder from the
// current one up whose go.mod declares module example.com/cancellation.
func courseRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		data, err := os.ReadFile(filepath.Join(dir, "go.mod"))
		if err == nil && bytes.HasPrefix(data, []byte("module example.com/cancellation\n")) {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errNoSource
		}
		dir = parent
	}
}

// playVirtual plays spec ("std-main -cancel-after 30ms") on the virtual
// clock with go test, in the course's folder root, and returns its
// transcript and events. A first run builds the runner: after
// progressAfter it says so on w.
func playVirtual(ctx context.Context, root, spec string, w io.Writer) (string, []event.Event, error) {
	out, err := os.CreateTemp("", "lessons-try-*.txt")
	if err != nil {
		return "", nil, err
	}
	out.Close()
	defer os.Remove(out.Name())
	defer os.Remove(out.Name() + ".events")

	cmd := exec.CommandContext(ctx, "go", "test", "-count=1", "-run", "^TestTry$", "./internal/scenario")
	cmd.Dir = root
	cmd.Env = append(os.Environ(), scenario.TryEnv+"="+spec, scenario.TryOutEnv+"="+out.Name())
	var output bytes.Buffer
	cmd.Stdout, cmd.Stderr = &output, &output
	done := sayIfSlow(w, "(go test builds and runs the virtual clock's runner: a few seconds, more the first time)")
	err = cmd.Run()
	done()
	if ctx.Err() != nil {
		return "", nil, ctx.Err()
	}
	if err != nil {
		sc := bufio.NewScanner(&output)
		first := ""
		for sc.Scan() {
			if l := strings.TrimSpace(sc.Text()); l != "" && !strings.HasPrefix(l, "---") && !strings.HasPrefix(l, "===") {
				first = l
				break
			}
		}
		return "", nil, fmt.Errorf("run: the virtual clock's runner failed: %s", first)
	}
	text, err := os.ReadFile(out.Name())
	if err != nil {
		return "", nil, err
	}
	evText, err := os.ReadFile(out.Name() + ".events")
	if err != nil {
		return "", nil, err
	}
	events, err := event.Parse(string(evText))
	return string(text), events, err
}

// sayIfSlow writes line to w if the work it is called before takes more
// than progressAfter. done, called when the work ends, returns once that
// line, if it is being written, is whole.
func sayIfSlow(w io.Writer, line string) (done func()) {
	said := make(chan struct{})
	t := time.AfterFunc(progressAfter, func() {
		defer close(said)
		fmt.Fprintln(w, line)
	})
	return func() {
		if !t.Stop() {
			<-said
		}
	}
}

// tellFigure tells the timeline of events in words, and draws it to an
// SVG file beside the other temporary files, saying where.
func tellFigure(w io.Writer, title string, events []event.Event, width int) error {
	panel := figure.Panel{Title: title, Events: events}
	words, err := figure.Describe(panel)
	if err != nil {
		return err
	}
	svg, err := figure.Timeline(panel)
	if err != nil {
		return err
	}
	f, err := os.CreateTemp("", "lessons-try-*.svg")
	if err != nil {
		return err
	}
	if _, err := f.Write(svg); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	fmt.Fprintln(w)
	for _, l := range strings.Split(strings.TrimSpace(words), "\n") {
		for _, x := range wrapLine(l, width, "  ") {
			fmt.Fprintln(w, x)
		}
	}
	fmt.Fprintf(w, "Figure: %s (open it in a browser)\n", f.Name())
	return nil
}
