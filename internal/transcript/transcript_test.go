package transcript

import (
	"fmt"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestWriterStampsEachLineWithVirtualTime(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var out strings.Builder
		w := NewWriter(&out)
		fmt.Fprintln(w, "start")
		time.Sleep(35 * time.Millisecond)
		fmt.Fprint(w, "two lines ")            // no newline yet: held back
		time.Sleep(5 * time.Millisecond)       // the stamp is when the line ends
		fmt.Fprint(w, "at once\nsecond\ntail") // "tail" waits for its newline
		time.Sleep(1200 * time.Millisecond)
		fmt.Fprintln(w, "")
		want := "[   0ms] start\n[  40ms] two lines at once\n[  40ms] second\n[1240ms] tail\n"
		if diff := cmp.Diff(want, out.String()); diff != "" {
			t.Errorf("transcript (-want +got):\n%s", diff)
		}
	})
}

// TestWriterKeepsLinesWhole writes from many goroutines at once; under -race
// it proves the Writer's lock, and every line must come out unbroken.
func TestWriterKeepsLinesWhole(t *testing.T) {
	var out strings.Builder
	w := NewWriter(&out)
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 50 {
				fmt.Fprintf(w, "goroutine %d line %d\n", g, i)
			}
		})
	}
	wg.Wait()
	lines, err := Parse(out.String())
	if err != nil {
		t.Fatal(err)
	}
	if len(lines) != 8*50 {
		t.Fatalf("got %d lines, want %d", len(lines), 8*50)
	}
	for _, l := range lines {
		var g, i int
		if n, err := fmt.Sscanf(l.Text, "goroutine %d line %d", &g, &i); n != 2 || err != nil {
			t.Errorf("line %q was broken up", l.Text)
		}
	}
}

func TestParse(t *testing.T) {
	got, err := Parse("[  10ms] Step 0 complete\n[  35ms] Cancelling...\n[1240ms] late\n")
	if err != nil {
		t.Fatal(err)
	}
	want := []Line{
		{10 * time.Millisecond, "Step 0 complete"},
		{35 * time.Millisecond, "Cancelling..."},
		{1240 * time.Millisecond, "late"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Parse (-want +got):\n%s", diff)
	}
}

func TestParseRejectsUnstampedLines(t *testing.T) {
	for _, text := range []string{"Step 0 complete\n", "[10] x\n", "[  xxms] y\n"} {
		if _, err := Parse(text); err == nil {
			t.Errorf("Parse(%q) succeeded, want an error", text)
		}
	}
}
