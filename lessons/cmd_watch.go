package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"example.com/cancellation/internal/practice"
)

var cmdWatch = &command{
	UsageLine: "watch [<exercise>]",
	Short:     "re-check the exercise you are working on each time you save it",
	Long: `Watch checks an exercise, then again each time a file of the exercises
changes, until Ctrl-C. It follows the exercise whose file you saved last:
save exercise 6 and it checks 6, whatever it checked before.

With no exercise named it begins with every exercise, as check does, and
when the one it follows passes it shows them all again and follows the
next that does not pass; once they all pass, it stops. With an exercise
named (a number, or a name: watch 3, watch wake-on-done) it begins with
that one alone, and when it passes it waits for you to save another.

On a terminal it clears the screen before each report.`,
	Run: func(ctx context.Context, s stdio, args []string) error {
		if len(args) > 1 {
			return badUsageIn("watch", "takes at most one exercise, got %q", args)
		}
		c, err := newChecker(ctx, s)
		if err != nil {
			return err
		}
		var named *practice.Exercise
		if len(args) == 1 {
			e, err := c.ex.find("watch", args[0])
			if err != nil {
				return err
			}
			named = &e
		}
		return watch(ctx, s.out, c, named, useColor("auto", s), 300*time.Millisecond)
	},
}

// clearScreen moves a terminal's cursor home and clears it.
const clearScreen = "\x1b[H\x1b[2J"

// watch checks exercise named, or every exercise if it is nil, then again
// each time a file in the exercises changes: the exercise that file
// belongs to, else the one it checked last. It stops when ctx is done
// (Ctrl-C), or, watching every exercise, when they all pass. On a
// terminal (tty) it clears the screen before each report.
func watch(ctx context.Context, w io.Writer, c *checker, named *practice.Exercise, tty bool, poll time.Duration) error {
	dirs := []string{c.ex.dir}
	if named != nil && c.ex.isBeyond(*named) {
		dirs = append(dirs, c.ex.beyondDir) // saves there are followed too
	}
	header := func() {
		if tty {
			io.WriteString(w, clearScreen)
		}
		where := c.ex.display + "/"
		if len(dirs) > 1 {
			where += " and " + c.ex.beyondDisplay + "/"
		}
		fmt.Fprintf(w, "Watching %s for changes (Ctrl-C to stop).\n\n", where)
	}
	// The snapshot is taken before each check runs, so that a file saved
	// while the tests run is seen as a change when they end.
	seen, err := snapshot(dirs...)
	if err != nil {
		return err
	}
	header()
	var current practice.Exercise
	if named != nil {
		current = *named
		if err = c.one(ctx, w, current); err == nil {
			fmt.Fprintln(w, "\nSave another exercise to check it.")
		}
	} else {
		current, err = c.all(ctx, w)
	}
	for {
		switch {
		case ctx.Err() != nil:
			return ctx.Err()
		case err == nil && named == nil && current.Name == "":
			return nil // all pass
		case err != nil && !errors.Is(err, errNotAllPass):
			return err
		}
		now, werr := waitForChange(ctx, dirs, poll, seen)
		if werr != nil {
			return werr
		}
		if e, ok := c.ex.changed(seen, now); ok {
			current = e
		}
		seen = now
		header()
		err = c.one(ctx, w, current)
		if err == nil {
			fmt.Fprintln(w)
			if named != nil {
				fmt.Fprintln(w, "Save another exercise to check it.")
				continue
			}
			current, err = c.all(ctx, w) // on to the next one
		}
	}
}

// changed returns the exercise that a file changed between two snapshots
// belongs to (the one saved last, if several were), or false if none
// does.
func (ex exercises) changed(before, after map[string]fileStamp) (practice.Exercise, bool) {
	var found practice.Exercise
	var when int64
	for p, st := range after {
		if before[p] == st {
			continue
		}
		all := ex.all()
		i := slices.IndexFunc(all, func(e practice.Exercise) bool {
			rel, err := filepath.Rel(e.Dir, p)
			return err == nil && !strings.HasPrefix(rel, "..")
		})
		if i >= 0 && st.mod >= when {
			found, when = all[i], st.mod
		}
	}
	return found, found.Name != ""
}

// waitForChange returns, with the new snapshot, when the files under dirs
// differ from the snapshot seen: one added, removed or modified. It polls
// every interval (polling works the same on every system and needs no
// dependency), and gives up when ctx is done.
func waitForChange(ctx context.Context, dirs []string, interval time.Duration, seen map[string]fileStamp) (map[string]fileStamp, error) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-t.C:
		}
		now, err := snapshot(dirs...)
		if err != nil {
			return nil, err
		}
		if !maps.Equal(now, seen) {
			return now, nil
		}
	}
}

// fileStamp is what a snapshot keeps of a file: its size and
// modification time.
type fileStamp struct{ size, mod int64 }

// snapshot returns the size and modification time of each file under
// dirs.
func snapshot(dirs ...string) (map[string]fileStamp, error) {
	files := map[string]fileStamp{}
	for _, dir := range dirs {
		err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			info, err := d.Info()
			if err != nil {
				return err
			}
			files[p] = fileStamp{info.Size(), info.ModTime().UnixNano()}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return files, nil
}
