package figure

import (
	"fmt"
	"strings"
	"time"
)

// Describe tells in words what Timeline draws, panel by panel and lane by
// lane, for a reader who cannot see the picture: when each task's steps
// ended, when the cancel or stop came, and when and how each task ended.
func Describe(panels ...Panel) (string, error) {
	var b strings.Builder
	for i, p := range panels {
		lp, err := layout(p)
		if err != nil {
			return "", err
		}
		if i > 0 {
			b.WriteString("\n")
		}
		fmt.Fprintf(&b, "%s.", strings.TrimSuffix(lp.title, "."))
		if lp.hasCancel {
			fmt.Fprintf(&b, " The cancel comes at %s.", inMs(lp.cancelAt))
		}
		if lp.stopAt > 0 {
			fmt.Fprintf(&b, " The stop comes at %s.", inMs(lp.stopAt))
		}
		if lp.unneeded > 0 {
			fmt.Fprintf(&b, " The result stops mattering at %s.", inMs(lp.unneeded))
		}
		b.WriteString("\n")
		for _, l := range lp.lanes {
			fmt.Fprintf(&b, "- %s: %s.\n", l.name, describeLane(lp, l))
		}
	}
	return b.String(), nil
}

func describeLane(p *panel, l *lane) string {
	var parts []string
	for _, br := range l.bars {
		what := fmt.Sprintf("step %d", br.step)
		if br.whole {
			what = "the whole task"
		}
		switch {
		case br.cut:
			parts = append(parts, fmt.Sprintf("%s cut short at %s, where the task notices the cancel", what, inMs(br.to)))
		case br.failed:
			parts = append(parts, fmt.Sprintf("%s fails at %s", what, inMs(br.to)))
		case br.wasted:
			parts = append(parts, fmt.Sprintf("%s ends at %s, after its result stopped mattering", what, inMs(br.to)))
		case br.late:
			parts = append(parts, fmt.Sprintf("%s ends at %s, after the cancel", what, inMs(br.to)))
		default:
			parts = append(parts, fmt.Sprintf("%s ends at %s", what, inMs(br.to)))
		}
	}
	if len(parts) == 0 {
		return fmt.Sprintf("runs from %s to %s", inMs(l.start), inMs(l.end))
	}
	s := fmt.Sprintf("starts at %s; %s", inMs(l.start), strings.Join(parts, "; "))
	if l.wasCancelled && p.hasCancel && l.start < p.cancelAt && l.noticed >= p.cancelAt {
		s += fmt.Sprintf(" (latency %s)", inMs(l.noticed-p.cancelAt))
	}
	return s
}

func inMs(d time.Duration) string {
	return fmt.Sprintf("%dms", d.Round(time.Millisecond).Milliseconds())
}
