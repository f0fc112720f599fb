package main

import (
	"context"
	"flag"

	"example.com/cancellation/internal/course"
)

var cmdShow = &command{
	UsageLine: "show [-color=WHEN] [-width=N] <lesson>",
	Short:     "print a lesson, paged on a terminal",
	Long: `Show prints a lesson for a terminal: its prose wrapped to the width,
headings underlined, code blocks indented (never re-wrapped: a line
wider than the terminal goes past it), a link as its text and a number
with the targets listed at the end, a figure as where to see it drawn.
On a terminal the output goes through $PAGER (less -R if it is unset;
PAGER=cat or an empty PAGER prints directly).`,
	Flags: viewCommand(func(ctx context.Context, s stdio, r renderer, l course.Lesson) error {
		return pageOut(ctx, s.out, s.err, r.render(l.Doc, l.Nodes))
	}),
}

// viewCommand is the Flags of a command that shows one lesson with a
// renderer (show, answer, walk): it takes -color and -width, and then
// view shows the lesson its argument names.
func viewCommand(view func(ctx context.Context, s stdio, r renderer, l course.Lesson) error) func(*flag.FlagSet) runFunc {
	return func(fs *flag.FlagSet) runFunc {
		var v viewFlags
		v.define(fs)
		return func(ctx context.Context, s stdio, args []string) error {
			r, err := v.renderer(fs.Name(), s)
			if err != nil {
				return err
			}
			l, err := oneLesson(s, fs.Name(), args)
			if err != nil {
				return err
			}
			return view(ctx, s, r, l)
		}
	}
}

// viewFlags are the flags of show, answer and walk.
type viewFlags struct {
	color string
	width int
}

func (v *viewFlags) define(fs *flag.FlagSet) {
	fs.StringVar(&v.color, "color", "auto", "`WHEN` to colour: auto (a terminal, unless NO_COLOR is set), always\nor never")
	fs.IntVar(&v.width, "width", 0, "wrap the prose to `N` columns (default: the terminal's width, else\n$COLUMNS, else 80)")
}

// renderer checks the flags and returns the renderer they ask for, to
// write to s.out.
func (v *viewFlags) renderer(cmd string, s stdio) (renderer, error) {
	if v.color != "auto" && v.color != "always" && v.color != "never" {
		return renderer{}, badUsageIn(cmd, "-color must be auto, always or never, not %q", v.color)
	}
	width := v.width
	switch {
	case width == 0:
		width = terminalWidth(s)
	case width < minWidth:
		return renderer{}, badUsageIn(cmd, "-width must be at least %d, not %d", minWidth, width)
	}
	return renderer{color: useColor(colorMode(v.color), s), width: width}, nil
}

// oneLesson returns the lesson named by the single argument of command
// cmd.
func oneLesson(s stdio, cmd string, args []string) (course.Lesson, error) {
	lessons, err := s.lessons()
	if err != nil {
		return course.Lesson{}, err
	}
	switch {
	case len(args) == 0:
		return course.Lesson{}, badUsageIn(cmd, "needs a lesson: its number or its name, as 'lessons list' shows")
	case len(args) > 1:
		return course.Lesson{}, badUsageIn(cmd, "takes one lesson, got %q", args)
	}
	l, err := course.Find(lessons, args[0])
	if err != nil {
		return course.Lesson{}, badUsageIn(cmd, "%v", err)
	}
	return l, nil
}
