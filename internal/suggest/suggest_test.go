package suggest

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestLike(t *testing.T) {
	names := []string{"why-cancel", "the-flag", "hot-loops", "waking-sleepers", "signals", "pitfalls", "pitfalls-in-review"}
	for _, tt := range []struct {
		arg  string
		want []string
	}{
		{"hot", []string{"hot-loops"}},   // a part of it
		{"HOT", []string{"hot-loops"}},   // in any case
		{"signal", []string{"signals"}},  // a letter short
		{"sginals", []string{"signals"}}, // two letters swapped
		{"pitfalls", []string{"pitfalls", "pitfalls-in-review"}},
		{"go", nil},    // too short to guess from
		{"zebra", nil}, // nothing like it
	} {
		if diff := cmp.Diff(tt.want, Like(tt.arg, names)); diff != "" {
			t.Errorf("Like(%q) (-want +got):\n%s", tt.arg, diff)
		}
	}
}
