package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"

	"example.com/cancellation/internal/practice"
)

// exercises are the course's exercises, and how to name their folder to
// the learner.
type exercises struct {
	dir     string // the module's folder
	display string // the same, as the learner would type it: "exercises"
	list    []practice.Exercise
}

// findExercises returns the exercises in the folder named by
// $LESSONS_EXERCISES, or else in exercises/ at the root of the course
// (found from the current folder up).
func findExercises(s stdio) (exercises, error) {
	wd, err := filepath.Abs(s.abs("."))
	if err != nil {
		return exercises{}, err
	}
	dir := s.env("LESSONS_EXERCISES")
	if dir != "" {
		dir = s.abs(dir)
	}
	if dir == "" {
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
	display := dir
	if rel, err := filepath.Rel(wd, dir); err == nil && !strings.HasPrefix(rel, "..") {
		display = filepath.ToSlash(rel)
	}
	return exercises{dir: dir, display: display, list: list}, nil
}

func (ex exercises) find(cmd, arg string) (practice.Exercise, error) {
	e, err := practice.Find(ex.list, arg)
	if err != nil {
		return e, badUsageIn(cmd, "%v", err)
	}
	return e, nil
}

// file is where the learner edits exercise e.
func (ex exercises) file(e practice.Exercise) string {
	return ex.display + "/" + e.Name + "/exercise.go"
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
}

func newChecker(ctx context.Context, s stdio) (*checker, error) {
	ex, err := findExercises(s)
	if err != nil {
		return nil, err
	}
	race, why := practice.RaceSupport(ctx)
	return &checker{ex: ex, race: race, noRace: why}, nil
}

// test runs the tests of the given exercises (all when none are given).
func (c *checker) test(ctx context.Context, w io.Writer, only ...practice.Exercise) (map[string]*practice.Result, error) {
	if !c.race && !c.saidWhy {
		fmt.Fprintf(w, "Note: without the race detector: %s.\nExercises 2 and 5 cannot catch their data races without it.\n\n", c.noRace)
		c.saidWhy = true
	}
	pkgs := []string{"./..."}
	if len(only) > 0 {
		pkgs = nil
		for _, e := range only {
			pkgs = append(pkgs, "./"+e.Name)
		}
	}
	rs, err := practice.Test(ctx, c.ex.dir, pkgs, practice.Options{Race: c.race})
	if err != nil {
		return nil, err
	}
	byName := map[string]*practice.Result{}
	for pkg, r := range rs {
		byName[filepath.Base(pkg)] = r
	}
	return byName, nil
}

// all checks every exercise: k/N pass, a box for each, then what the
// first failing one's tests said. It returns that exercise.
func (c *checker) all(ctx context.Context, w io.Writer) (practice.Exercise, error) {
	rs, err := c.test(ctx, w)
	if err != nil {
		return practice.Exercise{}, err
	}
	passed := func(e practice.Exercise) bool { return rs[e.Name] != nil && rs[e.Name].Passed }
	n := 0
	for _, e := range c.ex.list {
		if passed(e) {
			n++
		}
	}
	fmt.Fprintf(w, "%d/%d exercises pass\n\n", n, len(c.ex.list))
	for _, e := range c.ex.list {
		mark := "[ ]"
		if passed(e) {
			mark = "[x]"
		}
		fmt.Fprintf(w, "  %s %s\n", mark, e.Name)
	}
	if n == len(c.ex.list) {
		fmt.Fprintf(w, "\nAll done. Compare yours with the reference solutions: go test -tags solution ./... in %s/.\n", c.ex.display)
		return practice.Exercise{}, nil
	}
	first := c.ex.list[slices.IndexFunc(c.ex.list, func(e practice.Exercise) bool { return !passed(e) })]
	fmt.Fprintf(w, "\nNext: exercise %d, in %s\n", first.Number, c.ex.file(first))
	c.explain(w, first, rs[first.Name])
	return first, errNotAllPass
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
	c.explain(w, e, r)
	return errNotAllPass
}

func (c *checker) explain(w io.Writer, e practice.Exercise, r *practice.Result) {
	lines := []string{"(its tests did not run)"}
	if r != nil {
		lines = practice.Explain(r, c.ex.display)
	}
	for _, l := range lines {
		fmt.Fprintln(w, "  "+l)
	}
	fmt.Fprintf(w, "Stuck? go run ./lessons hint %s\n", practice.Ref(c.ex.list, e))
}
