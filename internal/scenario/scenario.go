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
}

// All returns every scenario, in course order.
func All() []Scenario {
	return []Scenario{
		{"no-cancel", "a result nobody needs after 35ms, and a task that cannot be told", NoCancel},
		{"shared-token", "three tasks, one token, one Cancel at 35ms", SharedToken},
		{"std-main", "the source's main with the polled flag: cancel at 35ms, seen at 40ms", StdMain},
		{"sums", "CancellableSum: the sum, a cancelled token, saturation in order", Sums},
		{"publish", "an atomic flag publishes the plain memory written before it", Publish},
		{"ctx-main", "the source's main with context and select: cancel at 35ms, seen at 35ms", CtxMain},
		{"why-it-stopped", "the same task stopped by cancel, by timeout and with a cause", WhyItStopped},
	}
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
