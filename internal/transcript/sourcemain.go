package transcript

import (
	"fmt"
	"regexp"
	"strings"
)

var (
	stampPrefix = regexp.MustCompile(`^\[ *\d+ms\] `)
	stepLine    = regexp.MustCompile(`^Step (\d+) complete$`)
)

// CheckSourceMain checks the output of the source lesson's main, stamped
// or not, for what does not depend on the clock. On the real clock, which
// step a cancel at 35ms lands in is the clock's business, so it checks the
// order and the bookkeeping instead: the first task's steps run 0, 1, 2,
// ...; "Cancelling..." comes before the task reports how it stopped; it
// reports stopping at the step after its last completed one ("Cancelled:
// cancelled at step N", possibly followed by ": reason"), or the given
// line instead; and the second task, if any, runs its 3 steps to the end.
func CheckSourceMain(out, cancelledLine string) error {
	var lines []string
	for _, l := range strings.Split(strings.TrimRight(out, "\n"), "\n") {
		lines = append(lines, stampPrefix.ReplaceAllString(l, ""))
	}
	next, cancelling, i := 0, false, 0
	for ; i < len(lines); i++ {
		l := lines[i]
		if m := stepLine.FindStringSubmatch(l); m != nil {
			if m[1] != fmt.Sprint(next) {
				return fmt.Errorf("line %d: %q, want \"Step %d complete\"", i+1, l, next)
			}
			next++
			continue
		}
		if l == "Cancelling..." || l == "Cancelling the parent..." {
			cancelling = true
			continue
		}
		if strings.HasPrefix(l, "(cleaning up at step ") {
			continue
		}
		break
	}
	switch {
	case !cancelling:
		return fmt.Errorf("no Cancelling... line before the first task ended")
	case i == len(lines):
		return fmt.Errorf("the first task never reported how it stopped")
	}
	if cancelledLine != "" {
		if lines[i] != cancelledLine {
			return fmt.Errorf("line %d: %q, want %q", i+1, lines[i], cancelledLine)
		}
	} else if want := fmt.Sprintf("Cancelled: cancelled at step %d", next); lines[i] != want && !strings.HasPrefix(lines[i], want+": ") {
		return fmt.Errorf("line %d: %q, want %q", i+1, lines[i], want)
	}
	rest := strings.Join(lines[i+1:], "\n")
	if rest != "" && rest != "Step 0 complete\nStep 1 complete\nStep 2 complete\nResult: completed all 3 steps" {
		return fmt.Errorf("the second task did not run its 3 steps to the end:\n%s", rest)
	}
	return nil
}
