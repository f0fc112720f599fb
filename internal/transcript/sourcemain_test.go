package transcript

import (
	"strings"
	"testing"
)

func TestCheckSourceMain(t *testing.T) {
	const second = "Step 0 complete\nStep 1 complete\nStep 2 complete\nResult: completed all 3 steps\n"
	tests := []struct {
		name, out, cancelled, wantErr string
	}{
		{"flag: seen at the next check", "Step 0 complete\nStep 1 complete\nStep 2 complete\nCancelling...\nStep 3 complete\nCancelled: cancelled at step 4\n" + second, "", ""},
		{"waking: woken in step 3", "Step 0 complete\nStep 1 complete\nStep 2 complete\nCancelling...\nCancelled: cancelled at step 3\n" + second, "", ""},
		{"a slow clock: cancelled early", "Step 0 complete\nCancelling...\nCancelled: cancelled at step 1\n" + second, "", ""},
		{"asyncio's own line", "Step 0 complete\nCancelling...\n(cleaning up at step 1)\nCancelled: the task raised CancelledError\n" + second, "Cancelled: the task raised CancelledError", ""},
		{"a step skipped", "Step 0 complete\nStep 2 complete\nCancelling...\nCancelled: cancelled at step 3\n", "", `"Step 2 complete", want "Step 1 complete"`},
		{"stopped at the wrong step", "Step 0 complete\nCancelling...\nCancelled: cancelled at step 5\n", "", `want "Cancelled: cancelled at step 1"`},
		{"no cancel announced", "Step 0 complete\nCancelled: cancelled at step 1\n", "", "no Cancelling..."},
		{"never stopped", "Step 0 complete\nCancelling...\nStep 1 complete\n", "", "never reported"},
		{"stamped, with the context's reason", "[  10ms] Step 0 complete\n[  35ms] Cancelling...\n[  35ms] Cancelled: cancelled at step 1: context canceled\n", "", ""},
		{"second task cut short", "Cancelling...\nCancelled: cancelled at step 0\nStep 0 complete\nResult: completed all 3 steps\n", "", "did not run its 3 steps"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckSourceMain(tt.out, tt.cancelled)
			switch {
			case tt.wantErr == "" && err != nil:
				t.Errorf("CheckSourceMain: %v, want no error", err)
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Errorf("CheckSourceMain error = %v, want one containing %q", err, tt.wantErr)
			}
		})
	}
}
