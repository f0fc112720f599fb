package practice

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// TestExplain runs the tests of a fixture module whose exercises go wrong
// in each way a learner's can, and checks what Explain says of each: the
// learner's file and line, in plain words.
func TestExplain(t *testing.T) {
	race, why := RaceSupport(t.Context())
	tests := []struct {
		pkg      string
		needRace bool
		want     []string
	}{
		{pkg: "03-does-not-compile", want: []string{
			"It does not compile:",
			"  exercises/03-does-not-compile/exercise.go:5:2: declared and not used: y",
		}},
		{pkg: "04-fails", want: []string{
			"Double(1) = 3;",
			"want 2",
			"Double(2) = 5;",
			"want 4",
		}},
		{pkg: "05-races", needRace: true, want: []string{
			"The race detector found a data race: two goroutines used the same memory,",
			"at least one writing, with nothing ordering one before the other:",
			"  exercises/05-races/exercise.go:9: write in (*Flag).Set",
			"  exercises/05-races/exercise.go:12: read in (*Flag).IsSet",
			"Share it through sync/atomic, a mutex or a channel.",
		}},
		{pkg: "06-leaks", want: []string{
			"A goroutine was still blocked when the test ended: a leak. It waits",
			"for something that will never happen:",
			"  exercises/06-leaks/exercise.go:6: chan send, in Worker",
		}},
		{pkg: "07-deadlocks", want: []string{
			"Every goroutine of the test was blocked, waiting for something that will",
			"never happen (a deadlock):",
			"  exercises/07-deadlocks/exercise.go:5: chan receive, in Wait",
		}},
		{pkg: "08-panics", want: []string{
			"It panicked: runtime error: index out of range [0] with length 0 (exercises/08-panics/exercise.go:5, in First)",
		}},
	}
	pkgs := []string{"./02-passes"} // not 09-hangs: TestExplainHang's, which takes a while
	for _, tt := range tests {
		pkgs = append(pkgs, "./"+tt.pkg)
	}
	results, err := Test(t.Context(), "testdata/fixture", pkgs, Options{Race: race})
	if err != nil {
		t.Fatal(err)
	}
	if r := results["example.com/fixture/02-passes"]; r == nil || !r.Passed {
		t.Errorf("02-passes did not pass: %+v", r)
	}
	for _, tt := range tests {
		if tt.needRace && !race {
			t.Logf("%s: skipped: %s", tt.pkg, why)
			continue
		}
		r := results["example.com/fixture/"+tt.pkg]
		if r == nil {
			t.Errorf("%s: no result", tt.pkg)
			continue
		}
		if r.Passed {
			t.Errorf("%s passed; want it to fail", tt.pkg)
		}
		if diff := cmp.Diff(tt.want, Explain(r, "exercises")); diff != "" {
			t.Errorf("%s: Explain (-want +got):\n%s\ngo test printed:\n%s", tt.pkg, diff, r.Output)
		}
	}
}

// TestExplainTimeout: a test binary that runs out of time (a loop that
// never blocks) is named as such, not shown as a stack dump.
func TestExplainTimeout(t *testing.T) {
	out := `{"Action":"output","Package":"example.com/fixture/09-spins","Test":"TestSpin","Output":"=== RUN   TestSpin\n"}
{"Action":"output","Package":"example.com/fixture/09-spins","Test":"TestSpin","Output":"panic: test timed out after 10s\n"}
{"Action":"output","Package":"example.com/fixture/09-spins","Test":"TestSpin","Output":"\trunning tests:\n"}
{"Action":"fail","Package":"example.com/fixture/09-spins"}
`
	r := Parse([]byte(out), "/x")["example.com/fixture/09-spins"]
	if r == nil || !r.TimedOut || r.Passed {
		t.Fatalf("Parse = %+v; want a failed, timed-out result", r)
	}
	if got := strings.Join(Explain(r, "exercises"), "\n"); !strings.Contains(got, "did not end in time") {
		t.Errorf("Explain = %q; want it to say the tests did not end in time", got)
	}
}

// TestExplainHang: a test that never ends because a goroutine waits for a
// sync.Mutex held across a sleep (synctest's clock stands still while it
// waits) is named, with the learner's lines where the goroutines were, and
// the likely cause, within the time-out and not after the test binary's
// ten minutes.
func TestExplainHang(t *testing.T) {
	results, err := Test(t.Context(), "testdata/fixture", []string{"./09-hangs"}, Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	r := results["example.com/fixture/09-hangs"]
	if r == nil || r.Passed || !r.TimedOut {
		t.Fatalf("09-hangs: %+v; want a failed, timed-out result", r)
	}
	want := []string{
		"The tests did not end in time (1s): TestN was still running.",
		"Your code was then at:",
		"  exercises/09-hangs/exercise.go:18: sleep, in (*Counter).Slow",
		"  exercises/09-hangs/exercise.go:24: sync.Mutex.Lock, in (*Counter).N",
		"A goroutine waiting for a sync.Mutex (or RWMutex) is not durably blocked:",
		"while it waits, synctest's clock does not move on, so a lock held across a",
		"sleep or a wait is never let go. Is a lock held while something slow runs?",
	}
	if diff := cmp.Diff(want, Explain(r, "exercises")); diff != "" {
		t.Errorf("Explain (-want +got):\n%s\ngo test printed:\n%s", diff, r.Output)
	}
}

func TestFind(t *testing.T) {
	list := []Exercise{{Number: 2, Name: "02-share-the-flag"}, {Number: 3, Name: "03-check-the-token"}}
	for _, arg := range []string{"3", "03", "check-the-token", "03-check-the-token", "Check-The-Token"} {
		if e, err := Find(list, arg); err != nil || e.Number != 3 {
			t.Errorf("Find(%q) = %v, %v; want exercise 3", arg, e, err)
		}
	}
	_, err := Find(list, "99")
	if got, want := err.Error(), `unknown exercise "99" (they are numbered like the lessons, 2 to 3)`; got != want {
		t.Errorf("Find(99) error = %q; want %q", got, want)
	}
	if got := Ref(list, list[1]); got != "3" {
		t.Errorf("Ref of a lesson's only exercise = %q, want its number", got)
	}
	two := append(list, Exercise{Number: 3, Name: "03-fast-check"})
	_, err = Find(two, "3")
	if got, want := fmt.Sprint(err), "lesson 3 has 2 exercises, check-the-token and fast-check: name one"; got != want {
		t.Errorf("Find(3) with two exercises: error = %q, want %q", got, want)
	}
	if e, err := Find(two, "fast-check"); err != nil || e.Name != "03-fast-check" {
		t.Errorf("Find(fast-check) = %v, %v", e, err)
	}
	if got := Ref(two, two[2]); got != "fast-check" {
		t.Errorf("Ref of one of two exercises = %q, want its short name", got)
	}
}
