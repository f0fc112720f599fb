package figure

import (
	"regexp"
	"slices"
	"strings"
	"testing"
)

// A linear chart whose bars span more than linearSpan is refused: its
// short bars would be hairlines. On a log scale it draws.
func TestBarsRefusesALinearScaleTooWide(t *testing.T) {
	rows := []Row{{Label: "check", Value: 1.2, Text: "1.2 ns"}, {Label: "batch", Value: 300_000, Text: "300000 ns"}}
	if _, err := Bars("too wide", false, rows); err == nil || !strings.Contains(err.Error(), "log scale") {
		t.Errorf("Bars on a linear scale from 1.2 to 300000: %v, want an error that suggests a log scale", err)
	}
	if _, err := Bars("log", true, rows); err != nil {
		t.Errorf("Bars on a log scale: %v", err)
	}
	if _, err := Bars("narrow", false, rows[:1]); err != nil {
		t.Errorf("Bars with one row: %v", err)
	}
}

var colour = regexp.MustCompile(`(fill|stroke)="(#[0-9a-f]{6})"`)

// Every figure holds its dark colours, and every colour it draws with
// either has a dark one or is a bar's, which reads on both.
func TestFiguresHaveDarkColours(t *testing.T) {
	timeline, err := Timeline(Panel{Title: "std", Events: parse(t, `[  10ms] step "task 1"
[  35ms] cancel
[  40ms] step "task 1"
[  40ms] end "task 1" cut
`)})
	if err != nil {
		t.Fatal(err)
	}
	bars, err := Bars("bars", false, []Row{{Label: "a", Value: 1, Text: "1 ns"}})
	if err != nil {
		t.Fatal(err)
	}
	keeps := []string{stepFill, lateFill, cutStroke}
	for name, svg := range map[string][]byte{"Timeline": timeline, "Bars": bars} {
		if !strings.Contains(string(svg), ">\n"+DarkStyle) {
			t.Errorf("%s's figure lacks its dark colours after its opening tag", name)
		}
		for _, m := range colour.FindAllStringSubmatch(string(svg), -1) {
			dark := slices.ContainsFunc(darkColours, func(c struct{ elem, prop, light, dark string }) bool {
				return c.prop == m[1] && c.light == m[2]
			})
			if !dark && !slices.Contains(keeps, m[2]) && !(m[2] == "#ffffff" && m[1] == "fill") {
				t.Errorf("%s draws %s=%s, which has no dark colour", name, m[1], m[2])
			}
		}
	}
}
