package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"golang.org/x/term"

	"example.com/cancellation/internal/practice"
)

// exercises are the course's exercises, and how to name their folder to
// the learner.
type exercises struct {
	dir     string // the module's folder
	display string // the same, as the learner would type it: "exercises"
	list    []practice.Exercise

	// beyond are the exercises of lessons 23 and 24, in the beyond
	// module's own exercises module (beyond/exercises), if the course has
	// it. They build gRPC and a database driver, so check and watch take
	// them only when named (check 23); hint and reset too.
	beyond        []practice.Exercise
	beyondDir     string
	beyondDisplay string
}

// findExercises returns the exercises in the folder named by
// $LESSONS_EXERCISES, or else in exercises/ at the root of the course
// (found from the current folder up), with beyond/exercises beside it.
func findExercises(s stdio) (exercises, error) {
	wd, err := filepath.Abs(s.abs("."))
	if err != nil {
		return exercises{}, err
	}
	dir := s.env("LESSONS_EXERCISES")
	if dir != "" {
		dir = s.abs(dir)
	}
	own := dir == ""
	if own {
		if dir, err = practice.Root(wd); err != nil {
			return exercises{}, err
		}
	}
	dir, err = filepath.Abs(dir)
	if err != nil {
		return exercises{}, err
	}
	list, err := practice.List(dir)
	if err != nil {
		return exercises{}, err
	}
	display := func(dir string) string {
		if rel, err := filepath.Rel(wd, dir); err == nil && !strings.HasPrefix(rel, "..") {
			return filepath.ToSlash(rel)
		}
		return dir
	}
	ex := exercises{dir: dir, display: display(dir), list: list}
	if own {
		bdir := filepath.Join(filepath.Dir(dir), "beyond", "exercises")
		if blist, err := practice.List(bdir); err == nil {
			ex.beyond, ex.beyondDir, ex.beyondDisplay = blist, bdir, display(bdir)
		}
	}
	return ex, nil
}

// all is every exercise, the beyond module's last.
func (ex exercises) all() []practice.Exercise {
	return append(slices.Clip(ex.list), ex.beyond...)
}

// isBeyond reports whether e is one of the beyond module's exercises.
func (ex exercises) isBeyond(e practice.Exercise) bool {
	return ex.beyondDir != "" && filepath.Dir(e.Dir) == ex.beyondDir
}

// module is the folder of e's module, and how the learner names it.
func (ex exercises) module(e practice.Exercise) (dir, display string) {
	if ex.isBeyond(e) {
		return ex.beyondDir, ex.beyondDisplay
	}
	return ex.dir, ex.display
}

func (ex exercises) find(cmd, arg string) (practice.Exercise, error) {
	e, err := practice.Find(ex.all(), arg)
	if err != nil {
		return e, badUsageIn(cmd, "%v", err)
	}
	return e, nil
}

// file is where the learner edits exercise e.
func (ex exercises) file(e practice.Exercise) string {
	_, display := ex.module(e)
	return display + "/" + e.Name + "/exercise.go"
}

// folder is e's folder, as the learner names it.
func (ex exercises) folder(e practice.Exercise) string {
	_, display := ex.module(e)
	return display + "/" + e.Name
}

// errNotAllPass makes check exit 1 without a message of its own: its
// report has said everything.
var errNotAllPass = errors.New("not every exercise passes yet")

// checker runs the exercises' tests, with the race detector where it
// works, and says once when it does not.
type checker struct {
	ex      exercises
	race    bool
	noRace  string // why not, when race is false
	saidWhy bool

	// progress says what a check that takes more than progressAfter is
	// doing, then each exercise as its tests end: on a terminal and in the
	// browser, never in a file (what a script records must not depend on
	// how fast the machine is).
	progress bool
	width    int // the columns to wrap to
	height   int // the terminal's rows; 0 if unknown
}

// progressAfter is how long a check runs without a word.
const progressAfter = 2 * time.Second

func newChecker(ctx context.Context, s stdio) (*checker, error) {
	ex, err := findExercises(s)
	if err != nil {
		return nil, err
	}
	race, why := practice.RaceSupport(ctx)
	c := &checker{ex: ex, race: race, noRace: why, width: terminalWidth(s)}
	if f, ok := s.out.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		c.progress = true
		if _, rows, err := term.GetSize(int(f.Fd())); err == nil {
			c.height = rows
		}
	}
	return c, nil
}

// test runs the tests of the given exercises (all when none are given).
func (c *checker) test(ctx context.Context, w io.Writer, only ...practice.Exercise) (map[string]*practice.Result, error) {
	if !c.race && !c.saidWhy {
		fmt.Fprintf(w, "Note: without the race detector: %s.\nExercises 2, 5, 9, 14, 17 and 18 cannot catch their data races without it.\n\n", c.noRace)
		c.saidWhy = true
	}
	type run struct {
		dir  string
		pkgs []string
	}
	runs := []run{{c.ex.dir, []string{"./..."}}}
	total := len(c.ex.list)
	if len(only) > 0 {
		runs = nil
		for _, e := range only {
			dir, _ := c.ex.module(e)
			i := slices.IndexFunc(runs, func(r run) bool { return r.dir == dir })
			if i < 0 {
				runs = append(runs, run{dir: dir})
				i = len(runs) - 1
			}
			runs[i].pkgs = append(runs[i].pkgs, "./"+e.Name)
		}
		total = len(only)
	}
	opts := practice.Options{Race: c.race}
	if c.progress {
		p := startProgress(w, total, c.race)
		defer p.stop()
		opts.Done = p.done
	}
	rs := map[string]*practice.Result{}
	for _, r := range runs {
		got, err := practice.Test(ctx, r.dir, r.pkgs, opts)
		if err != nil {
			return nil, err
		}
		maps.Copy(rs, got)
	}
	byName := map[string]*practice.Result{}
	for pkg, r := range rs {
		byName[filepath.Base(pkg)] = r
	}
	return byName, nil
}

// progress tells a learner waiting for a slow check what is happening:
// nothing for the first progressAfter, then what takes the time, then
// each exercise as its tests end.
type progress struct {
	mu     sync.Mutex
	w      io.Writer
	total  int
	n      int  // the exercises done
	saying bool // progressAfter has passed: say each one
	timer  *time.Timer
}

func startProgress(w io.Writer, total int, race bool) *progress {
	p := &progress{w: w, total: total}
	p.timer = time.AfterFunc(progressAfter, func() {
		p.mu.Lock()
		defer p.mu.Unlock()
		if p.timer == nil { // stopped
			return
		}
		p.saying = true
		what := "building the tests"
		if race {
			what = "building the tests with the race detector (the first check also builds its runtime: a minute or two; later ones take seconds)"
		}
		fmt.Fprintf(p.w, "Checking %d of %d: %s...\n", p.n, p.total, what)
	})
	return p
}

// done is called as each exercise's tests end.
func (p *progress) done(pkg string, passed bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.n++
	if p.saying {
		mark := "does not pass yet"
		if passed {
			mark = "passes"
		}
		fmt.Fprintf(p.w, "  %d/%d %s %s\n", p.n, p.total, path.Base(pkg), mark)
	}
}

// stop ends the progress lines; once it returns, there are no more.
func (p *progress) stop() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.timer.Stop()
	p.timer = nil
	if p.saying {
		fmt.Fprintln(p.w)
	}
}

// all checks every exercise: k/N pass, a box for each, then what the
// first failing one's tests said (or the one the learner is working on,
// if it fails: see working). It returns that exercise.
func (c *checker) all(ctx context.Context, w io.Writer) (practice.Exercise, error) {
	rs, err := c.test(ctx, w)
	if err != nil {
		return practice.Exercise{}, err
	}
	passed := func(e practice.Exercise) bool { return rs[e.Name] != nil && rs[e.Name].Passed }
	n := 0
	var names []string
	for _, e := range c.ex.list {
		mark := "[ ] "
		if passed(e) {
			mark = "[x] "
			n++
		}
		names = append(names, mark+e.Name)
	}
	fmt.Fprintf(w, "%d/%d exercises pass\n\n", n, len(c.ex.list))
	grid := columns(names, c.width-2, 2)
	for _, l := range grid {
		fmt.Fprintln(w, "  "+l)
	}
	if len(c.ex.beyond) > 0 {
		var refs []string
		for _, e := range c.ex.beyond {
			refs = append(refs, practice.Ref(c.ex.all(), e))
		}
		fmt.Fprintln(w)
		note := fmt.Sprintf("Lessons %s's exercises are in %s/: go run ./lessons check %s, one at a time (the first check builds gRPC and SQLite: minutes).", strings.Join(refs, " and "), c.ex.beyondDisplay, refs[0])
		for _, l := range wrapLine(note, c.width, "") {
			fmt.Fprintln(w, l)
		}
	}
	if n == len(c.ex.list) {
		fmt.Fprintf(w, "\nAll done. Compare yours with the reference solutions: go test -tags solution ./... in %s/.\n", c.ex.display)
		return practice.Exercise{}, nil
	}
	next := c.ex.list[slices.IndexFunc(c.ex.list, func(e practice.Exercise) bool { return !passed(e) })]
	if e, ok := c.working(); ok && !passed(e) {
		next = e
	}
	fmt.Fprintf(w, "\nNext: exercise %d, in %s\n", next.Number, c.ex.file(next))
	used := 4 + len(grid) + 2
	if len(c.ex.beyond) > 0 {
		used += 3
	}
	c.explain(w, next, rs[next.Name], used)
	return next, errNotAllPass
}

// working is the exercise the learner is working on: the one whose
// exercise.go was saved last, if it was saved after the exercises were
// put there (its folder's other files are as old as the course's copy).
func (c *checker) working() (practice.Exercise, bool) {
	var latest practice.Exercise
	var when time.Time
	for _, e := range c.ex.list {
		mine, err := os.Stat(filepath.Join(e.Dir, "exercise.go"))
		if err != nil {
			continue
		}
		shipped, err := os.Stat(filepath.Join(e.Dir, "doc.go"))
		if err != nil || !mine.ModTime().After(shipped.ModTime().Add(time.Second)) {
			continue // not edited since the course was copied here
		}
		if mine.ModTime().After(when) {
			latest, when = e, mine.ModTime()
		}
	}
	return latest, !when.IsZero()
}

// one checks exercise e alone.
func (c *checker) one(ctx context.Context, w io.Writer, e practice.Exercise) error {
	rs, err := c.test(ctx, w, e)
	if err != nil {
		return err
	}
	r := rs[e.Name]
	if r != nil && r.Passed {
		fmt.Fprintf(w, "Exercise %d (%s) passes.\n", e.Number, e.Name)
		return nil
	}
	fmt.Fprintf(w, "Exercise %d (%s) does not pass yet, in %s\n", e.Number, e.Name, c.ex.file(e))
	c.explain(w, e, r, 3)
	return errNotAllPass
}

// maxExplained is how many lines check shows of why an exercise fails,
// when it does not know the terminal's height: the first of each failing
// test's messages come first, and "(and N more ...)" says what was left.
const maxExplained = 12

// explain says why e does not pass, in the lines left on the terminal
// (used are already taken), each wrapped to its width.
func (c *checker) explain(w io.Writer, e practice.Exercise, r *practice.Result, used int) {
	_, display := c.ex.module(e)
	lines := []string{"(its tests did not run)"}
	if r != nil {
		lines = practice.Explain(r, display)
	}
	budget := maxExplained
	if c.height > 0 {
		budget = c.height - used - 3 // the "Stuck?" line, "(and N more)", the prompt
	}
	budget = max(budget, 3)
	shown := 0
	for i, l := range lines {
		wrapped := wrapLine("  "+l, c.width, "      ")
		if i > 0 && shown+len(wrapped) > budget {
			race := ""
			if c.race {
				race = " -race"
			}
			more := fmt.Sprintf("  (and %d more lines: go test%s ./%s, in %s/, prints them all)", len(lines)-i, race, e.Name, display)
			for _, x := range wrapLine(more, c.width, "   ") {
				fmt.Fprintln(w, x)
			}
			break
		}
		for _, x := range wrapped {
			fmt.Fprintln(w, x)
		}
		shown += len(wrapped)
	}
	fmt.Fprintf(w, "Stuck? go run ./lessons hint %s\n", practice.Ref(c.ex.all(), e))
}

// wrapLine breaks s at spaces into lines no wider than width (a word wider
// than that has a line of its own); lines after the first begin with
// indent.
func wrapLine(s string, width int, indent string) []string {
	if utf8.RuneCountInString(s) <= width {
		return []string{s}
	}
	lead := len(s) - len(strings.TrimLeft(s, " "))
	var lines []string
	line := s[:lead]
	empty := true
	for _, word := range strings.Fields(s) {
		switch {
		case empty:
			line += word
			empty = false
		case utf8.RuneCountInString(line)+1+utf8.RuneCountInString(word) > width:
			lines = append(lines, line)
			line = indent + word
		default:
			line += " " + word
		}
	}
	return append(lines, line)
}

// columns sets items in as many columns as fit in width, gap apart,
// filled down then across.
func columns(items []string, width, gap int) []string {
	widest := 0
	for _, it := range items {
		widest = max(widest, utf8.RuneCountInString(it))
	}
	cols := max(1, (width+gap)/(widest+gap))
	rows := (len(items) + cols - 1) / cols
	lines := make([]string, rows)
	for i, it := range items {
		r := i % rows
		if i >= rows {
			lines[r] += strings.Repeat(" ", gap)
		}
		if i+rows < len(items) {
			it += strings.Repeat(" ", widest-utf8.RuneCountInString(it))
		}
		lines[r] += it
	}
	return lines
}
