package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path/filepath"
	"strings"
	"time"
)

var cmdWatch = &command{
	UsageLine: "watch",
	Short:     "re-check the next exercise whenever a file changes",
	Run: func(ctx context.Context, s stdio, args []string) error {
		if err := noArgs("watch", args); err != nil {
			return err
		}
		return watch(ctx, s, useColor("auto", s), 300*time.Millisecond)
	},
}

// clearScreen moves a terminal's cursor home and clears it.
const clearScreen = "\x1b[H\x1b[2J"

// watch checks the first exercise that does not pass, then again each
// time a file in the exercises changes, until every exercise passes or
// ctx is done (Ctrl-C). On a terminal it clears the screen before each
// report.
func watch(ctx context.Context, s stdio, tty bool, poll time.Duration) error {
	w := s.out
	c, err := newChecker(ctx, s)
	if err != nil {
		return err
	}
	header := func() {
		if tty {
			io.WriteString(w, clearScreen)
		}
		fmt.Fprintf(w, "Watching %s/ for changes (Ctrl-C to stop).\n\n", c.ex.display)
	}
	// The snapshot is taken before each check runs, so that a file saved
	// while the tests run is seen as a change when they end.
	seen, err := snapshot(c.ex.dir)
	if err != nil {
		return err
	}
	header()
	current, err := c.all(ctx, w)
	for {
		switch {
		case ctx.Err() != nil:
			return ctx.Err()
		case err == nil:
			return nil // all pass
		case !errors.Is(err, errNotAllPass):
			return err
		}
		if seen, err = waitForChange(ctx, c.ex.dir, poll, seen); err != nil {
			return err
		}
		header()
		err = c.one(ctx, w, current)
		if err == nil { // solved: on to the next one
			fmt.Fprintln(w)
			current, err = c.all(ctx, w)
		}
	}
}

// waitForChange returns, with the new snapshot, when the files under dir
// differ from the snapshot seen: one added, removed or modified. It polls
// every interval (polling works the same on every system and needs no
// dependency), and gives up when ctx is done.
func waitForChange(ctx context.Context, dir string, interval time.Duration, seen string) (string, error) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return "", ctx.Err()
		case <-t.C:
		}
		now, err := snapshot(dir)
		if err != nil {
			return "", err
		}
		if now != seen {
			return now, nil
		}
	}
}

// snapshot sums up the names, sizes and modification times of the files
// under dir.
func snapshot(dir string) (string, error) {
	var b strings.Builder
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		fmt.Fprintf(&b, "%s %d %d\n", p, info.Size(), info.ModTime().UnixNano())
		return nil
	})
	return b.String(), err
}
