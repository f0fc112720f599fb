package transcript

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rogpeppe/go-internal/txtar"
)

const stdMain = `[  10ms] Step 0 complete
[  20ms] Step 1 complete
[  30ms] Step 2 complete
[  35ms] Cancelling...
[  40ms] Step 3 complete
[  40ms] Cancelled: cancelled at step 4
[  50ms] Step 0 complete
[  60ms] Step 1 complete
[  70ms] Step 2 complete
[  70ms] Result: completed all 3 steps
`

func TestChanges(t *testing.T) {
	tests := []struct {
		name, got string
		want      []string
	}{
		{"the same", stdMain, nil},
		{"a cause changed", `[  10ms] Step 0 complete
[  20ms] Step 1 complete
[  30ms] Step 2 complete
[  35ms] Cancelling...
[  40ms] Step 3 complete
[  40ms] Cancelled: cancelled at step 4: shutdown
[  50ms] Step 0 complete
[  60ms] Step 1 complete
[  70ms] Step 2 complete
[  70ms] Result: completed all 3 steps
`, []string{
			`gone: "Cancelled: cancelled at step 4" at 40ms`,
			`new: "Cancelled: cancelled at step 4: shutdown" at 40ms`,
		}},
		{"the order changed", `[  10ms] Step 0 complete
[  20ms] Step 1 complete
[  30ms] Step 2 complete
[  40ms] Step 3 complete
[  35ms] Cancelling...
[  40ms] Cancelled: cancelled at step 4
[  50ms] Step 0 complete
[  60ms] Step 1 complete
[  70ms] Step 2 complete
[  70ms] Result: completed all 3 steps
`, []string{
			"the same lines, in another order",
			`gone: "Cancelling..." at 35ms`,
			`new: "Cancelling..." at 35ms`,
		}},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, Changes(stdMain, tt.got)); diff != "" {
			t.Errorf("%s: Changes (-want +got):\n%s", tt.name, diff)
		}
	}
}

// TestChangesOfARegression: a task that notices the cancel one step late,
// as README.md shows it (testdata/one_step_late.txtar).
func TestChangesOfARegression(t *testing.T) {
	a, err := txtar.ParseFile("testdata/one_step_late.txtar")
	if err != nil {
		t.Fatal(err)
	}
	part := map[string]string{}
	for _, f := range a.Files {
		part[f.Name] = string(f.Data)
	}
	var b strings.Builder
	b.WriteString("the scenario behaves differently from std_main.golden:\n")
	for _, c := range Changes(part["want"], part["got"]) {
		b.WriteString("  - " + c + "\n")
	}
	if diff := cmp.Diff(part["changes"], b.String()); diff != "" {
		t.Errorf("Changes (-want +got):\n%s", diff)
	}
}
