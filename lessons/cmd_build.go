package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"path/filepath"

	cancellation "example.com/cancellation"
	"example.com/cancellation/internal/course"
	"example.com/cancellation/internal/site"
)

var cmdBuild = &command{
	UsageLine: "build -o DIR",
	Short:     "the same site as static files, without live runs",
	Long: `Build writes the course's web site to DIR as static files, for hosting or
to open from disk: the pages serve shows, without the runs and without
the speaker's notes (the answers stay out of a learner's way).`,
	Flags: func(fs *flag.FlagSet) runFunc {
		out := fs.String("o", "", "the folder to write the site to: new, or empty")
		return func(ctx context.Context, s stdio, args []string) error {
			if err := noArgs("build", args); err != nil {
				return err
			}
			if *out == "" {
				return badUsageIn("build", "needs -o DIR, the folder to write the site to")
			}
			ls, err := s.lessons()
			if err != nil {
				return err
			}
			return buildSite(ls, s.abs(*out), *out, s.out)
		}
	},
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
