package scenario

import (
	"bytes"
	"context"
	"errors"
	"os"
	"testing"
	"testing/synctest"
	"time"

	"github.com/google/go-cmp/cmp"

	"example.com/cancellation/internal/event"
	"example.com/cancellation/internal/transcript"
)

// TestTry plays a story with a learner's numbers on the virtual clock, so
// that every stamp is exact: "lessons run 3 -cancel-after 30ms" runs it
// with COURSE_TRY set. Without it, it has nothing to do.
func TestTry(t *testing.T) {
	spec, out := os.Getenv(TryEnv), os.Getenv(TryOutEnv)
	if spec == "" || out == "" {
		t.Skipf("plays a story with a learner's numbers when %s and %s are set (lessons run N -cancel-after ... sets them)", TryEnv, TryOutEnv)
	}
	name, p, err := ParseTry(spec)
	if err != nil {
		t.Fatal(err)
	}
	var text bytes.Buffer
	var events []event.Event
	synctest.Test(t, func(t *testing.T) {
		w := transcript.NewWriter(&text)
		if err := PlayWith(context.Background(), name, p, w); err != nil {
			t.Fatal(err)
		}
		events = w.Events()
	})
	if err := os.WriteFile(out, text.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(out+".events", []byte(event.Format(events)), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestTryTellsTheLessonsStory: with the lessons' own numbers, each story
// a learner can change tells exactly the story the lesson recorded, line
// for line on the virtual clock: the copy cannot drift from the original.
func TestTryTellsTheLessonsStory(t *testing.T) {
	for name, try := range tries {
		if name == "sums" {
			continue // SumsWith counts checks; Sums shows saturation: other stories
		}
		s, _ := Lookup(name)
		play := func(f func(w *bytes.Buffer)) string {
			var b bytes.Buffer
			synctest.Test(t, func(t *testing.T) { f(&b) })
			return b.String()
		}
		want := play(func(b *bytes.Buffer) { s.Run(context.Background(), transcript.NewWriter(b)) })
		got := play(func(b *bytes.Buffer) { try.Play(Logger(transcript.NewWriter(b)), DefaultParams) })
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s with the default numbers differs from the lesson's story (-lesson +try):\n%s", name, diff)
		}
	}
}

// The learner's numbers change the story as the lesson says they would: a
// cancel at 25ms is seen at 30ms with the polled flag, at 25ms with
// select; steps of 20ms move the stamps.
func TestTryChangesTheStory(t *testing.T) {
	for _, tt := range []struct {
		spec, want string
	}{
		{"std-main -cancel-after 25ms", "[  30ms] Cancelled: cancelled at step 3\n"},
		{"ctx-main -cancel-after 25ms", "[  25ms] Cancelled: cancelled at step 2: context canceled\n"},
		{"std-main -step 20ms", "[  40ms] Cancelled: cancelled at step 2\n"},
		{"std-main -steps 2", "[  35ms] Success: completed all 2 steps\n"}, // done at 20ms, reported after the cancel
		{"sums -items 10 -every 3", "1 + 2 + ... + 10 = 55, true: 4 checks, one every 3 items\n"},
	} {
		name, p, err := ParseTry(tt.spec)
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		synctest.Test(t, func(t *testing.T) {
			PlayWith(context.Background(), name, p, transcript.NewWriter(&b))
		})
		if !bytes.Contains(b.Bytes(), []byte(tt.want)) {
			t.Errorf("%s: the story lacks %q:\n%s", tt.spec, tt.want, b.String())
		}
	}
}

// Numbers a story cannot take are refused, each with a line that says
// which and why.
func TestTryRefusesBadNumbers(t *testing.T) {
	for _, spec := range []string{
		"std-main -cancel-after -1ms",
		"std-main -steps -1",
		"std-main -step 0s",
		"std-main -steps 1000 -step 1s",
		"sums -every 0",
		"sums -items -5",
		"std-main -cancel-after soon",
		"publish -steps 3",
	} {
		_, _, err := ParseTry(spec)
		if err == nil {
			t.Errorf("%s: accepted", spec)
		}
		if spec != "publish -steps 3" && !errors.Is(err, ErrBadParam) {
			t.Errorf("%s: %v, want an error wrapping ErrBadParam", spec, err)
		}
	}
	if _, p, err := ParseTry("std-main -steps 2 -step 1s"); err != nil || p.Step != time.Second {
		t.Errorf("two steps of a second: %v, %+v", err, p)
	}
}
