package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	cancellation "example.com/cancellation"
	"example.com/cancellation/internal/course"
	"example.com/cancellation/internal/event"
	"example.com/cancellation/internal/site"
)

var cmdServe = &command{
	UsageLine: "serve [-addr HOST:PORT]",
	Short:     "the course in your browser, with live runs",
	Long: `Serve serves the course as a web site on this machine and prints its
address. Each lesson's Run button plays its scenario and draws the
timeline as it happens; Replay plays the recording on the virtual clock,
slowed down; p on a lesson is presenter mode (arrows move, n opens the
speaker's notes). It listens on loopback only and refuses pages of other
sites. Ctrl-C stops it.`,
	Flags: func(fs *flag.FlagSet) runFunc {
		addr := fs.String("addr", defaultAddr, "a loopback address to listen on; port 0 picks a free one")
		return func(ctx context.Context, s stdio, args []string) error {
			if err := noArgs("serve", args); err != nil {
				return err
			}
			ls, err := s.lessons()
			if err != nil {
				return err
			}
			return serveSite(ctx, ls, *addr, s.out)
		}
	},
}

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
		return fmt.Errorf("serve: %w", err)
	}
	s, err := site.New(lessons, cancellation.Recordings, site.Options{Live: true})
	if err != nil {
		ln.Close()
		return err
	}
	fmt.Fprintf(w, "The course is at http://%s/ (Ctrl-C stops the server)\n", ln.Addr())
	return s.Serve(ctx, ln, site.ServeOptions{Check: checkForPage, Try: tryForPage()})
}

// tryForPage plays a story with a learner's numbers on the virtual clock
// for a run panel's Try button, as "lessons run N -cancel-after ..."
// does; nil (no Try button) outside the course's source.
func tryForPage() func(ctx context.Context, spec string) (string, []event.Event, error) {
	root, err := courseRoot()
	if err != nil {
		return nil
	}
	return func(ctx context.Context, spec string) (string, []event.Event, error) {
		return playVirtual(ctx, root, spec, io.Discard)
	}
}

// checkForPage prints what "lessons check" prints, for the index page's
// button; exercises that do not pass yet are its news, not an error.
func checkForPage(ctx context.Context, w io.Writer) error {
	c, err := newChecker(ctx, stdio{out: w, err: w, getenv: os.Getenv})
	if err != nil {
		return err
	}
	c.progress = true // the page shows each line as it comes
	if _, err := c.all(ctx, w); err != nil && !errors.Is(err, errNotAllPass) {
		return err
	}
	return nil
}
