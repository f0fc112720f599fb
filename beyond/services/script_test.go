package services

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"slices"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/rogpeppe/go-internal/testscript"
	"go.uber.org/goleak"

	"example.com/cancellation/internal/event"
	"example.com/cancellation/internal/golden"
	"example.com/cancellation/internal/transcript"
)

// TestMain fails the run if any test left a goroutine behind: the live
// tests run real servers on 127.0.0.1, outside any synctest bubble.
func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}

// TestScenarioTranscripts checks the golden transcripts in the course's
// testdata/beyond (beside its own testdata/scenarios, where the course's
// site and figures read them), as lessons' test of the same name does for the
// course's: "scenario NAME" plays a story of this package inside a
// testing/synctest bubble, on the in-memory network, so that its stamps are
// exact. COURSE_REGENERATE=scenarios rewrites the goldens.
func TestScenarioTranscripts(t *testing.T) {
	testscript.RunT(scriptT{t}, testscript.Params{
		Dir:           golden.ScriptDir(t, "../../testdata/beyond", golden.Scenarios),
		UpdateScripts: golden.Regenerating(golden.Scenarios),
		Setup: func(env *testscript.Env) error {
			env.Values[testingTKey{}] = env.T().(scriptT).T
			return nil
		},
		Cmds: map[string]func(*testscript.TestScript, bool, []string){
			"scenario":  cmdScenario,
			"behaviour": cmdBehaviour,
		},
	})
}

type testingTKey struct{}

// scriptT lets testscript run subtests as *testing.T, so that a command can
// recover the *testing.T that synctest.Test needs.
type scriptT struct{ *testing.T }

func (t scriptT) Run(name string, f func(testscript.T)) {
	t.T.Run(name, func(t *testing.T) { f(scriptT{t}) })
}

func (scriptT) Verbose() bool { return testing.Verbose() }

// scenario NAME: play the story NAME in a synctest bubble; its transcript
// is stdout, its events the file "events".
func cmdScenario(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: scenario NAME")
	}
	if _, ok := Stories[args[0]]; !ok {
		ts.Fatalf("unknown story %q", args[0])
	}
	var out strings.Builder
	var events []event.Event
	var err error
	synctest.Test(ts.Value(testingTKey{}).(*testing.T), func(*testing.T) {
		w := transcript.NewWriter(&out)
		err = Play(context.Background(), args[0], slog.New(event.NewHandler(w)))
		events = w.Events()
	})
	if err != nil {
		ts.Fatalf("story %s: %v", args[0], err)
	}
	text, err := inChainOrder(out.String(), events)
	ts.Check(err)
	fmt.Fprint(ts.Stdout(), text)
	ts.Check(os.WriteFile(ts.MkAbs("events"), []byte(event.Format(events)), 0o666))
}

// inChainOrder puts the lines stamped with the instant of a cancel in the
// order the services first appear in the transcript (the caller first),
// keeping the order of each service's own lines. A cancel spreads from
// the caller to the services behind it at one instant of the virtual
// clock, and goroutines that act at one instant act in no defined order:
// this makes the transcript the same on every run. Elsewhere the order is
// the story's own, which the chain of calls and answers fixes.
func inChainOrder(text string, events []event.Event) (string, error) {
	lines, err := transcript.Parse(text)
	if err != nil {
		return "", err
	}
	cancels := map[time.Duration]bool{}
	for _, e := range events {
		if e.Kind == event.Cancel {
			cancels[e.At.Round(time.Millisecond)] = true
		}
	}
	rank := map[string]int{}
	service := func(l transcript.Line) string { s, _, _ := strings.Cut(l.Text, ":"); return s }
	for _, l := range lines {
		if _, ok := rank[service(l)]; !ok {
			rank[service(l)] = len(rank)
		}
	}
	for i := 0; i < len(lines); {
		j := i
		for j < len(lines) && lines[j].At == lines[i].At {
			j++
		}
		if cancels[lines[i].At] {
			slices.SortStableFunc(lines[i:j], func(a, b transcript.Line) int { return rank[service(a)] - rank[service(b)] })
		}
		i = j
	}
	var b strings.Builder
	for _, l := range lines {
		fmt.Fprintf(&b, "%s %s\n", transcript.Stamp(l.At), l.Text)
	}
	return b.String(), nil
}

// behaviour stdout|events GOLDEN: fail, if the output differs from the
// golden file, with what changed in behaviour first, then the line diff.
func cmdBehaviour(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 || args[0] != "stdout" && args[0] != "events" {
		ts.Fatalf("usage: behaviour stdout|events GOLDEN")
	}
	if golden.Regenerating(golden.Scenarios) {
		return
	}
	got, want := ts.ReadFile(args[0]), ts.ReadFile(args[1])
	changes := transcript.Changes(want, got)
	if len(changes) == 0 {
		return
	}
	var b strings.Builder
	fmt.Fprintf(&b, "the story behaves differently from %s:\n", args[1])
	for _, c := range changes {
		fmt.Fprintf(&b, "  - %s\n", c)
	}
	fmt.Fprintf(&b, "\nline by line (-want +got):\n%s\n", cmp.Diff(want, got))
	fmt.Fprintf(&b, "If this change of behaviour is intended, run COURSE_REGENERATE=scenarios go test ./services/ in beyond, and review git diff.")
	ts.Fatalf("%s", b.String())
}
