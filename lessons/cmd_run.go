package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"

	"example.com/cancellation/internal/course"
	"example.com/cancellation/internal/scenario"
	"example.com/cancellation/internal/transcript"
)

var cmdRun = &command{
	UsageLine: "run [-wait-signal] [-cancel-after D] [-steps N] [-step D] [-items N] [-every N] <lesson>",
	Short:     "play a lesson's scenario live, in real time",
	Long: `Run plays the lesson's scenarios live, each line stamped with the real
time since it started. A lesson about real processes, signals or a real
network runs them for real.

Try it yourself: the stories of lessons 3, 6 and 8 (a task of steps,
cancelled by main) take -cancel-after, -steps and -step, and the sum of
lessons 4 and 22 takes -items and -every. With any of them, run plays the
story with your numbers on the virtual clock first, where every stamp is
exact, tells its timeline in words and draws it to an SVG file, then
plays the same numbers live. For example:

	go run ./lessons run 3 -cancel-after 30ms
	go run ./lessons run 6 -steps 4 -step 25ms
	go run ./lessons run 4 -every 100`,
	Flags: func(fs *flag.FlagSet) runFunc {
		var opts scenario.Options
		fs.BoolVar(&opts.WaitSignal, "wait-signal", false, "graceful-shutdown only: wait for a real SIGTERM or SIGINT from\nanother shell; the pid is printed at the start and every few seconds")
		p := scenario.DefaultParams
		p.Flags(fs)
		return func(ctx context.Context, s stdio, args []string) error {
			l, err := oneLesson(s, "run", args)
			if err != nil {
				return err
			}
			var set []string
			fs.Visit(func(f *flag.Flag) {
				if f.Name != "wait-signal" {
					set = append(set, f.Name)
				}
			})
			if len(l.Beyond) > 0 && len(l.Scenarios) == 0 {
				if len(set) > 0 || opts.WaitSignal {
					return badUsageIn("run", "lesson %d's stories take no flags", l.Number)
				}
				return runBeyond(ctx, l, s.out, s.err, terminalWidth(s))
			}
			if len(set) > 0 {
				if opts.WaitSignal {
					return badUsageIn("run", "-wait-signal and -%s do not go together", set[0])
				}
				return tryLesson(ctx, l, p, set, s.out, terminalWidth(s))
			}
			return runLesson(ctx, l, opts, s.out, terminalWidth(s))
		}
	},
}

func runLesson(ctx context.Context, l course.Lesson, opts scenario.Options, w io.Writer, width int) error {
	if len(l.Scenarios) == 0 {
		return fmt.Errorf("lesson %d (%s) has no scenario to run", l.Number, l.Slug)
	}
	for _, name := range l.Scenarios {
		if s, ok := scenario.Lookup(name); ok && !s.TakesOptions(opts) {
			return badUsageIn("run", "-wait-signal is for the graceful-shutdown lesson, not %s", l.Slug)
		}
	}
	for i, name := range l.Scenarios {
		if i > 0 {
			fmt.Fprintln(w)
		}
		if err := play(ctx, l, name, opts, w, width); err != nil {
			return err
		}
	}
	return nil
}

// remindEvery is how often a run waiting for a signal says again which pid
// to send it to.
const remindEvery = 5 * time.Second

// play runs one scenario of lesson l live, its lines stamped with the real
// time since it started: its Live form if it has one (real signals, a real
// network), else the same code the transcripts run.
func play(ctx context.Context, l course.Lesson, name string, opts scenario.Options, w io.Writer, width int) error {
	s, ok := scenario.Lookup(name)
	if !ok {
		return fmt.Errorf("lesson %d names scenario %q, which does not exist", l.Number, name)
	}
	for _, line := range wrapLine(fmt.Sprintf("Lesson %d, %s: %s (real time)", l.Number, l.Title, s.Title), width, "  ") {
		fmt.Fprintln(w, line)
	}
	tw := transcript.NewWriter(w)
	if s.Live != nil {
		if opts.WaitSignal {
			// Until the first signal comes, say every few seconds where
			// to send it: the jobs' lines push the "ready" line away.
			signals := make(chan os.Signal, 1)
			signal.Notify(signals, syscall.SIGTERM, os.Interrupt)
			defer signal.Stop(signals)
			waiting, stop := context.WithCancel(ctx)
			defer stop()
			done := make(chan struct{})
			defer func() { stop(); <-done }()
			go func() {
				defer close(done)
				remind(waiting, signals, tw, os.Getpid(), remindEvery)
			}()
		}
		return s.Live(ctx, tw, opts) // it honours ctx itself
	}
	// A story of fixed length plays to its end; on Ctrl-C the command does
	// not wait for it: it returns, and the process exits with the story's
	// goroutines (they hold no files and nothing outside the process).
	done := make(chan error, 1)
	go func() { done <- s.Run(ctx, tw) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}

// remind writes, every interval until a signal arrives or ctx is done, a
// line saying that pid still waits for SIGTERM and how to send it.
func remind(ctx context.Context, signals <-chan os.Signal, w io.Writer, pid int, every time.Duration) {
	tick := time.NewTicker(every)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-signals:
			return
		case <-tick.C:
			if ctx.Err() != nil {
				return
			}
			fmt.Fprintf(w, "still waiting for SIGTERM to pid %d (from another shell: kill -TERM %d)\n", pid, pid)
		}
	}
}
