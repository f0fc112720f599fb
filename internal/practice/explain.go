package practice

import (
	"fmt"
	"path"
	"slices"
	"strconv"
	"strings"
)

// Explain says in plain words why r's tests did not pass, in the few lines
// a learner needs: the compiler's errors with file:line, the tests' own
// messages (each failing test's first message before any test's second),
// a data race at the learner's lines, a goroutine blocked for good, a test
// that never ended. Files are shown under dir, the module's
// folder as the learner names it ("exercises").
func Explain(r *Result, dir string) []string {
	at := func(pos string) string {
		if strings.HasPrefix(pos, "/") || dir == "" {
			return pos
		}
		return path.Join(dir, pos)
	}
	var lines []string
	switch {
	case len(r.Compile) > 0:
		lines = append(lines, "It does not compile:")
		for _, d := range r.Compile {
			lines = append(lines, fmt.Sprintf("  %s: %s", at(d.Pos), d.Msg))
		}
		return lines
	case len(r.Races) > 0:
		lines = append(lines, "The race detector found a data race: two goroutines used the same memory,",
			"at least one writing, with nothing ordering one before the other:")
		// Which goroutine came first is up to the scheduler: list the
		// places in file order, each once, so that every run reads the same.
		var where []string
		for _, race := range r.Races {
			for _, a := range []Access{race.Now, race.Previous} {
				if f, ok := Where(a.Stack); ok {
					where = append(where, fmt.Sprintf("  %s: %s in %s", at(f.Pos), a.Op, f.ShortFunc()))
				}
			}
		}
		slices.SortFunc(where, byPosition)
		lines = append(lines, slices.Compact(where)...)
		lines = append(lines, "Share it through sync/atomic, a mutex or a channel.")
	case r.Blocked != nil:
		if r.Blocked.Leak {
			lines = append(lines, "A goroutine was still blocked when the test ended: a leak. It waits",
				"for something that will never happen:")
		} else {
			lines = append(lines, "Every goroutine of the test was blocked, waiting for something that will",
				"never happen (a deadlock):")
		}
		for _, g := range r.Blocked.Goroutines {
			if f, ok := Where(g.Stack); ok {
				lines = append(lines, fmt.Sprintf("  %s: %s, in %s", at(f.Pos), strings.TrimSuffix(stateOf(g.State), " (durable)"), f.ShortFunc()))
			}
		}
	case r.TimedOut:
		return explainHang(r.Hang, at)
	}
	for _, m := range mostUsefulFirst(r.Failures) {
		for _, l := range strings.Split(m.Text, "\n") {
			if strings.Contains(l, "Hint: go run ./lessons hint") {
				continue // said once, by the caller
			}
			lines = append(lines, l)
		}
	}
	if r.Panic != nil {
		line := "It panicked: " + r.Panic.Value
		if f, ok := Where(r.Panic.Stack); ok {
			line += fmt.Sprintf(" (%s, in %s)", at(f.Pos), f.ShortFunc())
		}
		lines = append(lines, line)
	}
	if len(lines) == 0 {
		lines = []string{"(the tests failed without saying why; run go test -race in the exercise's folder)"}
	}
	return lines
}

// mostUsefulFirst orders the tests' messages so that each failing test's
// first message comes first, in the tests' order, then the others: the
// first lines a learner reads cover every test that failed, not 17 rows
// of one table.
func mostUsefulFirst(ms []Message) []Message {
	var first, rest []Message
	seen := map[string]bool{}
	for _, m := range ms {
		if seen[m.Test] {
			rest = append(rest, m)
			continue
		}
		seen[m.Test] = true
		first = append(first, m)
	}
	return append(first, rest...)
}

// byPosition orders "  file:line: ..." lines by file, then line number.
func byPosition(a, b string) int {
	fa, la := splitPos(a)
	fb, lb := splitPos(b)
	if c := strings.Compare(fa, fb); c != 0 {
		return c
	}
	if la != lb {
		return la - lb
	}
	return strings.Compare(a, b)
}

func splitPos(s string) (file string, line int) {
	pos, _, _ := strings.Cut(strings.TrimSpace(s), ": ")
	file, num, _ := strings.Cut(pos, ".go:")
	line, _ = strconv.Atoi(num)
	return file, line
}

// stateOf is the goroutine's wait reason without the bubble:
// "chan receive (durable)".
func stateOf(s string) string {
	state, _, _ := strings.Cut(s, ",")
	return state
}

// explainHang says which tests did not end, where the learner's code was
// then, and what that suggests: a lock held while something slow runs
// (synctest's clock does not move on while a goroutine waits for a
// sync.Mutex), or a loop that never blocks.
func explainHang(h *Hang, at func(string) string) []string {
	if h == nil || len(h.Tests) == 0 {
		return []string{"The tests did not end in time: is a loop spinning without ever blocking",
			"(a select with a default case, or a check with no wait between)?"}
	}
	after := ""
	if h.After != "" {
		after = " (" + h.After + ")"
	}
	lines := []string{fmt.Sprintf("The tests did not end in time%s: %s was still running.", after, strings.Join(h.Tests, ", "))}
	if len(h.Goroutines) > 0 {
		lines = append(lines, "Your code was then at:")
	}
	locked, spinning := false, false
	var where []string
	for _, g := range h.Goroutines {
		f, _ := Where(g.Stack)
		state := stateOf(g.State)
		where = append(where, fmt.Sprintf("  %s: %s, in %s", at(f.Pos), strings.TrimSuffix(state, " (durable)"), f.ShortFunc()))
		switch {
		case state == "running" || state == "runnable":
			spinning = true
		case strings.HasPrefix(state, "sync.") || state == "semacquire":
			locked = true
		}
	}
	slices.SortFunc(where, byPosition) // the dump's order is the scheduler's
	lines = append(lines, where...)
	switch {
	case locked:
		lines = append(lines, "A goroutine waiting for a sync.Mutex (or RWMutex) is not durably blocked:",
			"while it waits, synctest's clock does not move on, so a lock held across a",
			"sleep or a wait is never let go. Is a lock held while something slow runs?")
	case spinning || len(h.Goroutines) == 0:
		lines = append(lines, "Is a loop spinning without ever blocking (a select with a default case,",
			"or a check with no wait between)?")
	}
	return lines
}
