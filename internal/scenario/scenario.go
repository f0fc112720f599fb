// Package scenario holds the runnable stories of the course: the source
// lesson's main, written once for each package, and the later scenarios.
//
// A scenario writes its lines to w and takes the time it takes. The lessons
// command runs it in real time with elapsed times on each line; the
// testscript transcripts in testdata run it inside a testing/synctest bubble,
// where time is virtual and every line's stamp is exact.
package scenario

import (
	"io"
	"slices"
)

// Scenario is a named story that the course can run.
type Scenario struct {
	Name  string          // what "lessons run" and the transcripts call it
	Title string          // one line saying what it shows
	Run   func(io.Writer) // writes whole lines to w; must return only after every goroutine it started has

	// Live, if set, is what "lessons run" plays on the real clock in place
	// of Run: the same story with real signals or a real network.
	Live func(w io.Writer, opts Options) error
}

// Options are the command-line choices that a Live scenario may take.
type Options struct {
	WaitSignal bool // graceful-shutdown: wait for a signal from outside
}

// TakesOptions reports whether the scenario uses opts; a usage error
// otherwise.
func (s Scenario) TakesOptions(opts Options) bool {
	return opts == Options{} || s.Name == "graceful-shutdown"
}

// All returns every scenario, in course order.
func All() []Scenario {
	all := []Scenario{
		{Name: "no-cancel", Title: "a result nobody needs after 35ms, and a task that cannot be told", Run: NoCancel},
		{Name: "shared-token", Title: "three tasks, one token, one Cancel at 35ms", Run: SharedToken},
		{Name: "cancelled-before-start", Title: "a token cancelled before the task starts: stopped at step 0, no step done", Run: CancelledBeforeStart},
		{Name: "std-main", Title: "the source's main with the polled flag: cancel at 35ms, seen at 40ms", Run: StdMain},
		{Name: "sums", Title: "CancellableSum: the sum, a cancelled token, saturation in order", Run: Sums},
		{Name: "publish", Title: "an atomic flag publishes the plain memory written before it", Run: Publish},
		{Name: "ctx-main", Title: "the source's main with context and select: cancel at 35ms, seen at 35ms", Run: CtxMain},
		{Name: "why-it-stopped", Title: "the same task stopped by cancel, by timeout and with a cause", Run: WhyItStopped},
		{Name: "token-tree", Title: "a std.Token tree: children, a cause, a callback, tasks woken by Done", Run: TokenTree},
		{Name: "graceful-shutdown", Title: "a worker pool stopped by SIGTERM: no new jobs, a grace period, nothing lost", Run: GracefulShutdown},
		{Name: "request-scoping", Title: "an HTTP handler stops when its client gives up", Run: RequestScoping},
		{Name: "deadlines", Title: "timeouts, deadlines and causes, and a child inside a shorter parent", Run: Deadlines},
		{Name: "tree", Title: "a tree of contexts, AfterFunc, AnyOf, and WithoutCancel for cleanup", Run: Tree},
		{Name: "errgroup", Title: "errgroup: the first error cancels the others", Run: ErrGroup},
		{Name: "pitfalls", Title: "swallowed errors, cancelled counted as done, callbacks still running", Run: Pitfalls},
	}
	for i := range all {
		switch all[i].Name {
		case "graceful-shutdown":
			all[i].Live = func(w io.Writer, opts Options) error { return GracefulShutdownLive(w, opts.WaitSignal) }
		case "request-scoping":
			all[i].Live = func(w io.Writer, _ Options) error { return RequestScopingLive(w) }
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
