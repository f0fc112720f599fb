package course_test

import (
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"example.com/cancellation/internal/course"
)

const script = `# a story
scenario std-main
cmp stdout std_main.golden
cmp events std_main.events
-- std_main.golden --
[  10ms] Step 0 complete
[  35ms] Cancelling...
-- std_main.events --
[  10ms] step "task 1"
[  35ms] cancel
`

func TestLoadIndexesEachScenarioOnce(t *testing.T) {
	idx, err := course.LoadRecordings(fstest.MapFS{
		"testdata/scenarios/std.txtar":  {Data: []byte(script)},
		"testdata/scenarios/other.txtt": {Data: []byte("not a script")},
	})
	if err != nil {
		t.Fatal(err)
	}
	r, ok := idx["std-main"]
	if !ok || r.Script != "testdata/scenarios/std.txtar" || len(r.Lines) != 2 || len(r.Record) != 2 {
		t.Fatalf("std-main = %+v, %v", r, ok)
	}
	if got := r.Last(); got != 35*time.Millisecond {
		t.Errorf("Last = %v, want 35ms", got)
	}
	for part, want := range map[string]string{"std_main.golden": "std-main", "std_main.events": "std-main", "other.golden": ""} {
		if got := idx.Of("testdata/scenarios/std.txtar", part); got != want {
			t.Errorf("Of(std.txtar, %s) = %q, want %q", part, got, want)
		}
	}
}

func TestLoadRefusesWhatIsNoRecording(t *testing.T) {
	for name, files := range map[string]fstest.MapFS{
		"twice": {
			"testdata/scenarios/a.txtar": {Data: []byte(script)},
			"testdata/scenarios/b.txtar": {Data: []byte(script)},
		},
		"no transcript":  {"testdata/scenarios/a.txtar": {Data: []byte("scenario x\n")}},
		"a missing part": {"testdata/scenarios/a.txtar": {Data: []byte("scenario x\ncmp stdout x.golden\n")}},
		"a bad events part": {"testdata/scenarios/a.txtar": {Data: []byte(
			strings.Replace(script, `step "task 1"`, "stepped", 1))}},
	} {
		if _, err := course.LoadRecordings(files); err == nil {
			t.Errorf("%s: Load gave no error", name)
		}
	}
}
