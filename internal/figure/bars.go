package figure

import (
	"fmt"
	"html"
	"math"
	"strings"
)

// Row is one bar of a bar chart.
type Row struct {
	Label string  // on the left
	Value float64 // the bar's length
	Text  string  // written after the bar
}

// linearSpan is how many times longer than the shortest bar the longest
// may be on a linear scale: at 1000, the shortest is a pixel wide.
const linearSpan = 1000

// Bars draws a horizontal bar chart, on a logarithmic scale if log is set,
// in the same plain style as Timeline. On a linear scale the longest bar
// may be at most linearSpan times the shortest, or the short bars would
// not show: Bars refuses such a chart.
func Bars(title string, log bool, rows []Row) ([]byte, error) {
	if len(rows) == 0 {
		return nil, fmt.Errorf("figure: bar chart %q has no rows", title)
	}
	left := float64(minLeft)
	maxV, minV := 0.0, math.Inf(1)
	for _, r := range rows {
		left = max(left, 16+float64(len(r.Label))*charWidth+12)
		if r.Value <= 0 && log {
			return nil, fmt.Errorf("figure: %q: %v cannot be drawn on a log scale", r.Label, r.Value)
		}
		maxV, minV = max(maxV, r.Value), min(minV, r.Value)
	}
	if !log && maxV > linearSpan*minV {
		return nil, fmt.Errorf("figure: bar chart %q: its bars run from %v to %v, too far apart for a linear scale (the short ones would be hairlines): draw it on a log scale, or split it in two", title, minV, maxV)
	}
	const rowH, top, textRoom = 26, 44, 290
	width := baseWidth + int(left) - minLeft
	plot := float64(width) - left - textRoom
	length := func(v float64) float64 {
		if !log {
			return plot * v / maxV
		}
		lo := math.Floor(math.Log10(minV)) - 0.3
		return plot * (math.Log10(v) - lo) / (math.Log10(maxV) - lo)
	}
	height := top + rowH*len(rows) + 16
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" font-family="-apple-system, BlinkMacSystemFont, 'Segoe UI', Helvetica, Arial, sans-serif" font-size="12">`+"\n", width, height, width, height)
	b.WriteString(DarkStyle)
	fmt.Fprintf(&b, "<title>%s</title>\n", html.EscapeString(title))
	fmt.Fprintf(&b, `<rect x="0.5" y="0.5" width="%d" height="%d" rx="8" fill="#ffffff" stroke="%s"/>`+"\n", width-1, height-1, gridLine)
	fmt.Fprintf(&b, `<text x="16" y="26" font-weight="600" font-size="14" fill="%s">%s</text>`+"\n", ink, html.EscapeString(title))
	for i, r := range rows {
		y := top + i*rowH
		w := max(length(r.Value), 1)
		fmt.Fprintf(&b, `<text x="16" y="%d" fill="%s">%s</text>`+"\n", y+14, ink, html.EscapeString(r.Label))
		fmt.Fprintf(&b, `<rect x="%.1f" y="%d" width="%.1f" height="16" rx="2" fill="%s"/>`+"\n", left, y+2, w, stepFill)
		fmt.Fprintf(&b, `<text x="%.1f" y="%d" fill="%s">%s</text>`+"\n", left+w+8, y+14, muted, html.EscapeString(r.Text))
	}
	b.WriteString("</svg>\n")
	return []byte(b.String()), nil
}
