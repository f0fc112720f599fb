// Package figure draws a scenario as a timeline: one lane per task, a bar
// per step, the instant of the cancel, the instant the task notices it, and
// the latency between them.
//
// It draws the typed events a scenario recorded (package event), never the
// lines it printed, so a reworded line cannot change a figure:
//
//	begin TASK         the task's lane starts here (without one, a lane
//	                   starts at the panel's previous event)
//	step TASK          a bar for the task's next step, from its previous event
//	end TASK done      the task finished; a task told without steps is one
//	                   bar from its begin
//	end TASK cut       a cancel stopped it: the step (or the whole task) is
//	                   drawn cut short, with a dot where the task noticed
//	end TASK failed    an error of its own stopped it: a red bar
//	cancel             the cancel, a dashed red line (the first one counts)
//	stop               the stop signal of a shutdown, a dotted line
//	unneeded           the result stopped mattering, but nobody could tell
//	                   the task: the steps after it are wasted work
//
// A task's name may come back after its end (two requests to one handler):
// it then gets a new lane.
//
// The picture is plain SVG with no scripts, drawn on its own light card so
// that it reads the same in light and dark page themes.
package figure

import (
	"fmt"
	"html"
	"slices"
	"strings"
	"time"

	"example.com/cancellation/internal/event"
)

// Panel is one scenario's events, drawn as a titled group of lanes.
type Panel struct {
	Title  string
	Events []event.Event

	// Until, if later than the last event, is where the time axis runs
	// to at the least: a replay drawn as it grows keeps the axis of the
	// whole recording, instead of rescaling at each event.
	Until time.Duration
}

type bar struct {
	step     int
	from, to time.Duration
	cut      bool // cut short by the cancel
	late     bool // done after the cancel
	wasted   bool // done after the result was no longer needed
	failed   bool // ended by an error of its own
	whole    bool // a whole task, not a step: no step label
}

type lane struct {
	name          string
	start         time.Duration
	end           time.Duration
	bars          []bar
	steps         int // the steps drawn so far
	noticed       time.Duration
	wasCancelled  bool
	lastEventTime time.Duration
}

type panel struct {
	title     string
	lanes     []*lane
	cancelAt  time.Duration
	hasCancel bool
	unneeded  time.Duration // when the result stopped mattering (0: never)
	stopAt    time.Duration // when a shutdown's stop came (0: never)
}

func layout(p Panel) (*panel, error) {
	out := &panel{title: p.Title}
	open := map[string]*lane{} // the lanes of tasks that have not ended
	var last time.Duration     // the time of the previous event
	get := func(name string) *lane {
		if l := open[name]; l != nil {
			return l
		}
		l := &lane{name: name, start: last, lastEventTime: last}
		open[name] = l
		out.lanes = append(out.lanes, l)
		return l
	}
	for _, e := range p.Events {
		at := e.At
		switch e.Kind {
		case event.Cancel:
			if !out.hasCancel {
				out.cancelAt, out.hasCancel = at, true
			}
		case event.Stop:
			out.stopAt = at
		case event.Unneeded:
			out.unneeded = at
		case event.Begin:
			l := get(e.Task)
			l.start, l.lastEventTime = at, at
		case event.Step:
			l := get(e.Task)
			from := l.lastEventTime
			late := out.hasCancel && from < out.cancelAt && at > out.cancelAt
			wasted := out.unneeded > 0 && at > out.unneeded
			l.bars = append(l.bars, bar{step: l.steps, from: from, to: at, late: late, wasted: wasted})
			l.steps++
			l.lastEventTime, l.end = at, at
		case event.End:
			l := get(e.Task)
			whole := l.steps == 0
			b := bar{step: l.steps, from: l.lastEventTime, to: at, whole: whole}
			switch e.Outcome {
			case event.Cut:
				b.cut = true
				l.noticed, l.wasCancelled = at, true
			case event.Failed:
				b.failed = true
			}
			// A step cut short, a failure, or a task told whole gets a
			// bar; a task told in steps that ends done has drawn them all.
			if at > l.lastEventTime && (whole || e.Outcome != event.Done) {
				l.bars = append(l.bars, b)
			}
			l.end = at
			delete(open, e.Task)
		default:
			return nil, fmt.Errorf("figure: panel %q: unknown event %v", p.Title, e)
		}
		last = at
	}
	if len(out.lanes) == 0 {
		return nil, fmt.Errorf("figure: panel %q has no tasks to draw", p.Title)
	}
	return out, nil
}

// Geometry, in SVG user units.
const (
	baseWidth   = 760
	minLeft     = 96  // room for lane names, at the least
	charWidth   = 6.6 // an average character at font-size 12
	right       = 24
	laneHeight  = 34
	barHeight   = 18
	titleSpace  = 56 // title line and the cancel label above the lanes
	axisSpace   = 34
	panelGap    = 14
	legendSpace = 26
	labelRoom   = 200
	tickGap     = 8 // the least room between two tick labels
)

// Colours that read on the white card in any page theme.
const (
	ink       = "#1f2328"
	muted     = "#59636e"
	stepFill  = "#3b6fb6"
	lateFill  = "#d4861c"
	cutStroke = "#3b6fb6"
	cancelRed = "#c2362b"
	gridLine  = "#d8dee4"
)

// darkColours are the colours of a figure on a dark page: for each colour
// a figure draws with, the one it takes when the reader's system asks for
// dark pages (prefers-color-scheme: dark). The white card turns dark; the
// bars keep their colours, and the white text on them stays white.
var darkColours = []struct{ elem, prop, light, dark string }{
	{"rect", "fill", "#ffffff", "#161b22"},
	{"circle", "stroke", "#ffffff", "#161b22"},
	{"", "fill", ink, "#e6edf3"},
	{"", "stroke", ink, "#e6edf3"},
	{"", "fill", muted, "#9198a1"},
	{"", "stroke", muted, "#9198a1"},
	{"", "fill", gridLine, "#30363d"},
	{"", "stroke", gridLine, "#30363d"},
	{"", "fill", cancelRed, "#f85149"},
	{"", "stroke", cancelRed, "#f85149"},
}

// DarkStyle is the style element that gives a figure its dark colours:
// every figure holds it, after its opening tag, so that a figure shown as
// an image, which the page's CSS cannot reach, follows the reader's theme.
var DarkStyle = func() string {
	var b strings.Builder
	b.WriteString("<style>@media (prefers-color-scheme: dark) {")
	for _, c := range darkColours {
		fmt.Fprintf(&b, ` %s[%s="%s"] { %s: %s }`, c.elem, c.prop, c.light, c.prop, c.dark)
	}
	b.WriteString(" }</style>\n")
	return b.String()
}()

// axisTick is the time between two ticks of an axis that runs to maxT over
// width units: a round value (1, 2 or 5 times a power of ten, 10ms at the
// least) such that the axis has at most 11 intervals and no two labels
// touch.
func axisTick(maxT time.Duration, width float64) time.Duration {
	for base := 10 * time.Millisecond; ; base *= 10 {
		for _, m := range []time.Duration{1, 2, 5} {
			tick := m * base
			n := maxT/tick + 1 // intervals: the axis runs one tick past maxT
			if maxT/tick > 10 {
				continue
			}
			widest := float64(len(tickLabel(n*tick, tick))) * charWidth
			if width/float64(n) >= widest+tickGap {
				return tick
			}
		}
	}
}

// tickLabel is the label of the tick at t on an axis ticked every tick:
// in milliseconds, or in seconds once the ticks are a second apart or more.
func tickLabel(t, tick time.Duration) string {
	if tick >= time.Second {
		return fmt.Sprintf("%ds", t/time.Second)
	}
	return fmt.Sprintf("%dms", t.Milliseconds())
}

// Timeline returns the SVG picture of the panels, stacked, on one time axis.
func Timeline(panels ...Panel) ([]byte, error) {
	var ps []*panel
	var maxT time.Duration
	for _, p := range panels {
		lp, err := layout(p)
		if err != nil {
			return nil, err
		}
		for _, l := range lp.lanes {
			maxT = max(maxT, l.end)
		}
		maxT = max(maxT, p.Until)
		ps = append(ps, lp)
	}
	// Room on the left for the longest lane name.
	left := float64(minLeft)
	for _, p := range ps {
		for _, l := range p.lanes {
			left = max(left, 16+float64(len(l.name))*charWidth+12)
		}
	}
	width := baseWidth + int(left) - minLeft // a wider card for long names
	plotRight := float64(right)
	for _, p := range ps {
		for _, l := range p.lanes {
			if l.wasCancelled && l.end == maxT {
				plotRight = labelRoom // a "noticed" label stands right of the last instant
			}
		}
	}
	tick := axisTick(maxT, float64(width)-left-plotRight)
	span := (maxT/tick + 1) * tick
	x := func(d time.Duration) float64 {
		return left + float64(d)/float64(span)*(float64(width)-left-plotRight)
	}

	// A bar drawn less than half a unit wide cannot be seen (a live run
	// can cut a step a few microseconds long): the legend leaves it out.
	kinds := legend(ps, func(b bar) bool { return x(b.to)-x(b.from) >= 0.5 })
	height := legendSpace
	for _, p := range ps {
		height += titleSpace + laneHeight*len(p.lanes) + axisSpace + panelGap
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" font-family="-apple-system, BlinkMacSystemFont, 'Segoe UI', Helvetica, Arial, sans-serif" font-size="12">`+"\n", width, height, width, height)
	b.WriteString(DarkStyle)
	fmt.Fprintf(&b, `<rect x="0.5" y="0.5" width="%d" height="%d" rx="8" fill="#ffffff" stroke="%s"/>`+"\n", width-1, height-1, gridLine)
	fmt.Fprintf(&b, `<defs><pattern id="cut" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#ffffff"/><line x1="0" y1="0" x2="0" y2="6" stroke="%s" stroke-width="2"/></pattern></defs>`+"\n", cutStroke)

	y := 0
	for _, p := range ps {
		top := y
		lanesTop := top + titleSpace
		lanesBottom := lanesTop + laneHeight*len(p.lanes)
		fmt.Fprintf(&b, "<g>\n")
		fmt.Fprintf(&b, `<text x="16" y="%d" font-weight="600" font-size="14" fill="%s">%s</text>`+"\n", top+22, ink, html.EscapeString(p.title))
		// Time grid and axis.
		for t := time.Duration(0); t <= span; t += tick {
			fmt.Fprintf(&b, `<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="%s"/>`+"\n", x(t), lanesTop, x(t), lanesBottom+4, gridLine)
			fmt.Fprintf(&b, `<text x="%.1f" y="%d" text-anchor="middle" fill="%s">%s</text>`+"\n", x(t), lanesBottom+18, muted, tickLabel(t, tick))
		}
		// Lanes.
		for i, l := range p.lanes {
			ly := lanesTop + i*laneHeight
			by := ly + (laneHeight-barHeight)/2
			fmt.Fprintf(&b, `<text x="16" y="%d" fill="%s">%s</text>`+"\n", by+13, ink, html.EscapeString(l.name))
			for _, s := range l.bars {
				w := x(s.to) - x(s.from)
				switch {
				case s.cut:
					fmt.Fprintf(&b, `<rect x="%.1f" y="%d" width="%.1f" height="%d" fill="url(#cut)" stroke="%s"/>`+"\n", x(s.from), by, w, barHeight, cutStroke)
				case s.failed:
					fmt.Fprintf(&b, `<rect x="%.1f" y="%d" width="%.1f" height="%d" rx="2" fill="%s"/>`+"\n", x(s.from), by, w, barHeight, cancelRed)
				case s.late, s.wasted:
					fmt.Fprintf(&b, `<rect x="%.1f" y="%d" width="%.1f" height="%d" rx="2" fill="%s"/>`+"\n", x(s.from), by, w, barHeight, lateFill)
				default:
					fmt.Fprintf(&b, `<rect x="%.1f" y="%d" width="%.1f" height="%d" rx="2" fill="%s"/>`+"\n", x(s.from), by, w, barHeight, stepFill)
				}
				if !s.cut && !s.whole && w >= 24 {
					fmt.Fprintf(&b, `<text x="%.1f" y="%d" text-anchor="middle" fill="#ffffff" font-size="11">step %d</text>`+"\n", (x(s.from)+x(s.to))/2, by+13, s.step)
				}
			}
			if l.wasCancelled {
				nx := x(l.noticed)
				fmt.Fprintf(&b, `<circle cx="%.1f" cy="%d" r="5" fill="%s" stroke="#ffffff" stroke-width="1.5"/>`+"\n", nx, by+barHeight/2, ink)
				label := fmt.Sprintf("stopped at %dms", l.noticed.Milliseconds())
				if p.hasCancel && l.start < p.cancelAt && l.noticed >= p.cancelAt {
					label = fmt.Sprintf("noticed at %dms", l.noticed.Milliseconds())
					label += fmt.Sprintf(": latency %dms", (l.noticed - p.cancelAt).Milliseconds())
				}
				fmt.Fprintf(&b, `<text x="%.1f" y="%d" fill="%s" font-weight="600">%s</text>`+"\n", nx+9, by+13, ink, label)
			}
		}
		// The instant of a shutdown's stop signal.
		if p.stopAt > 0 {
			sx := x(p.stopAt)
			fmt.Fprintf(&b, `<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="%s" stroke-width="2" stroke-dasharray="2 3"/>`+"\n", sx, lanesTop-8, sx, lanesBottom+4, muted)
			fmt.Fprintf(&b, `<text x="%.1f" y="%d" text-anchor="end" fill="%s" font-weight="600">stop at %dms</text>`+"\n", sx-4, lanesTop-12, muted, p.stopAt.Milliseconds())
		}
		// The instant the result stopped mattering.
		if p.unneeded > 0 {
			ux := x(p.unneeded)
			fmt.Fprintf(&b, `<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="%s" stroke-width="2" stroke-dasharray="2 3"/>`+"\n", ux, lanesTop-8, ux, lanesBottom+4, muted)
			fmt.Fprintf(&b, `<text x="%.1f" y="%d" text-anchor="middle" fill="%s" font-weight="600">result no longer needed at %dms</text>`+"\n", ux, lanesTop-12, muted, p.unneeded.Milliseconds())
		}
		// The cancel instant, over everything.
		if p.hasCancel {
			cx := x(p.cancelAt)
			fmt.Fprintf(&b, `<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="%s" stroke-width="2" stroke-dasharray="5 3"/>`+"\n", cx, lanesTop-8, cx, lanesBottom+4, cancelRed)
			fmt.Fprintf(&b, `<text x="%.1f" y="%d" text-anchor="middle" fill="%s" font-weight="600">cancel at %dms</text>`+"\n", cx, lanesTop-12, cancelRed, p.cancelAt.Milliseconds())
		}
		fmt.Fprintf(&b, "</g>\n")
		y = lanesBottom + axisSpace + panelGap
	}
	// The legend: one swatch and a few words for each kind of mark used.
	lx := float64(16)
	ly := y + 4
	for _, k := range kinds {
		switch k.mark {
		case "dot":
			fmt.Fprintf(&b, `<circle cx="%.1f" cy="%d" r="5" fill="%s"/>`+"\n", lx+6, ly+6, ink)
		default:
			fmt.Fprintf(&b, `<rect x="%.1f" y="%d" width="14" height="12" rx="2" fill="%s" stroke="%s"/>`+"\n", lx, ly, k.mark, k.stroke)
		}
		fmt.Fprintf(&b, `<text x="%.1f" y="%d" fill="%s">%s</text>`+"\n", lx+20, ly+10, muted, k.words)
		lx += 20 + float64(len(k.words))*6.2 + 18
	}
	var words []string
	for _, k := range kinds {
		words = append(words, k.words)
	}
	fmt.Fprintf(&b, "<title>%s</title>\n", html.EscapeString("Timeline of "+strings.Join(titles(ps), " and ")+". "+strings.Join(words, "; ")+"."))
	b.WriteString("</svg>\n")
	return []byte(b.String()), nil
}

type legendKind struct {
	order        int
	mark, stroke string // a fill colour, or "dot"
	words        string
}

// legend returns the kinds of mark the panels use, in a fixed order.
func legend(ps []*panel, visible func(bar) bool) []legendKind {
	seen := map[legendKind]bool{}
	for _, p := range ps {
		for _, l := range p.lanes {
			for _, s := range l.bars {
				if !visible(s) {
					continue // the legend names only what can be seen
				}
				switch {
				case s.cut && s.whole:
					seen[legendKind{2, "url(#cut)", cutStroke, "work cut short by a cancel"}] = true
				case s.cut:
					seen[legendKind{2, "url(#cut)", cutStroke, "step cut short by the cancel"}] = true
				case s.late:
					seen[legendKind{1, lateFill, lateFill, "step finished after the cancel"}] = true
				case s.wasted:
					seen[legendKind{1, lateFill, lateFill, "work nobody needs any more"}] = true
				case s.failed:
					seen[legendKind{1, cancelRed, cancelRed, "failed"}] = true
				case s.whole:
					seen[legendKind{0, stepFill, stepFill, "work"}] = true
				default:
					seen[legendKind{0, stepFill, stepFill, "step"}] = true
				}
			}
			if l.wasCancelled {
				seen[legendKind{3, "dot", "", "the task notices"}] = true
			}
		}
	}
	var kinds []legendKind
	for k := range seen {
		kinds = append(kinds, k)
	}
	// Kinds of one order (a "step" and a "work" lane in one figure) are
	// ordered by their words, so that map order never shows.
	slices.SortFunc(kinds, func(a, b legendKind) int {
		if a.order != b.order {
			return a.order - b.order
		}
		return strings.Compare(a.words, b.words)
	})
	return kinds
}

func titles(ps []*panel) []string {
	var ts []string
	for _, p := range ps {
		ts = append(ts, p.title)
	}
	return ts
}
