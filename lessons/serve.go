package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	cancellation "example.com/cancellation"
	"example.com/cancellation/internal/course"
	"example.com/cancellation/internal/site"
)

// defaultAddr is where "lessons serve" listens unless told: loopback, on
// the port Go's present tool uses.
const defaultAddr = "127.0.0.1:3999"

// serveSite serves the course on addr, a loopback address, until ctx ends
// (Ctrl-C), then stops the runs in progress and returns ctx's error.
func serveSite(ctx context.Context, lessons []course.Lesson, addr string, w io.Writer) error {
	ln, err := site.Listen(addr)
	if err != nil {
		if bad := (*site.AddrError)(nil); errors.As(err, &bad) {
			return badUsageIn("serve", "-addr %v", err)
		}
		return err
	}
	s, err := site.New(lessons, cancellation.Recordings, site.Options{Live: true})
	if err != nil {
		ln.Close()
		return err
	}
	fmt.Fprintf(w, "The course is at http://%s/ (Ctrl-C stops the server)\n", ln.Addr())
	return s.Serve(ctx, ln, site.ServeOptions{Check: checkForPage})
}

// buildSite writes the course's static site to dir, which the user
// named as given.
func buildSite(lessons []course.Lesson, dir, given string, w io.Writer) error {
	if err := site.CanBuildIn(dir); err != nil {
		return err // before the work of rendering
	}
	s, err := site.New(lessons, cancellation.Recordings, site.Options{})
	if err != nil {
		return err
	}
	n, err := s.Build(dir)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "Wrote %d files to %s: open %s\n", n, given, filepath.Join(given, "index.html"))
	return nil
}

// checkForPage prints what "lessons check" prints, for the index page's
// button; exercises that do not pass yet are its news, not an error.
func checkForPage(ctx context.Context, w io.Writer) error {
	c, err := newChecker(ctx, stdio{out: w, err: w, getenv: os.Getenv})
	if err != nil {
		return err
	}
	if _, err := c.all(ctx, w); err != nil && !errors.Is(err, errNotAllPass) {
		return err
	}
	return nil
}
