package sourcemain

import (
	"strings"
	"sync"
	"testing"
	"testing/synctest"
)

const hint = "\nHint: go run ./lessons hint 8"

// safeBuilder is a strings.Builder two goroutines may write to.
type safeBuilder struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *safeBuilder) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func TestMainPrintsTheSourceTranscript(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var out safeBuilder
		Main(&out)
		want := `Step 0 complete
Step 1 complete
Step 2 complete
Cancelling...
Cancelled: cancelled at step 3: context canceled
Step 0 complete
Step 1 complete
Step 2 complete
Result: completed all 3 steps
`
		if got := out.b.String(); got != want {
			t.Fatalf("Main printed:\n%s\nwant:\n%s"+hint, got, want)
		}
	})
}
