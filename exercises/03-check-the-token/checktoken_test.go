package checktoken

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/synctest"
	"time"
)

const hint = "\nHint: go run ./lessons hint 3"

const (
	beforeStart time.Duration = -1 // cancel the token before calling LongTask
	never       time.Duration = 0  // nobody cancels
)

// outcome is what one run of LongTask did, on the virtual clock.
type outcome struct {
	lines  []string // what it wrote, line by line
	result string
	err    error
	took   time.Duration // virtual time from the call to the return

	// stoppedAt, in an outcome that is wanted, is the step whose check
	// stopped the task (-1: none): the error must name it, "step N", in
	// any message, and wrap ErrCancelled.
	stoppedAt int
}

func (o outcome) String() string {
	errText := "nil"
	switch {
	case o.stoppedAt >= 0:
		errText = fmt.Sprintf("an error that names step %d and wraps ErrCancelled", o.stoppedAt)
	case o.err != nil:
		errText = fmt.Sprintf("%q", o.err.Error())
	}
	return fmt.Sprintf("wrote %s, returned (%q, %s) after %v", describeLines(o.lines), o.result, errText, o.took)
}

var stepNamed = regexp.MustCompile(`\bstep (\d+)\b`)

// matches reports whether got is the outcome o wants: the same lines,
// result and time, and an error that names the step o.stoppedAt (every
// "step N" in its message has that N, and there is one) and wraps
// ErrCancelled, or no error if o wants none.
func (o outcome) matches(got outcome) bool {
	if o.stoppedAt < 0 {
		return got.String() == o.String()
	}
	if got.err == nil || !errors.Is(got.err, ErrCancelled) {
		return false
	}
	named := stepNamed.FindAllStringSubmatch(got.err.Error(), -1)
	for _, m := range named {
		if m[1] != strconv.Itoa(o.stoppedAt) {
			return false
		}
	}
	got.err, got.stoppedAt = nil, o.stoppedAt
	return len(named) > 0 && got.String() == o.String()
}

// describeLines says "Step 0 complete" to "Step 3 complete" for the lines
// of steps 0 to 3, and quotes any other lines.
func describeLines(lines []string) string {
	if len(lines) == 0 {
		return "no lines"
	}
	for i, l := range lines {
		if l != fmt.Sprintf("Step %d complete", i) {
			return fmt.Sprintf("%q", lines)
		}
	}
	if len(lines) == 1 {
		return `"Step 0 complete"`
	}
	return fmt.Sprintf("%q to %q", lines[0], lines[len(lines)-1])
}

// runLongTask calls LongTask(tok, steps, w) in a synctest bubble, with the
// token cancelled at cancelAt (or beforeStart, or never).
func runLongTask(t *testing.T, steps int, cancelAt time.Duration) outcome {
	t.Helper()
	o := outcome{stoppedAt: -1}
	synctest.Test(t, func(t *testing.T) {
		tok := &Token{}
		switch {
		case cancelAt == beforeStart:
			tok.Cancel()
		case cancelAt > 0:
			time.AfterFunc(cancelAt, tok.Cancel)
		}
		var out strings.Builder
		start := time.Now()
		o.result, o.err = LongTask(tok, steps, &out)
		o.took = time.Since(start)
		o.lines = strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
		if out.Len() == 0 {
			o.lines = nil
		}
	})
	return o
}

// expected is what the lesson says LongTask does: it checks the token before
// each step, so a step that has started always runs to its end and the task
// stops at the check before the next one (if there is a next one).
func expected(steps int, cancelAt time.Duration) outcome {
	done := steps // steps completed
	switch {
	case cancelAt == beforeStart:
		done = 0
	case cancelAt > 0:
		done = min(steps, int(cancelAt/StepDuration)+1) // the step under way ends
	}
	o := outcome{took: time.Duration(done) * StepDuration, stoppedAt: -1}
	for i := range done {
		o.lines = append(o.lines, fmt.Sprintf("Step %d complete", i))
	}
	if done < steps {
		o.stoppedAt = done
	} else {
		o.result = fmt.Sprintf("completed all %d steps", steps)
	}
	return o
}

func describeCancel(steps int, cancelAt time.Duration) string {
	switch {
	case cancelAt == beforeStart:
		return fmt.Sprintf("a %d-step task whose token was cancelled before it started", steps)
	case cancelAt == never:
		return fmt.Sprintf("a %d-step task that nobody cancelled", steps)
	case cancelAt >= time.Duration(steps)*StepDuration:
		return fmt.Sprintf("a %d-step task cancelled at %v, after its last step", steps, cancelAt)
	}
	step := int(cancelAt / StepDuration)
	last := ""
	if step == steps-1 {
		last = ", its last step"
	}
	return fmt.Sprintf("a %d-step task cancelled at %v, during step %d%s", steps, cancelAt, step, last)
}

func TestWhenTheCancelIsSeen(t *testing.T) {
	ms := time.Millisecond
	type tc struct {
		steps    int
		cancelAt time.Duration
	}
	tests := []tc{
		{10, beforeStart},
		{10, never},
	}
	for k := range 10 { // during each step of 10, 5ms in
		tests = append(tests, tc{10, time.Duration(k)*StepDuration + 5*ms})
	}
	tests = append(tests,
		tc{10, 500 * time.Microsecond},       // just after the start
		tc{10, 99*ms + 500*time.Microsecond}, // at the end of the last step
		tc{10, 150 * ms},                     // after the end
		tc{3, never},
		tc{3, 15 * ms},
		tc{3, 25 * ms}, // during the last step
		tc{1, beforeStart},
		tc{1, 5 * ms}, // during the only step
		tc{0, never},
		tc{0, beforeStart}, // no step, so no check: nothing to stop
	)
	failed := 0
	for _, tt := range tests {
		if failed == 4 {
			t.Errorf("(and more cases fail: fix these first)" + hint)
			break
		}
		got, want := runLongTask(t, tt.steps, tt.cancelAt), expected(tt.steps, tt.cancelAt)
		if !want.matches(got) {
			failed++
			why := ""
			if want.stoppedAt >= 0 && got.err != nil && !errors.Is(got.err, ErrCancelled) {
				why = "\n  errors.Is(err, ErrCancelled) is false: wrap ErrCancelled with %w"
			}
			t.Errorf("%s:\n  LongTask %v;\n  want: %v%s"+hint,
				describeCancel(tt.steps, tt.cancelAt), got, want, why)
		}
	}
}

// timedWriter records when each line is written, on the bubble's clock.
type timedWriter struct {
	start time.Time
	at    []time.Duration
}

func (w *timedWriter) Write(p []byte) (int, error) {
	for range strings.Count(string(p), "\n") {
		w.at = append(w.at, time.Since(w.start))
	}
	return len(p), nil
}

// TestEachLineAtTheEndOfItsStep: a step's line says it is complete, so it
// is written when the step's work is done: step N's at (N+1) steps' time.
func TestEachLineAtTheEndOfItsStep(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		w := &timedWriter{start: time.Now()}
		if _, err := LongTask(&Token{}, 3, w); err != nil {
			t.Fatalf("a 3-step task that nobody cancelled: LongTask returned %v; want nil"+hint, err)
		}
		want := []time.Duration{StepDuration, 2 * StepDuration, 3 * StepDuration}
		if !slices.Equal(w.at, want) {
			t.Errorf("a 3-step task: its lines were written at %v; want %v: \"Step N complete\" is written when step N's work is done, not before"+hint, w.at, want)
		}
	})
}
