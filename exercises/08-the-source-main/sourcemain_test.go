package sourcemain

import (
	"bytes"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"
)

const hint = "\nHint: go run ./lessons hint 8"

// line is one line that Main wrote: when (on the virtual clock, from the
// call of Main), and whether the goroutine that called Main wrote it.
type line struct {
	at     time.Duration
	text   string
	byMain bool
}

// stampWriter records the lines written to it. Two goroutines may write to
// it at once.
type stampWriter struct {
	start  time.Time
	mainID string // the goroutine that called Main

	mu      sync.Mutex
	partial []byte
	lines   []line
}

// goroutineID returns the current goroutine's number, from the first line
// of its stack trace ("goroutine 18 [running]:").
func goroutineID() string {
	buf := make([]byte, 64)
	buf = buf[:runtime.Stack(buf, false)]
	id, _, _ := bytes.Cut(bytes.TrimPrefix(buf, []byte("goroutine ")), []byte(" "))
	return string(id)
}

func (w *stampWriter) Write(p []byte) (int, error) {
	at, byMain := time.Since(w.start), goroutineID() == w.mainID
	w.mu.Lock()
	defer w.mu.Unlock()
	w.partial = append(w.partial, p...)
	for {
		text, rest, ok := bytes.Cut(w.partial, []byte("\n"))
		if !ok {
			break
		}
		w.lines = append(w.lines, line{at, string(text), byMain})
		w.partial = rest
	}
	return len(p), nil
}

// The source lesson's transcript, with context: the cancel at 35ms wakes
// the task at once, and the second task starts right away.
var want = []struct {
	at   time.Duration
	text string
}{
	{10 * time.Millisecond, "Step 0 complete"},
	{20 * time.Millisecond, "Step 1 complete"},
	{30 * time.Millisecond, "Step 2 complete"},
	{35 * time.Millisecond, "Cancelling..."},
	{35 * time.Millisecond, "Cancelled: cancelled at step 3: context canceled"},
	{45 * time.Millisecond, "Step 0 complete"},
	{55 * time.Millisecond, "Step 1 complete"},
	{65 * time.Millisecond, "Step 2 complete"},
	{65 * time.Millisecond, "Result: completed all 3 steps"},
}

func TestMainPrintsTheSourceTranscript(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		w := &stampWriter{start: time.Now(), mainID: goroutineID()}
		Main(w)
		took := time.Since(w.start)

		w.mu.Lock()
		got := w.lines
		w.mu.Unlock()
		var gotText, wantText strings.Builder
		for _, l := range got {
			fmt.Fprintf(&gotText, "  [%5v] %s\n", l.at, l.text)
		}
		for _, l := range want {
			fmt.Fprintf(&wantText, "  [%5v] %s\n", l.at, l.text)
		}
		if gotText.String() != wantText.String() {
			t.Fatalf("Main printed (with the virtual time of each line):\n%swant:\n%s"+hint, &gotText, &wantText)
		}
		if took != 65*time.Millisecond {
			t.Fatalf("Main printed the right lines but returned after %v; want it to return at 65ms, once the second task is done"+hint, took)
		}
		for i, l := range got {
			switch {
			case i < 3 && l.byMain:
				t.Fatalf("the first task's line %q was written by the goroutine that called Main; want the 10-step task on a goroutine of its own, while Main sleeps 35ms, prints \"Cancelling...\" and cancels"+hint, l.text)
			case i == 3 || i == 4 || i == 8:
				if !l.byMain {
					t.Fatalf("the line %q was written by another goroutine; want Main itself to print it (\"Cancelled: ...\" once it has waited for the task and has its error)"+hint, l.text)
				}
			}
		}
	})
}
