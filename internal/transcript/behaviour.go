package transcript

import (
	"fmt"
	"regexp"
	"strings"
	"time"
)

// Changes says how the behaviour recorded in got differs from want, two
// transcripts of one scenario, in sentences a reviewer can read before the
// line-by-line diff: which event now says something else (another step,
// another cause), which happens at another time, which is new or gone, and
// whether the order changed. It returns nil when they are the same.
//
// Lines are paired by their shape (their text with every number taken
// out), in order, so "cancelled at step 4" and "cancelled at step 5" are
// one event that changed. Lines without a stamp are compared as text.
func Changes(want, got string) []string {
	a, b := lines(want), lines(got)
	var out []string
	var moved []string
	var shift time.Duration
	sameShift := true
	pairs := align(a, b)
	for _, p := range pairs {
		switch {
		case p.old < 0:
			out = append(out, fmt.Sprintf("new: %s", b[p.new]))
		case p.new < 0:
			out = append(out, fmt.Sprintf("gone: %s", a[p.old]))
		case a[p.old].Text != b[p.new].Text:
			out = append(out, fmt.Sprintf("now %s (was %s)", b[p.new], a[p.old]))
		case a[p.old].At != b[p.new].At:
			d := b[p.new].At - a[p.old].At
			if len(moved) == 0 {
				shift = d
			} else if d != shift {
				sameShift = false
			}
			moved = append(moved, fmt.Sprintf("%q at %s (was %s)", b[p.new].Text, ms(b[p.new].At), ms(a[p.old].At)))
		}
	}
	switch {
	case len(moved) == 0:
	case sameShift && len(moved) > 2:
		dir := "later"
		if shift < 0 {
			dir, shift = "earlier", -shift
		}
		out = append(out, fmt.Sprintf("%d lines happen %s %s, from %s", len(moved), ms(shift), dir, moved[0]))
	default:
		for _, m := range moved {
			out = append(out, "at another time: "+m)
		}
	}
	if len(out) > 0 && sameTexts(a, b) {
		out = append([]string{"the same lines, in another order"}, out...)
	}
	return out
}

// shape is a line's text with its numbers taken out.
var digits = regexp.MustCompile(`\d+`)

func shape(l Line) string { return digits.ReplaceAllString(l.Text, "#") }

type pair struct{ old, new int }

// align pairs the lines of a and b that have the same shape, keeping their
// order (a longest common subsequence); the others pair with -1.
func align(a, b []Line) []pair {
	n, m := len(a), len(b)
	lcs := make([][]int, n+1)
	for i := range lcs {
		lcs[i] = make([]int, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if shape(a[i]) == shape(b[j]) {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var ps []pair
	i, j := 0, 0
	for i < n && j < m {
		switch {
		case shape(a[i]) == shape(b[j]):
			ps = append(ps, pair{i, j})
			i, j = i+1, j+1
		case lcs[i+1][j] >= lcs[i][j+1]:
			ps = append(ps, pair{i, -1})
			i++
		default:
			ps = append(ps, pair{-1, j})
			j++
		}
	}
	for ; i < n; i++ {
		ps = append(ps, pair{i, -1})
	}
	for ; j < m; j++ {
		ps = append(ps, pair{-1, j})
	}
	return ps
}

// lines parses a transcript, taking a line without a stamp as text at -1.
func lines(text string) []Line {
	var ls []Line
	for _, s := range strings.Split(strings.TrimSuffix(text, "\n"), "\n") {
		if parsed, err := Parse(s + "\n"); err == nil && len(parsed) == 1 {
			ls = append(ls, parsed[0])
		} else {
			ls = append(ls, Line{At: -1, Text: s})
		}
	}
	return ls
}

func sameTexts(a, b []Line) bool {
	if len(a) != len(b) {
		return false
	}
	count := map[string]int{}
	for i := range a {
		count[a[i].Text]++
		count[b[i].Text]--
	}
	for _, c := range count {
		if c != 0 {
			return false
		}
	}
	return true
}

// String shows a line as "Text" at 40ms.
func (l Line) String() string {
	if l.At < 0 {
		return fmt.Sprintf("%q", l.Text)
	}
	return fmt.Sprintf("%q at %s", l.Text, ms(l.At))
}

func ms(d time.Duration) string { return fmt.Sprintf("%dms", d.Milliseconds()) }
