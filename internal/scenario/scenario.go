// Package scenario holds the runnable stories of the course: the source
// lesson's main, written once for each package, and the later scenarios.
//
// A scenario is plain Go that logs its lines with log/slog (Logger) and
// takes the time it takes. The lessons
// command runs it in real time with elapsed times on each line; the
// testscript transcripts in testdata run it inside a testing/synctest bubble,
// where time is virtual and every line's stamp is exact.
package scenario

import (
	"context"
	"io"
	"log/slog"
	"os"
	"slices"

	"example.com/cancellation/internal/event"
)

// Scenario is a named story that the course can run.
type Scenario struct {
	Name  string // what "lessons run" and the transcripts call it
	Title string // one line saying what it shows

	// Run plays the story, writing whole lines to w, and returns only
	// after every goroutine it started has. A story of fixed length (most
	// take under 200ms) plays to its end and then returns ctx.Err(), so a
	// caller interrupted meanwhile learns it; a story that waits honours
	// ctx as it goes. Run is nil for a story that needs real processes
	// or signals, which has only Live.
	Run func(ctx context.Context, w io.Writer) error

	// Live, if set, is what "lessons run" plays on the real clock in place
	// of Run: the same story with real signals or a real network. A live
	// graceful shutdown takes ctx's end (Ctrl-C) as its stop signal, shuts
	// down and returns nil: for it, an interrupt is part of the story.
	Live func(ctx context.Context, w io.Writer, opts Options) error

	// WaitSignal says whether Live takes Options.WaitSignal.
	WaitSignal bool
}

// story adapts a story of fixed length to Scenario.Run.
func story(play func(*slog.Logger)) func(context.Context, io.Writer) error {
	return func(ctx context.Context, w io.Writer) error {
		play(Logger(w))
		return ctx.Err()
	}
}

// live adapts a real-world story to Scenario.Live.
func live(play func(context.Context, *slog.Logger) error) func(context.Context, io.Writer, Options) error {
	return func(ctx context.Context, w io.Writer, _ Options) error { return play(ctx, Logger(w)) }
}

// Logger returns the logger a story writes through: each record's message
// is a line on w, and its attributes say what the figures draw (see
// event.Handler). The stories are plain Go that log with log/slog; the
// course's machinery is this handler, outside them.
func Logger(w io.Writer) *slog.Logger {
	return slog.New(event.NewHandler(w))
}

// Options are the command-line choices that a Live scenario may take.
type Options struct {
	WaitSignal bool // graceful-shutdown: wait for a signal from outside

	// Signals, if set, are the signals the scenario is sent, in place of
	// the process's own: the browser view's SIGTERM button sends here, so
	// that it signals the run, not the server. It implies WaitSignal.
	Signals <-chan os.Signal
}

// TakesOptions reports whether the scenario uses opts; a usage error
// otherwise.
func (s Scenario) TakesOptions(opts Options) bool {
	return !opts.WaitSignal && opts.Signals == nil || s.WaitSignal
}

// All returns every scenario, in course order.
func All() []Scenario {
	all := []Scenario{
		{Name: "no-cancel", Title: "a result nobody needs after 35ms, and a task that cannot be told", Run: story(NoCancel)},
		{Name: "shared-token", Title: "three tasks, one token, one Cancel at 35ms", Run: story(SharedToken)},
		{Name: "cancelled-before-start", Title: "a token cancelled before the task starts: stopped at step 0, no step done", Run: story(CancelledBeforeStart)},
		{Name: "std-main", Title: "the source's main with the polled flag: cancel at 35ms, seen at 40ms", Run: story(StdMain)},
		{Name: "sums", Title: "CancellableSum: the sum, a cancelled token, saturation in order", Run: story(Sums)},
		{Name: "publish", Title: "an atomic flag publishes the plain memory written before it", Run: story(Publish)},
		{Name: "ctx-main", Title: "the source's main with context and select: cancel at 35ms, seen at 35ms", Run: story(CtxMain)},
		{Name: "why-it-stopped", Title: "the same task stopped by cancel, by timeout and with a cause", Run: story(WhyItStopped)},
		{Name: "token-tree", Title: "a std.Token tree: children, a cause, a callback, tasks woken by Done", Run: story(TokenTree)},
		{Name: "graceful-shutdown", Title: "a worker pool stopped by SIGTERM: no new jobs, a grace period, nothing lost", Run: story(GracefulShutdown)},
		{Name: "request-scoping", Title: "an HTTP handler stops when its client gives up", Run: story(RequestScoping)},
		{Name: "deadlines", Title: "timeouts, deadlines and causes, and a child inside a shorter parent", Run: story(Deadlines)},
		{Name: "tree", Title: "a tree of contexts, AfterFunc, AnyOf, and WithoutCancel for cleanup", Run: story(Tree)},
		{Name: "errgroup", Title: "errgroup: the first error cancels the others", Run: story(ErrGroup)},
		{Name: "pitfalls", Title: "swallowed errors, cancelled counted as done, callbacks still running", Run: story(Pitfalls)},
		{Name: "blocking-read", Title: "a Read that no context wakes, woken by a deadline; the connection survives it, not a Close", Run: story(BlockingRead), Live: live(BlockingReadLive)},
		{Name: "child-processes", Title: "three real child processes stopped by a context: SIGTERM, then a kill after the grace", Live: live(ChildProcessLive)},
		{Name: "process-group", Title: "a child's own child: left running by a SIGTERM to the child, stopped with a process group", Live: live(ProcessGroupLive)},
		{Name: "server-shutdown", Title: "an HTTP server shut down whole: in-flight requests answered or cut, late clients refused", Run: story(ServerShutdown), Live: live(ServerShutdownLive)},
		{Name: "hard-deadline", Title: "a worker that ignores the stop, and the hard exit deadline that ends it", Run: story(HardDeadline)},
		{Name: "signals", Title: "real signals: NotifyContext's cause, a second Ctrl-C that kills, one that hurries", Live: live(SignalsLive)},
		{Name: "pitfalls-in-review", Title: "errgroup's context after Wait, select's random pick, a stored context, a receiver that closes", Run: story(PitfallsInReview)},
		{Name: "finding-leaks", Title: "lesson 15's leaking worker next to its fix, and the goroutine left behind, found in the stacks", Run: story(FindingLeaks)},
	}
	for i := range all {
		switch all[i].Name {
		case "graceful-shutdown":
			all[i].Live = func(ctx context.Context, w io.Writer, opts Options) error {
				return GracefulShutdownLive(ctx, Logger(w), opts)
			}
			all[i].WaitSignal = true
		case "request-scoping":
			all[i].Live = live(RequestScopingLive)
		}
	}
	return all
}

// Lookup returns the scenario called name.
func Lookup(name string) (Scenario, bool) {
	all := All()
	i := slices.IndexFunc(all, func(s Scenario) bool { return s.Name == name })
	if i < 0 {
		return Scenario{}, false
	}
	return all[i], true
}

// Names returns the names of all scenarios, in course order.
func Names() []string {
	var names []string
	for _, s := range All() {
		names = append(names, s.Name)
	}
	return names
}
