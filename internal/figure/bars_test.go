package figure

import (
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
